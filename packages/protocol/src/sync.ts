// What open views of a deck tell each other (the presenter view, audience screens, a phone clicker),
// over BroadcastChannel in one browser and over the server's /ws/presenter across devices. Both ends
// check every message against this schema: the server relays only what passes (rebuilt from the known
// fields), and a page acts only on what passes, so a hostile peer cannot make another view open a
// terminal tab that does not exist or jump to slide 1e9.
import { MAX_TERMINAL_TABS } from './frames';

/** More slides than any deck has; a slide number beyond it is not a slide. */
export const MAX_SLIDES = 10_000;
/** Tips and solutions on one slide. */
const MAX_DETAILS = 1_000;
/** Deck ids, block ids and view ids are short names. */
const MAX_NAME_LENGTH = 256;

export const LAYOUT_NAMES = ['slide', 'split', 'terminal'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

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
  /** Only the server says this (deck-watch): the deck's file changed. */
  | { type: 'deck-changed'; deck: string };

export type SyncMessage = SyncBody & { from?: string; seq?: number };

type Check = (value: unknown) => boolean;
const name: Check = (value) => typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;
const integer =
  (min: number, max: number): Check =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);

const FIELDS: Record<SyncBody['type'], Record<string, Check>> = {
  hello: { deck: name },
  slide: { deck: name, slide: integer(0, MAX_SLIDES), to: optional(name) },
  layout: { deck: name, layout: (value) => (LAYOUT_NAMES as readonly unknown[]).includes(value) },
  'terminal-tab': { deck: name, term: integer(1, MAX_TERMINAL_TABS), to: optional(name) },
  details: { deck: name, slide: integer(0, MAX_SLIDES), index: integer(0, MAX_DETAILS), open: (value) => typeof value === 'boolean' },
  run: { deck: name, block: name },
  stop: { deck: name, block: name },
  'deck-changed': { deck: name },
};
const ENVELOPE: Record<string, Check> = { from: optional(name), seq: optional(integer(0, Number.MAX_SAFE_INTEGER)) };

/** Messages only the server sends; a view that sends one is refused. */
export const SERVER_ONLY_SYNC_TYPES: readonly SyncBody['type'][] = ['deck-changed'];

/**
 * The message as a well-formed SyncMessage with only its known fields, or undefined when it is not one
 * (an unknown type, a missing or out-of-range field). Unknown extra fields are dropped, not refused.
 */
export function parseSyncMessage(value: unknown): SyncMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !Object.hasOwn(FIELDS, type)) return undefined;
  const fields = { ...FIELDS[type as SyncBody['type']], ...ENVELOPE };
  const message: Record<string, unknown> = { type };
  for (const [field, check] of Object.entries(fields)) {
    const fieldValue = Object.hasOwn(record, field) ? record[field] : undefined;
    if (!check(fieldValue)) return undefined;
    if (fieldValue !== undefined) message[field] = fieldValue;
  }
  return message as SyncMessage;
}
