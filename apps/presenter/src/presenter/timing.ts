// Time for the presenter view: the deck's `duration` directive, clock formats, and the pace hint that
// compares where the talk is with where it should be by now.

/** Reads `45m`, `1h30m`, `1h 30min`, `90s`, `2700s` or a bare number of minutes. Null when unreadable. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number' && value > 0) return value * 60_000;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 60_000;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000 };
  let total = 0;
  let rest = text;
  const part = /^(\d+(?:\.\d+)?)\s*(hours?|h|minutes?|mins?|m|seconds?|secs?|s)\s*/;
  while (rest) {
    const match = part.exec(rest);
    if (!match) return null;
    total += Number(match[1]) * (units[(match[2] ?? 'm')[0] as string] ?? 0);
    rest = rest.slice(match[0].length);
  }
  return total > 0 ? total : null;
}

/** 0:05, 12:34, 1:02:03. */
export function formatSpan(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (ms < 0 ? '−' : '') + (h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`);
}

export type Pace = { state: 'on-time' } | { state: 'ahead' | 'behind'; minutes: number };

/**
 * Where the talk should be after `elapsed` of `duration`, slides spread evenly, compared with the
 * slide shown. Within one slide's worth of time counts as on time.
 */
export function paceOf(elapsed: number, duration: number, current: number, total: number): Pace {
  if (total < 2 || duration <= 0) return { state: 'on-time' };
  const perSlide = duration / total;
  const expectedSlide = elapsed / perSlide + 1;
  const slidesAhead = current - expectedSlide;
  if (Math.abs(slidesAhead) <= 1) return { state: 'on-time' };
  const minutes = Math.max(1, Math.round((Math.abs(slidesAhead) * perSlide) / 60_000));
  return { state: slidesAhead > 0 ? 'ahead' : 'behind', minutes };
}
