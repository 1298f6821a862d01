// What open views of a deck tell each other. The same messages travel over BroadcastChannel (windows
// of one browser) and over the server's /ws/presenter (other devices); `from` and `seq` let a window
// drop the copy that arrives by the second path.
export type LayoutName = 'slide' | 'split' | 'terminal';

export type SyncBody =
  | { type: 'hello'; deck: string }
  | { type: 'slide'; deck: string; slide: number; /** Only for this view (an answer to its hello). */ to?: string }
  | { type: 'layout'; deck: string; layout: LayoutName }
  /** The terminal tab on show (a block's `term`, a click on a tab); `to` as for 'slide'. */
  | { type: 'terminal-tab'; deck: string; term: number; to?: string }
  /** A tip or solution opened or closed: the `index`th `<details>` of slide `slide`. */
  | { type: 'details'; deck: string; slide: number; index: number; open: boolean }
  | { type: 'run'; deck: string; block: string }
  | { type: 'stop'; deck: string; block: string }
  | { type: 'deck-changed'; deck: string };

export type SyncMessage = SyncBody & { from?: string; seq?: number };

export function isSyncMessage(value: unknown): value is SyncMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; deck?: unknown };
  return typeof message.type === 'string' && typeof message.deck === 'string';
}
