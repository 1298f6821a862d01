import { describe, expect, it } from 'vitest';
import { scopeDeckCss } from './deck-css';
import { parseDeck } from './parse-deck';

describe('deck CSS scoping', () => {
  it('scopes section, :root and element selectors to the deck, as Marpit does', () => {
    const { css } = scopeDeckCss('section { color: red }\n:root { --x: 1 }\nh1, .lead p { margin: 0 }\nsection.lead::after { content: "" }');
    expect(css).toBe(
      '.dh-deck > section { color: red }\n.dh-deck > section { --x: 1 }\n' +
      '.dh-deck > section h1, .dh-deck > section .lead p { margin: 0 }\n.dh-deck > section.lead::after { content: "" }',
    );
  });

  it('scopes rules inside @media but leaves @font-face and @keyframes alone', () => {
    const { css } = scopeDeckCss('@media print { h1 { color: red } }\n@keyframes spin { from { opacity: 0 } }');
    expect(css).toBe('@media print { .dh-deck > section h1 { color: red } }\n@keyframes spin { from { opacity: 0 } }');
  });

  it('drops @import with a reason, since decks work offline', () => {
    const result = scopeDeckCss('@import url("https://fonts.example/x.css");\nh1 { color: red }');
    expect(result.css).not.toContain('@import');
    expect(result.problems[0]).toMatch(/@import .* was dropped/);
  });

  it('cannot escape its scope or its <style> element', () => {
    const { css } = scopeDeckCss('} body { display: none } </style><script>alert(1)</script>');
    expect(css).not.toMatch(/<\/style/i);
    expect(css.split('\n').filter((line) => line.includes('{') && !line.trimStart().startsWith('.dh-deck'))).toEqual([]);
  });

  it('collects <style> from slides into Deck.css and keeps it out of the slide HTML', () => {
    const deck = parseDeck('<style>\nh2 { color: blue }\n</style>\n\n# One\n\n---\n\n<style scoped>p { margin: 0 }</style>\n\nText\n');
    expect(deck.css).toBe('\n.dh-deck > section h2 { color: blue }\n\n.dh-deck > section[data-index="2"] p { margin: 0 }');
    expect(deck.slides.map((slide) => slide.html)).toEqual(['<h1>One</h1>\n', '<p>Text</p>\n']);
  });

  it('turns CSS it cannot read into a warning with the line', () => {
    const deck = parseDeck('# One\n\n<style>\nh1 { color: red\n</style>\n');
    expect(deck.warnings).toEqual([{ line: 3, message: expect.stringMatching(/CSS could not be read/) }]);
  });
});

describe('URLs in deck CSS', () => {
  it('resolves relative url()s in styles and background directives to where the deck\'s files are served', () => {
    const deck = parseDeck(
      "<!-- _backgroundImage: url('images/hero.svg') -->\n<style>\nsection { background: url(images/bg.svg) }\nh1 { background: url(https://example.com/x.png) }\n</style>\n# One\n",
      { resolveUrl: (url) => `/files/${url}` },
    );
    expect(deck.slides[0]?.section.style).toBe("background-image:url('/files/images/hero.svg');background-position:center;background-repeat:no-repeat;background-size:cover");
    expect(deck.css).toContain('.dh-deck > section { background: url(/files/images/bg.svg) }');
    expect(deck.css).toContain('url(https://example.com/x.png)');
  });
});
