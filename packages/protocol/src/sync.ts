// What open views of a deck tell each other (the presenter view, audience screens, a phone clicker),
// over BroadcastChannel in one browser and over the server's /ws/presenter across devices. Both ends
// check every message against this schema: the server relays only what passes (rebuilt from the known
// fields), and a page acts only on what passes, so a hostile peer cannot make another view open a
// terminal tab that does not exist or jump to slide 1e9.
import { MAX_DETAILS, MAX_SLIDES, MAX_TERMINAL_TABS } from './limits';
import { POSITION_FIELDS, REPORT_FIELDS, type FollowerReport, type TrainerPosition } from './follow';
import { arrayOf, boolean, integer, name, nullable, oneOf, optional, parseMessage, text, type Check } from './schema';

export const LAYOUT_NAMES = ['slide', 'split', 'terminal'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

/** How an attendee's own Deckhand is following a trainer's (`deckhand serve --follow URL`). */
export const FOLLOW_STATES = ['connecting', 'following', 'refused', 'stopped'] as const;
export type FollowState = (typeof FOLLOW_STATES)[number];

/** The trainer's dashboard: followers on the trainer's deck and slide, behind, ahead, elsewhere. */
export interface FollowersSummary {
  deck: string | null;
  slide: number;
  connected: number;
  here: number;
  behind: number;
  ahead: number;
  elsewhere: number;
  /** For each exercise of the trainer's deck that someone marked done: [exercise id, how many]. */
  done: [string, number][];
  /** The names followers gave, at most MAX_LISTED_NAMES. */
  names: string[];
  /** The terminal tab followers may watch, or null when the trainer shares none. */
  terminal: number | null;
}

export const MAX_LISTED_NAMES = 100;

export type SyncBody =
  /** A view opening (its slide, if it has one: the server learns where the trainer is). */
  | { type: 'hello'; deck: string; slide?: number }
  | { type: 'slide'; deck: string; slide: number; /** Only for this view (an answer to its hello). */ to?: string }
  | { type: 'layout'; deck: string; layout: LayoutName }
  /** The terminal tab on show (a block's `term`, a click on a tab); `to` as for 'slide'. */
  | { type: 'terminal-tab'; deck: string; term: number; to?: string }
  /** A tip or solution opened or closed: the `index`th `<details>` of slide `slide`. */
  | { type: 'details'; deck: string; slide: number; index: number; open: boolean }
  | { type: 'run'; deck: string; block: string }
  | { type: 'stop'; deck: string; block: string }
  /** The trainer lets followers watch terminal tab `term` of the page with client id `client` (or stops). */
  | { type: 'share-terminal'; deck: string; term: number; client: string; on: boolean }
  /** A view of an attendee's own Deckhand telling the trainer's how far it is (forwarded upstream). */
  | ({ type: 'report' } & FollowerReport)
  /** Only the server says this (deck-watch): the deck's file changed. */
  | { type: 'deck-changed'; deck: string }
  /** Only the server says this: the trainer's followers, for the dashboard. */
  | ({ type: 'followers' } & FollowersSummary)
  /** Only an attendee's own server says this: where the trainer it follows is, and how the link is. */
  | ({ type: 'trainer'; state: FollowState; trainer: string } & TrainerPosition);

export type SyncMessage = SyncBody & { from?: string; seq?: number };

const FIELDS: Record<SyncBody['type'], Record<string, Check>> = {
  hello: { deck: name, slide: optional(integer(0, MAX_SLIDES)) },
  slide: { deck: name, slide: integer(0, MAX_SLIDES), to: optional(name) },
  layout: { deck: name, layout: oneOf(LAYOUT_NAMES) },
  'terminal-tab': { deck: name, term: integer(1, MAX_TERMINAL_TABS), to: optional(name) },
  details: { deck: name, slide: integer(0, MAX_SLIDES), index: integer(0, MAX_DETAILS), open: boolean },
  run: { deck: name, block: name },
  stop: { deck: name, block: name },
  'share-terminal': { deck: name, term: integer(1, MAX_TERMINAL_TABS), client: name, on: boolean },
  report: REPORT_FIELDS,
  'deck-changed': { deck: name },
  followers: {
    deck: nullable(name),
    slide: integer(0, MAX_SLIDES),
    connected: integer(0, 1e6),
    here: integer(0, 1e6),
    behind: integer(0, 1e6),
    ahead: integer(0, 1e6),
    elsewhere: integer(0, 1e6),
    done: arrayOf((entry) => Array.isArray(entry) && entry.length === 2 && name(entry[0]) && integer(0, 1e6)(entry[1]), 500),
    names: arrayOf(text(64), MAX_LISTED_NAMES),
    terminal: nullable(integer(1, MAX_TERMINAL_TABS)),
  },
  trainer: { ...POSITION_FIELDS, state: oneOf(FOLLOW_STATES), trainer: text(300) },
};
const ENVELOPE: Record<string, Check> = { from: optional(name), seq: optional(integer(0, Number.MAX_SAFE_INTEGER)) };

/** Messages only the server sends; a view that sends one is refused. */
export const SERVER_ONLY_SYNC_TYPES: readonly SyncBody['type'][] = ['deck-changed', 'followers', 'trainer'];

/**
 * The message as a well-formed SyncMessage with only its known fields, or undefined when it is not one
 * (an unknown type, a missing or out-of-range field). Unknown extra fields are dropped, not refused.
 */
export function parseSyncMessage(value: unknown): SyncMessage | undefined {
  return parseMessage<SyncMessage>(value, FIELDS, ENVELOPE);
}
