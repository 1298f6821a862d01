// The terminal pane: xterm.js bound to a TerminalSource. Loaded on demand (React.lazy), so the slide
// view's first load does not carry the terminal code.
import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import { LiveTerminalSource } from './live-terminal-source';
import type { TerminalStatus } from './terminal-source';
import { keystrokesFor, type TerminalController } from './terminal-controller';

export interface TerminalPaneProps {
  onReady(controller: TerminalController | null): void;
  /** Font size in CSS pixels (the presenter app lets the trainer enlarge it for a projector). */
  fontSize?: number;
  /** Follows the slide theme. */
  tone?: 'light' | 'dark';
  /** xterm's screen-reader mode, switched on from the presenter app's toolbar. */
  screenReaderMode?: boolean;
}

const TONES = {
  dark: { background: '#111418', foreground: '#e6e6e6', cursor: '#e6e6e6', selectionBackground: '#3a4452' },
  light: { background: '#fbfbfa', foreground: '#1d2430', cursor: '#1d2430', selectionBackground: '#c9d7ea' },
} as const;

export default function TerminalPane({ onReady, fontSize = 15, tone = 'dark', screenReaderMode = false }: TerminalPaneProps) {
  const host = useRef<HTMLDivElement>(null);
  const xterm = useRef<{ terminal: Terminal; fit: FitAddon } | null>(null);
  const [status, setStatus] = useState<TerminalStatus>({ state: 'connecting' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const terminal = new Terminal({
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 15,
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.loadAddon(new WebLinksAddon());
    terminal.open(element);
    fit.fit();
    const source = new LiveTerminalSource({ cols: terminal.cols, rows: terminal.rows });
    const offOutput = source.onOutput((data) => terminal.write(data));
    const offStatus = source.onStatus(setStatus);
    const input = terminal.onData((data) => source.sendInput(data));
    const resize = terminal.onResize(({ cols, rows }) => source.resize(cols, rows));
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(element);
    onReady({
      run(request) {
        source.sendInput(keystrokesFor(request));
        terminal.focus();
      },
      focus: () => terminal.focus(),
      onOutput: (listener) => source.onOutput(listener),
    });
    xterm.current = { terminal, fit };
    return () => {
      xterm.current = null;
      onReady(null);
      observer.disconnect();
      input.dispose();
      resize.dispose();
      offOutput();
      offStatus();
      source.dispose();
      terminal.dispose();
    };
  }, [onReady, generation]);

  useEffect(() => {
    const current = xterm.current;
    if (!current) return;
    current.terminal.options.fontSize = fontSize;
    current.terminal.options.theme = TONES[tone];
    current.terminal.options.screenReaderMode = screenReaderMode;
    current.fit.fit();
  }, [fontSize, tone, screenReaderMode, generation]);

  const ended = status.state === 'exited' || status.state === 'closed';
  return (
    <section className="terminal-pane" data-tone={tone} aria-label="Terminal">
      <div className="terminal-host" ref={host} data-testid="terminal" data-status={status.state} />
      {ended && (
        <div className="terminal-ended" role="status">
          <p>
            {status.state === 'exited'
              ? `The shell exited with code ${status.code}${status.signal ? ` (signal ${status.signal})` : ''}.`
              : status.reason}
          </p>
          <button type="button" onClick={() => setGeneration((n) => n + 1)}>
            Start a new shell
          </button>
        </div>
      )}
    </section>
  );
}
