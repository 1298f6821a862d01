// What every view of an open deck gets from DeckScreen: the deck, where we are, how to move, how to
// run blocks, the terminal's settings, the layout and the exercises.
import type { LoadedDeck } from '../deck-access/api';
import type { ExerciseRef } from '../exercises/exercises';
import type { ExerciseProgress } from '../exercises/use-exercise-progress';
import type { TerminalSettings } from '../layout/TerminalSlot';
import type { CodeActions } from '../slides/code-actions';
import type { LayoutName } from '@deckhand/protocol';
import type { TerminalController } from '../terminal/terminal-controller';
import type { RehearsalRecording } from '../presenter/use-rehearsal-recording';

export interface DeckSession {
  deck: LoadedDeck;
  current: number;
  total: number;
  go(slide: number): void;
  actions: CodeActions;
  running: ReadonlySet<string>;
  terminal: TerminalSettings;
  onTerminalReady(controller: TerminalController | null): void;
  changeFontSize(step: number): void;
  toggleScreenReaderMode(): void;
  layout: LayoutName;
  setLayout(layout: LayoutName): void;
  exercises: ExerciseRef[];
  progress: ExerciseProgress;
  openOverview(): void;
  /** Absent on a follower's page: the presenter view is the trainer's. */
  openPresenter?: () => void;
  openHelp(): void;
  /** The offline reader's course search (a no-op in the live presenter). */
  openSearch(): void;
  /** "Record runs" for the offline reader, in the live presenter view. */
  rehearsal: RehearsalRecording;
}
