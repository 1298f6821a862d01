// A setting remembered in this browser (localStorage), as JSON. Storage can be blocked (private modes,
// some embeds): then reading gives the fallback and writing does nothing. React-free, so the reader's
// first paint (reader/first-paint.ts) reads the same settings the app will.
/** Settings the reader's first paint reads as well as the app: the layout, the divider's position, and
 *  the offline reader's notes and recorded outputs switches. */
export const LAYOUT_SETTING = 'deckhand.layout';
export const SPLIT_SETTING = 'deckhand.split';
export const READER_NOTES_SETTING = 'deckhand.reader.notes';
export const READER_OUTPUTS_SETTING = 'deckhand.reader.outputs';

export function readStored<T>(key: string, fallback: T, valid: (value: unknown) => value is T): T {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return fallback;
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage blocked or full: the setting lasts for this page only.
  }
}

export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
