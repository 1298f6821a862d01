// The offline reader's part of the slide toolbar: the course's decks, notes under the slide, every
// recorded output on the slide, and search.
import type { ReaderSettings } from './use-reader-settings';

export function ReaderTools({ settings, openSearch }: { settings: ReaderSettings; openSearch(): void }) {
  return (
    <div className="toolbar-group" role="group" aria-label="Reading">
      <a className="toolbar-link" href="#/">
        Decks
      </a>
      <button type="button" aria-pressed={settings.notes} onClick={settings.toggleNotes} title="Show the speaker notes under the slide">
        Notes
      </button>
      <button type="button" aria-pressed={settings.outputs} onClick={settings.toggleOutputs} title="Show what every block printed, on the slide">
        All outputs
      </button>
      <button type="button" onClick={openSearch} title="Search the course (/)">
        Search
      </button>
    </div>
  );
}
