// The deck's own CSS (its `style` directive and <style> elements), already scoped by the deck package
// to `.dh-deck`. Set as text, never as HTML.
export function DeckStyle({ css }: { css: string }) {
  return css ? <style data-deck-style="">{css}</style> : null;
}
