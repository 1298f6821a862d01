// Elapsed time (pause, reset), clock, countdown when the deck sets a duration, and the pace hint.
import { formatSpan, paceOf } from './timing';
import type { TalkClock } from './use-talk-clock';

export function TalkTimer({ clock, duration, current, total }: { clock: TalkClock; duration: number | null; current: number; total: number }) {
  const pace = duration ? paceOf(clock.elapsed, duration, current, total) : null;
  return (
    <div className="talk-timer" role="group" aria-label="Timer">
      <span className="timer-elapsed" data-testid="elapsed" aria-label="Elapsed time">
        {formatSpan(clock.elapsed)}
      </span>
      <button type="button" onClick={clock.togglePause}>
        {clock.paused ? 'Resume' : 'Pause'}
      </button>
      <button type="button" onClick={clock.reset}>
        Reset
      </button>
      {duration !== null && (
        <span className="timer-countdown" data-testid="countdown" aria-label="Time left">
          {formatSpan(duration - clock.elapsed)} left
        </span>
      )}
      {pace && (
        <span className={`timer-pace pace-${pace.state}`} data-testid="pace">
          {pace.state === 'on-time' ? 'On time' : `${pace.minutes} min ${pace.state}`}
        </span>
      )}
      <time className="timer-clock" aria-label="Clock">
        {new Date(clock.now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
      </time>
    </div>
  );
}
