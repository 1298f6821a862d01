// A few checks for JSON messages from an untrusted peer, and one way to apply them: a message passes
// when every field its type declares passes its check, and comes back rebuilt from those fields alone
// (unknown fields dropped, so nothing else travels on). Used by the sync and follow messages.
export type Check = (value: unknown) => boolean;

/** Deck ids, block ids, view ids, exercise ids: short non-empty strings. */
export const MAX_NAME_LENGTH = 256;

export const name: Check = (value) => typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;
export const boolean: Check = (value) => typeof value === 'boolean';

export const integer =
  (min: number, max: number): Check =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

export const text =
  (maxLength: number): Check =>
  (value) =>
    typeof value === 'string' && value.length <= maxLength;

export const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);

export const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);

export const oneOf =
  (choices: readonly unknown[]): Check =>
  (value) =>
    choices.includes(value);

export const arrayOf =
  (check: Check, maxLength: number): Check =>
  (value) =>
    Array.isArray(value) && value.length <= maxLength && value.every(check);

/**
 * The message rebuilt from the fields `types[type]` declares (plus `common`), or undefined when it has
 * an unknown type or a field fails its check.
 */
export function parseMessage<T>(value: unknown, types: Record<string, Record<string, Check>>, common: Record<string, Check> = {}): T | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !Object.hasOwn(types, type)) return undefined;
  const message: Record<string, unknown> = { type };
  for (const [field, check] of Object.entries({ ...types[type], ...common })) {
    const fieldValue = Object.hasOwn(record, field) ? record[field] : undefined;
    if (!check(fieldValue)) return undefined;
    if (fieldValue !== undefined) message[field] = fieldValue;
  }
  return message as T;
}

/** The JSON value of a message's text, or undefined when it is not JSON (then no schema passes it). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
