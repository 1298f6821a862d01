// "Record runs" in the presenter view: during a rehearsal, each block's run in the live terminal is
// recorded from Run until its prompt comes back (or Stop), and sent to the server, which writes it where
// `deckhand record` does, for the offline reader. Off by default, and for this browser tab only.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { saveRehearsal } from '../deck-access/api';
import type { RunRecorder } from '../runs/use-block-runs';

/** Wide, as `deckhand record` records: the reader's copy of the text does not wrap lines the trainer saw whole. */
const RECORDED_SIZE = { cols: 200, rows: 50 };

export interface RehearsalRecording {
  on: boolean;
  toggle(): void;
  /** The last recording's fate, for the presenter: "Recorded …", or why not. */
  status: string | null;
  recorder: RunRecorder | undefined;
}

export function useRehearsalRecording(deck: string): RehearsalRecording {
  const [on, setOn] = useState(() => sessionStorage.getItem('deckhand.rehearsal') === 'on');
  const [status, setStatus] = useState<string | null>(null);
  // The recorder's code loads when recording is switched on, not with every page.
  const [recording, setRecording] = useState<typeof import('@deckhand/recording') | null>(null);
  useEffect(() => {
    if (on && !recording) void import('@deckhand/recording').then(setRecording);
  }, [on, recording]);
  const toggle = useCallback(() => {
    setOn((current) => {
      sessionStorage.setItem('deckhand.rehearsal', current ? 'off' : 'on');
      return !current;
    });
    setStatus(null);
  }, []);

  const recorder = useMemo<RunRecorder | undefined>(
    () =>
      on && recording
        ? {
            start(block) {
              const { RecordingBuilder, writeCastV3 } = recording;
              const builder = new RecordingBuilder(RECORDED_SIZE);
              const decoder = new TextDecoder();
              // The prompt was on screen before Run; the shell echoes the command itself.
              builder.output('$ ');
              return {
                output: (data) => builder.output(decoder.decode(data, { stream: true })),
                end: () => {
                  const label = block.commands[0]?.split('\n')[0] ?? block.id;
                  const problem = builder.problem();
                  if (problem) return setStatus(`Not recorded: ${problem}`);
                  saveRehearsal(deck, block.id, writeCastV3(builder.finish({ title: label }))).then(
                    () => setStatus(`Recorded: ${label}`),
                    (error: unknown) => setStatus(`Not recorded: ${error instanceof Error ? error.message : String(error)}`),
                  );
                },
              };
            },
          }
        : undefined,
    [on, recording, deck],
  );
  return { on, toggle, status, recorder };
}
