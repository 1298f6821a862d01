// Marp Core's fitting heading: `# <!-- fit --> Title` is scaled to fill the slide's width on one line.
// The deck package only marks it (as Marp Core marks it with `data-auto-scaling`); the presenter app
// fits it after layout (apps/presenter/src/slides/auto-scaling.ts), since only a browser knows how wide
// the text is in the slide's theme.
import type { Tokens } from 'marked';

/** Set on a heading token that carries the `<!-- fit -->` comment. */
export const FITTING_HEADING = 'deckhandFittingHeading';

const FIT_COMMENT = /^<!--\s*fit\s*-->$/;

/** Whether a heading has Marp's `fit` keyword comment among its inline tokens. */
export function isFittingHeading(heading: Tokens.Heading): boolean {
  return heading.tokens.some((token) => token.type === 'html' && FIT_COMMENT.test(token.text.trim()));
}

/** `<hN data-fitting-heading><span data-fitting-text>…</span></hN>`: the span is what gets measured. */
export function renderFittingHeading(depth: number, content: string): string {
  return `<h${depth} data-fitting-heading=""><span data-fitting-text="">${content.trim()}</span></h${depth}>\n`;
}
