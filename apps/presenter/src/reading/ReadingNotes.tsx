// The speaker notes under a slide in the offline reader's reading view. Loaded on demand (the live app
// never shows notes there), so the Markdown renderer stays out of the live app's first load.
import { renderNotes } from '../presenter/notes-markdown';

export default function ReadingNotes({ notes }: { notes: string[] }) {
  return <aside className="reading-notes" aria-label="Notes" dangerouslySetInnerHTML={{ __html: renderNotes(notes) }} />;
}
