// The terminal session flags of `deckhand serve`: how long a shell waits for its page to come back,
// and when idle or old shells end. Durations are seconds, or a number with s, m or h.
import type { SessionLimits } from '@deckhand/server';
import { UsageError } from './usage-error';

export const SESSION_FLAGS = {
  grace: { type: 'string' },
  'idle-timeout': { type: 'string' },
  'max-lifetime': { type: 'string' },
} as const;

export const SESSION_USAGE = `  --grace T         keep a shell this long after its page disconnects, for a reload or a
                    network drop to get it back (default 60s)
  --idle-timeout T  end a shell after this long without input or output (default 1h; 0 = never)
  --max-lifetime T  end a shell this long after it started (default 12h; 0 = never)
                    The page warns a minute before either end. T: 90, 90s, 15m, 2h.`;

export function sessionLimitsFromFlags(
  values: { grace?: string; 'idle-timeout'?: string; 'max-lifetime'?: string },
  usage: string,
): Partial<SessionLimits> {
  const limits: Partial<SessionLimits> = {};
  if (values.grace !== undefined) limits.graceMs = durationMs(values.grace, '--grace', usage);
  if (values['idle-timeout'] !== undefined) limits.idleTimeoutMs = durationMs(values['idle-timeout'], '--idle-timeout', usage);
  if (values['max-lifetime'] !== undefined) limits.maxLifetimeMs = durationMs(values['max-lifetime'], '--max-lifetime', usage);
  return limits;
}

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000 };

export function durationMs(value: string, flag: string, usage: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([smh]?)$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag} must be a duration such as 90, 90s, 15m or 2h, got "${value}"`, usage);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? '']!);
}
