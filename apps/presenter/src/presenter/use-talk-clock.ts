// The presenter's clocks: the time of day and the talk's elapsed time, which can be paused and reset.
// Ticks once a second.
import { useEffect, useState } from 'react';

export interface TalkClock {
  now: number;
  elapsed: number;
  paused: boolean;
  togglePause(): void;
  reset(): void;
}

export function useTalkClock(): TalkClock {
  const [now, setNow] = useState(() => Date.now());
  const [timer, setTimer] = useState<{ startedAt: number; pausedAt: number | null }>(() => ({ startedAt: Date.now(), pausedAt: null }));

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
      setTimer((current) => {
        const at = Date.now();
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
