// Keeps the terminal tab on show in step with the other views of the deck: when the presenter runs a
// `term=2` block or clicks "Terminal 2", the audience screen shows terminal 2 too. A view whose terminal
// pane is not mounted yet (slide-only layout) remembers the tab and shows it when the pane appears; a
// view that opens later learns it in the answer to its hello.
import { useCallback, useEffect, useRef } from 'react';
import type { TerminalController } from '../terminal/terminal-controller';
import type { SyncChannel } from './sync-channel';

/** The tab on show in this page's views of each deck (what the trainer shares with followers). */
const shownTabs = new Map<string, number>();
export const shownTerminalTab = (deck: string): number => shownTabs.get(deck) ?? 1;

/** Returns what to call with the terminal pane's controller when it mounts (and with null when it goes). */
export function useTerminalTabSync(sync: SyncChannel, deck: string): (controller: TerminalController | null) => void {
  const shown = useRef(1);
  const controller = useRef<TerminalController | null>(null);
  const offTabShown = useRef<(() => void) | null>(null);

  const attach = useCallback(
    (next: TerminalController | null) => {
      offTabShown.current?.();
      offTabShown.current = null;
      controller.current = next;
      if (!next) return;
      if (shown.current !== 1) next.showTab?.(shown.current);
      offTabShown.current =
        next.onTabShown?.((term) => {
          if (term === shown.current) return;
          shown.current = term;
          shownTabs.set(deck, term);
          sync.send({ type: 'terminal-tab', deck, term });
        }) ?? null;
    },
    [sync, deck],
  );

  useEffect(
    () =>
      sync.onMessage((message) => {
        if (message.deck !== deck) return;
        if (message.type === 'hello' && shown.current !== 1) sync.send({ type: 'terminal-tab', deck, term: shown.current, to: message.from });
        else if (message.type === 'terminal-tab' && message.term !== shown.current) {
          shown.current = message.term;
          shownTabs.set(deck, message.term);
          controller.current?.showTab?.(message.term);
        }
      }),
    [sync, deck],
  );

  useEffect(() => () => offTabShown.current?.(), []);
  return attach;
}
