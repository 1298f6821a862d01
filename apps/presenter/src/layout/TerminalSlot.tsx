// Where a terminal pane goes in a view. The pane's code is loaded on demand (React.lazy) the first time
// a terminal is shown, so a slide-only first load does not carry xterm.js.
import { lazy, memo, Suspense } from 'react';
import type { TerminalController } from '../terminal/terminal-controller';

const TerminalPane = lazy(() => import('../terminal/TerminalPane'));

export interface TerminalSettings {
  fontSize: number;
  tone: 'light' | 'dark';
  screenReaderMode: boolean;
}

/** Memoised: a slide change re-renders the view around it, and the terminal has nothing to redo then. */
export const TerminalSlot = memo(function TerminalSlot({ settings, onReady }: { settings: TerminalSettings; onReady(controller: TerminalController | null): void }) {
  return (
    <Suspense fallback={<section className="terminal-pane terminal-loading">Loading terminal…</section>}>
      <TerminalPane onReady={onReady} fontSize={settings.fontSize} tone={settings.tone} screenReaderMode={settings.screenReaderMode} />
    </Suspense>
  );
});
