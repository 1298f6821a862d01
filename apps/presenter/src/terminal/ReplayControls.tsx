// The offline reader's controls over a replayed recording: play/pause, restart, speed (1×, 2×, at once)
// and a position bar to seek, with the time. A block without a recording says so (its Copy button on
// the slide still gives the commands).
import { useEffect, useState } from 'react';
import type { RecordingTerminalSource, ReplaySpeed, ReplayState } from './recording-terminal-source';

const SPEEDS: Array<[ReplaySpeed, string, string]> = [
  [1, '1×', 'Replay at the recorded pace'],
  [2, '2×', 'Replay twice as fast'],
  ['instant', 'Instant', 'Show the whole output at once'],
];

export function ReplayControls({ source }: { source: RecordingTerminalSource }) {
  const [state, setState] = useState<ReplayState | null>(null);
  useEffect(() => source.onReplay(setState), [source]);
  if (!state) return null;
  const speeds = (
    <span className="replay-speeds" role="group" aria-label="Speed">
      {SPEEDS.map(([speed, label, title]) => (
        <button key={String(speed)} type="button" aria-pressed={state.speed === speed} title={title} onClick={() => source.setSpeed(speed)}>
          {label}
        </button>
      ))}
    </span>
  );
  if (state.kind !== 'loaded') {
    return (
      <div className="replay-controls" role="group" aria-label="Replay">
        {speeds}
        <span className="replay-note" role="status">
          {state.kind === 'idle' ? (
            'Recorded runs: press Run on a block to replay what it printed.'
          ) : (
            <>
              No recording of <code>{state.title}</code>: this course was built without one (Copy on the slide gives the commands).
            </>
          )}
        </span>
      </div>
    );
  }
  return (
    <div className="replay-controls" role="group" aria-label="Replay">
      <button type="button" onClick={() => source.togglePlay()} aria-label={state.playing ? 'Pause' : 'Play'} title={state.playing ? 'Pause' : 'Play'}>
        {state.playing ? '❚❚' : '▶'}
      </button>
      <button type="button" onClick={() => source.restart()} aria-label="Restart" title="Restart">
        ⟲
      </button>
      {speeds}
      <input
        type="range"
        className="replay-position"
        aria-label="Position in the recording"
        min={0}
        max={Math.max(state.duration, 0.001)}
        step={0.01}
        value={state.position}
        onChange={(event) => source.seek(Number(event.target.value))}
      />
      <span className="replay-time" aria-label="Time">
        {seconds(state.position)} / {seconds(state.duration)}
      </span>
      {state.problem && <span className="replay-problem">{state.problem}</span>}
    </div>
  );
}

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}
