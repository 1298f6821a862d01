// Keeps secrets out of recordings: every occurrence of a secret in output or input is replaced before
// a recording is written, including one that arrived split over two events (a pty delivers output in
// arbitrary pieces). Which strings are secret is the caller's to say (the server's access token, the
// values of secret-looking environment variables: see secretsIn).
import type { CastEvent } from './asciicast';

export const REDACTED = '[redacted]';
/** Shorter values (`1`, `yes`) would blank out ordinary output; no real secret is this short. */
const MIN_SECRET_LENGTH = 8;
/** Environment variables whose values are secrets by their name. */
const SECRET_NAME = /TOKEN|SECRET|PASSW|PASSPHRASE|API_?KEY|PRIVATE|CREDENTIAL|AUTH|SESSION|COOKIE/i;

/** The values of an environment's secret-looking variables, to pass to redact(). */
export function secretsIn(environment: Record<string, string | undefined>): string[] {
  return Object.entries(environment)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length >= MIN_SECRET_LENGTH)
    .map(([, value]) => value as string);
}

export function redact(events: readonly CastEvent[], secrets: readonly string[]): CastEvent[] {
  const wanted = [...new Set(secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH))];
  let result = events.map((event) => ({ ...event }));
  if (wanted.length === 0) return result;
  result = joinSplitSecrets(result, wanted);
  for (const event of result) {
    if (event.code !== 'o' && event.code !== 'i') continue;
    for (const secret of wanted) event.data = event.data.split(secret).join(REDACTED);
  }
  return result;
}

/** Merges consecutive events of one stream when a secret starts in one and ends in a later one. */
function joinSplitSecrets(events: CastEvent[], secrets: string[]): CastEvent[] {
  for (const code of ['o', 'i'] as const) {
    for (;;) {
      const stream = events.map((event, index) => ({ event, index })).filter(({ event }) => event.code === code);
      const text = stream.map(({ event }) => event.data).join('');
      const starts: number[] = [];
      let offset = 0;
      for (const { event } of stream) {
        starts.push(offset);
        offset += event.data.length;
      }
      const owner = (position: number): number => {
        let found = 0;
        for (let i = 0; i < starts.length; i++) if ((starts[i] as number) <= position) found = i;
        return found;
      };
      let merge: [number, number] | null = null;
      for (const secret of secrets) {
        for (let at = text.indexOf(secret); at !== -1 && !merge; at = text.indexOf(secret, at + 1)) {
          const first = owner(at);
          const last = owner(at + secret.length - 1);
          if (first !== last) merge = [first, last];
        }
        if (merge) break;
      }
      if (!merge) break;
      const [first, last] = merge;
      const kept = stream[first]?.event as CastEvent;
      const absorbed = stream.slice(first + 1, last + 1).map(({ index }) => index);
      kept.data += absorbed.map((index) => (events[index] as CastEvent).data).join('');
      const drop = new Set(absorbed);
      events = events.filter((_, index) => !drop.has(index));
    }
  }
  return events;
}
