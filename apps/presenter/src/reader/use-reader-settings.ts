// The offline reader's own switches, remembered in this browser: notes under the slide, and every
// block's recorded output shown on the slide ("show all outputs") to read without replaying.
import { isBoolean, READER_NOTES_SETTING, READER_OUTPUTS_SETTING } from '../settings/stored';
import { useStoredState } from '../settings/use-stored-state';

export interface ReaderSettings {
  notes: boolean;
  outputs: boolean;
  toggleNotes(): void;
  toggleOutputs(): void;
}

export function useReaderSettings(): ReaderSettings {
  const [notes, setNotes] = useStoredState(READER_NOTES_SETTING, true, isBoolean);
  const [outputs, setOutputs] = useStoredState(READER_OUTPUTS_SETTING, false, isBoolean);
  return { notes, outputs, toggleNotes: () => setNotes((on) => !on), toggleOutputs: () => setOutputs((on) => !on) };
}
