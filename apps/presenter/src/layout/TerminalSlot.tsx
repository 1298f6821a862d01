// Where a terminal pane goes in a view. The pane's code is loaded on demand (React.lazy) the first time
// a terminal is shown, so a slide-only first load does not carry xterm.js; and the pane is made after
// the page's first paint, so the slide is on screen before the terminal's work starts.
import { lazy, memo, Suspense, useEffect, useState } from 'react';
import { afterNextPaint } from '../after-paint';
import type { TerminalController } from '../terminal/terminal-controller';

const TerminalPane = lazy(() => import('../terminal/TerminalPane'));
const WatchPane = lazy(() => import('../terminal/WatchPane'));

export interface TerminalSettings {
  fontSize: number;
  tone: 'light' | 'dark';
  screenReaderMode: boolean;
  /**
   * A follower's page has no shell of its own: it shows the trainer's terminal tab `watch` read-only
   * while the trainer shares one (null: none shared). Undefined for a page with shells.
   */
  watch?: number | null;
}

/** Memoised: a slide change re-renders the view around it, and the terminal has nothing to redo then. */
export const TerminalSlot = memo(function TerminalSlot({ settings, onReady }: { settings: TerminalSettings; onReady(controller: TerminalController | null): void }) {
  const fallback = <section className="terminal-pane terminal-loading">Loading terminal…</section>;
  const painted = useAfterFirstPaint();
  if (!painted) return fallback;
  if (settings.watch !== undefined) {
    const look = { fontSize: settings.fontSize, tone: settings.tone, screenReaderMode: settings.screenReaderMode };
    if (settings.watch === null) return <section className="terminal-pane terminal-loading">The trainer is not sharing a terminal.</section>;
    return (
      <Suspense fallback={fallback}>
        <WatchPane term={settings.watch} look={look} />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={fallback}>
      <TerminalPane onReady={onReady} fontSize={settings.fontSize} tone={settings.tone} screenReaderMode={settings.screenReaderMode} />
    </Suspense>
  );
});

/** A hidden page draws no frames: then the pane is made this long after all. */
const PAINT_AT_LATEST_MS = 100;

/** False until the frame after the one this component first appeared in has been drawn. */
function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => (painted ? undefined : afterNextPaint(() => setPainted(true), PAINT_AT_LATEST_MS)), [painted]);
  return painted;
}
