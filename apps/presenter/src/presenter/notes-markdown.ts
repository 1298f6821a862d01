// Speaker notes are Markdown (the text of a slide's HTML comments). They are rendered with raw HTML
// shown as text and links limited to http(s) and in-deck addresses, so a note can never run script.
import { Marked } from 'marked';

const notesMarked = new Marked({ gfm: true });
notesMarked.use({
  renderer: {
    html(token) {
      return escapeHtml(token.text);
    },
    link(token) {
      const safe = /^(https?:|#|\/)/i.test(token.href) ? token.href : null;
      const text = this.parser.parseInline(token.tokens);
      return safe ? `<a href="${escapeHtml(safe)}" target="_blank" rel="noopener noreferrer">${text}</a>` : text;
    },
    image(token) {
      return escapeHtml(token.text);
    },
  },
});

export function renderNotes(notes: string[]): string {
  return notes.map((note) => notesMarked.parse(note, { async: false })).join('');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
