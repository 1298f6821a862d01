// The print view's address (`deckhand pdf` opens the reader there): `#!print/slides` or
// `#!print/handout`. Not a `#/` route, so no deck name can collide with it.
export type PrintKind = 'slides' | 'handout';

export function printKind(hash: string = window.location.hash): PrintKind | null {
  const match = /^#!print\/(slides|handout)\b/.exec(hash);
  return match ? (match[1] as PrintKind) : null;
}
