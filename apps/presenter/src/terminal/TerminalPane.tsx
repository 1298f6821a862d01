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
}

export default function TerminalPane({ onReady }: TerminalPaneProps) {
  const host = useRef<HTMLDivElement>(null);
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
    });
    return () => {
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

  const ended = status.state === 'exited' || status.state === 'closed';
  return (
    <section className="terminal-pane" aria-label="Terminal">
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
