// The pages of the class link (`/join/?class=…`), served as plain HTML with no script: a form where an
// attendee gives a name, and clear answers when the class is full, the name is taken or the link is
// old. Every piece of text that came from a request is escaped.
const STYLE = `body{font:18px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}input,button{font:inherit;padding:.4rem .6rem}button{cursor:pointer}.note{color:#555}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Deckhand</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The form where an attendee names themselves. */
export function nameForm(classToken: string, problem?: string): string {
  return page(
    'Join the class',
    `<h1>Join the class</h1>
${problem ? `<p role="alert"><strong>${escapeHtml(problem)}</strong></p>` : ''}
<form method="post" action="/join/">
<input type="hidden" name="class" value="${escapeHtml(classToken)}">
<label>Your name <input name="name" required maxlength="40" autocomplete="name" autofocus></label>
<button type="submit">Join</button>
</form>
<p class="note">You get your own terminal for the exercises. Your name, in a corner of the page, shows your own link: it opens the same terminal on another device.</p>`,
  );
}

export function classFull(max: number): string {
  return page(
    'The class is full',
    `<h1>The class is full</h1><p>This class takes ${max} attendees, and all places are taken. Ask the trainer for a place.</p>`,
  );
}

export function notValid(): string {
  return page('Not a valid class link', '<h1>This class link is not valid</h1><p>The class may have ended, or the link was mistyped. Ask the trainer for the current one.</p>');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
