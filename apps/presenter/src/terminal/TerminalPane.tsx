// The terminal pane: tabs of live terminals (terminal 1, 2, …), each its own shell on the server (in
// the offline reader: each replaying the recordings of the blocks run in it).
// A runnable block's `term` option picks the tab (opened on demand). The open tabs are remembered for
// the browser tab, so a reload brings back the same shells with their screens. Loaded on demand
// (React.lazy), so the slide view's first load does not carry the terminal code.
import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_TERMINAL_TABS } from '@deckhand/protocol';
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { TerminalTab, type TabHandle, type TerminalLook } from './TerminalTab';
import { keystrokesFor, type RunRequest, type TerminalController } from './terminal-controller';
import { Listeners } from './terminal-source';

const TABS_KEY = 'deckhand.terminal.tabs';

export interface TerminalPaneProps {
  onReady(controller: TerminalController | null): void;
  /** Font size in CSS pixels (the presenter app lets the trainer enlarge it for a projector). */
  fontSize?: number;
  /** Follows the slide theme. */
  tone?: 'light' | 'dark';
  /** xterm's screen-reader mode, switched on from the presenter app's toolbar. */
  screenReaderMode?: boolean;
}

export default function TerminalPane({ onReady, fontSize = 15, tone = 'dark', screenReaderMode = false }: TerminalPaneProps) {
  const [tabs, setTabs] = useState<number[]>(readTabs);
  const [active, setActive] = useState(1);
  /** Bumped for new shells: every tab mounts afresh and opens a session (the ended ones are gone). */
  const [shells, setShells] = useState(0);
  const handles = useRef(new Map<number, TabHandle>());
  const pendingRuns = useRef(new Map<number, RunRequest[]>());
  const observers = useRef(new Map<number, Listeners<Uint8Array>>());
  const unsubscribe = useRef(new Map<number, () => void>());
  const lastRunTerm = useRef(1);
  const tabShown = useRef(new Listeners<number>());
  const shownTab = useRef(1);

  useEffect(() => {
    if (active === shownTab.current) return;
    shownTab.current = active;
    tabShown.current.emit(active);
  }, [active]);

  useEffect(() => {
    sessionStorage.setItem(TABS_KEY, JSON.stringify(tabs));
  }, [tabs]);

  const observersOf = (term: number): Listeners<Uint8Array> => {
    let list = observers.current.get(term);
    if (!list) observers.current.set(term, (list = new Listeners<Uint8Array>()));
    return list;
  };

  const runIn = (handle: TabHandle, request: RunRequest): void => {
    if (request.replay && handle.source.play) handle.source.play(request.replay.run, request.replay.title);
    else handle.source.sendInput(keystrokesFor(request));
    handle.terminal.focus();
  };

  const onHandle = useCallback((term: number, handle: TabHandle | null) => {
    unsubscribe.current.get(term)?.();
    unsubscribe.current.delete(term);
    if (!handle) {
      handles.current.delete(term);
      return;
    }
    handles.current.set(term, handle);
    unsubscribe.current.set(term, handle.source.onOutput((data) => observersOf(term).emit(data)));
    for (const request of pendingRuns.current.get(term) ?? []) runIn(handle, request);
    pendingRuns.current.delete(term);
  }, []);

  const open = useCallback((term: number) => {
    setTabs((current) => (current.includes(term) ? current : [...current, term].sort((a, b) => a - b)));
    setActive(term);
  }, []);

  useEffect(() => {
    onReady({
      run(request) {
        const term = Math.min(MAX_TERMINAL_TABS, Math.max(1, Math.trunc(request.term ?? 1)));
        lastRunTerm.current = term;
        open(term);
        const handle = handles.current.get(term);
        if (handle) runIn(handle, request);
        else pendingRuns.current.set(term, [...(pendingRuns.current.get(term) ?? []), request]);
      },
      focus: () => handles.current.get(lastRunTerm.current)?.terminal.focus(),
      onOutput: (listener) => observersOf(lastRunTerm.current).add(listener),
      showTab(term) {
        shownTab.current = term;
        open(term);
      },
      onTabShown: (listener) => tabShown.current.add(listener),
      newShells: () => setShells((n) => n + 1),
    });
    return () => onReady(null);
  }, [onReady, open]);

  const close = (term: number): void => {
    if (term === 1) return;
    setTabs((current) => current.filter((t) => t !== term));
    if (active === term) setActive(1);
  };

  const look: TerminalLook = { fontSize, tone, screenReaderMode };
  const next = Array.from({ length: MAX_TERMINAL_TABS }, (_, i) => i + 1).find((term) => !tabs.includes(term));
  return (
    <section className="terminal-pane" data-tone={tone} aria-label="Terminal">
      <div className="terminal-tabs" role="tablist" aria-label="Terminals">
        {tabs.map((term) => (
          <span key={term} className="terminal-tab-label" data-active={term === active}>
            <button type="button" role="tab" aria-selected={term === active} onClick={() => setActive(term)}>
              Terminal {term}
            </button>
            {term !== 1 && (
              <button type="button" className="terminal-tab-close" aria-label={`Close terminal ${term}`} onClick={() => close(term)}>
                ×
              </button>
            )}
          </span>
        ))}
        {next && !__DECKHAND_READER__ && (
          <button type="button" className="terminal-tab-new" aria-label="New terminal" title="New terminal" onClick={() => open(next)}>
            +
          </button>
        )}
      </div>
      <div className="terminal-tab-area">
        {tabs.map((term) => (
          <TerminalTab key={`${term}:${shells}`} term={term} active={term === active} look={look} onHandle={onHandle} />
        ))}
      </div>
    </section>
  );
}

function readTabs(): number[] {
  try {
    const stored = JSON.parse(sessionStorage.getItem(TABS_KEY) ?? '[1]') as unknown;
    if (Array.isArray(stored)) {
      const tabs = stored.filter((t): t is number => Number.isInteger(t) && t >= 1 && t <= MAX_TERMINAL_TABS);
      if (tabs.includes(1)) return [...new Set(tabs)].sort((a, b) => a - b);
    }
  } catch {
    // unreadable: start with one terminal
  }
  return [1];
}
