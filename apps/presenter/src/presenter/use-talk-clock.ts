// The presenter's clocks: the time of day and the talk's elapsed time, which can be paused and reset.
// The talk's start is remembered per deck in the browser, so reloading the presenter view in the
// middle of a class keeps the elapsed time. Ticks once a second.
import { useEffect, useState } from 'react';
import { readStored, writeStored } from '../settings/stored';
import { useStoredState } from '../settings/use-stored-state';

export interface TalkClock {
  now: number;
  elapsed: number;
  paused: boolean;
  togglePause(): void;
  reset(): void;
}

/** A start older than this is yesterday's class: the clock starts afresh. */
const STALE_AFTER_MS = 12 * 3_600_000;

interface TalkTimer {
  startedAt: number;
  pausedAt: number | null;
}

const isTalkTimer = (value: unknown): value is TalkTimer => {
  const timer = value as Partial<TalkTimer> | null;
  return typeof timer?.startedAt === 'number' && (timer.pausedAt === null || typeof timer.pausedAt === 'number');
};

export function useTalkClock(deck: string): TalkClock {
  const [now, setNow] = useState(() => Date.now());
  const key = `deckhand.talk.${deck}`;
  const [fresh] = useState<TalkTimer>(() => {
    const start = { startedAt: Date.now(), pausedAt: null };
    // The talk starts when the presenter view first opens; remember that moment for reloads.
    const saved = readStored<TalkTimer | null>(key, null, isTalkTimer);
    if (saved === null || start.startedAt - saved.startedAt > STALE_AFTER_MS) writeStored(key, start);
    return start;
  });
  const [stored, setTimer] = useStoredState<TalkTimer>(key, fresh, isTalkTimer);
  const timer = now - stored.startedAt > STALE_AFTER_MS ? fresh : stored;

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  const elapsed = Math.max(0, (timer.pausedAt ?? now) - timer.startedAt);
  return {
    now,
    elapsed,
    paused: timer.pausedAt !== null,
    togglePause: () =>
      setTimer((saved) => {
        const at = Date.now();
        const current = at - saved.startedAt > STALE_AFTER_MS ? { startedAt: at, pausedAt: null } : saved;
        return current.pausedAt === null
          ? { ...current, pausedAt: at }
          : { startedAt: current.startedAt + (at - current.pausedAt), pausedAt: null };
      }),
    reset: () => {
      setNow(Date.now());
      setTimer({ startedAt: Date.now(), pausedAt: null });
    },
  };
}
