// One terminal tab: an xterm.js bound to a live session (`term` N of this browser), with its status
// (reconnecting, ended) and warnings (ending soon) shown over it. Hidden tabs stay connected. In the
// offline reader the tab replays recordings instead, with replay controls above it.
import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { LiveTerminalSource } from './live-terminal-source';
import { RecordingTerminalSource } from './recording-terminal-source';
import { ReplayControls } from './ReplayControls';
import { openTerminalLink } from './safe-links';
import type { EndingWarning, TerminalSource, TerminalStatus } from './terminal-source';

export interface TerminalLook {
  fontSize: number;
  tone: 'light' | 'dark';
  screenReaderMode: boolean;
}

const TONES = {
  dark: { background: '#111418', foreground: '#e6e6e6', cursor: '#e6e6e6', selectionBackground: '#3a4452' },
  light: { background: '#fbfbfa', foreground: '#1d2430', cursor: '#1d2430', selectionBackground: '#c9d7ea' },
} as const;

/** What a tab offers its pane: the pane routes runs and output observers through it. */
export interface TabHandle {
  source: TerminalSource;
  terminal: Terminal;
}

export interface TerminalTabProps {
  term: number;
  active: boolean;
  look: TerminalLook;
  onHandle(term: number, handle: TabHandle | null): void;
  /** A follower watching the trainer's shared terminal: no keyboard, no new shell. */
  watch?: boolean;
}

export function TerminalTab({ term, active, look, onHandle, watch = false }: TerminalTabProps) {
  const host = useRef<HTMLDivElement>(null);
  const xterm = useRef<{ terminal: Terminal; fit: FitAddon } | null>(null);
  const [status, setStatus] = useState<TerminalStatus>({ state: 'connecting' });
  const [warning, setWarning] = useState<EndingWarning | null>(null);
  const [generation, setGeneration] = useState(0);
  // The reader's source lives as long as the tab: the replay controls hold on to it.
  const [recording] = useState(() => (__DECKHAND_READER__ ? new RecordingTerminalSource() : null));

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const terminal = new Terminal({
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 15,
      // No blinking cursor (VS Code's default too): xterm's DOM renderer blinks with a CSS animation,
      // which keeps the page drawing a frame every 16 ms, and Chromium then handles the echo's
      // WebSocket message only after the frame the key press scheduled, then draws it a frame later:
      // echo p50 27 ms with it, 8 ms without (docs/benchmarks.md, terminal).
      cursorBlink: false,
      scrollback: 5000,
      allowProposedApi: false,
      linkHandler: { activate: openTerminalLink, allowNonHttpProtocols: false },
      disableStdin: watch,
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.loadAddon(new WebLinksAddon(openTerminalLink));
    terminal.open(element);
    fit.fit();
    const source: TerminalSource = __DECKHAND_READER__ ? (recording as RecordingTerminalSource) : new LiveTerminalSource({ term, cols: terminal.cols, rows: terminal.rows, watch });
    source.bind({
      write: (data, parsed) => terminal.write(data, parsed),
      // Through the write queue, so it lands after anything still being parsed: ESC c, a full reset.
      reset: () => terminal.write('\x1bc'),
    });
    const offStatus = source.onStatus(setStatus);
    const offWarning = source.onWarning(setWarning);
    const input = terminal.onData((data) => source.sendInput(data));
    const resize = terminal.onResize(({ cols, rows }) => source.resize(cols, rows));
    const observer = new ResizeObserver(() => {
      if (element.offsetWidth > 0 && element.offsetHeight > 0) fit.fit();
    });
    observer.observe(element);
    xterm.current = { terminal, fit };
    onHandle(term, { source, terminal });
    return () => {
      xterm.current = null;
      onHandle(term, null);
      observer.disconnect();
      input.dispose();
      resize.dispose();
      offStatus();
      offWarning();
      source.dispose();
      terminal.dispose();
    };
  }, [term, onHandle, generation, recording, watch]);

  useEffect(() => {
    const current = xterm.current;
    if (!current) return;
    current.terminal.options.fontSize = look.fontSize;
    current.terminal.options.theme = TONES[look.tone];
    current.terminal.options.screenReaderMode = look.screenReaderMode;
    if (active) current.fit.fit();
  }, [look.fontSize, look.tone, look.screenReaderMode, active, generation]);

  const ended = status.state === 'exited' || status.state === 'closed';
  return (
    <div className="terminal-tab" hidden={!active} data-term={term} data-replay={recording ? 'true' : undefined}>
      {recording && <ReplayControls source={recording} />}
      <div className="terminal-host" ref={host} data-testid={active ? 'terminal' : 'terminal-background'} data-status={status.state} />
      {status.state === 'reconnecting' && (
        <div className="terminal-notice" role="status">
          Connection lost: reconnecting to the same shell{status.attempt > 1 ? ` (attempt ${status.attempt})` : ''}…
        </div>
      )}
      {warning && !ended && <EndingBanner warning={warning} />}
      {ended && (
        <div className="terminal-ended" role="status">
          <p>
            {status.state === 'exited'
              ? `The shell exited with code ${status.code}${status.signal ? ` (signal ${status.signal})` : ''}.`
              : status.reason}
          </p>
          {!watch && (
            <button type="button" onClick={() => setGeneration((n) => n + 1)}>
              Start a new shell
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function EndingBanner({ warning }: { warning: EndingWarning }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.round((warning.at - now) / 1000));
  return (
    <div className="terminal-notice terminal-warning" role="alert">
      {warning.reason === 'idle'
        ? `This shell has been idle and ends in ${seconds} s: press a key in it to keep it.`
        : `This shell reaches its maximum lifetime and ends in ${seconds} s.`}
    </div>
  );
}
