// Marp's themes scoped for Deckhand: every rule reaches only the slides of a deck on that theme, weighs
// what a deck's own CSS weighs, and what Marp does outside CSS is handed over as custom properties.
import { Marp } from '@marp-team/marp-core';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import { scopeDeckCss } from './deck-css';
import { scopeThemeCss, skipBackgroundLayer } from './theme-css';

const marpThemeCss = (theme: string): string =>
  new Marp({ container: false, inlineSVG: false, printable: false, script: false }).render(`---\ntheme: ${theme}\n---\n`).css;

function selectors(css: string): string[] {
  const found: string[] = [];
  postcss.parse(css).walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
    found.push(...rule.selectors);
  });
  return found;
}

describe('Marp Core\'s themes, scoped', () => {
  for (const theme of ['default', 'gaia', 'uncover']) {
    it(`scopes every rule of ${theme} to decks on that theme, drops web fonts, and hands over auto-scaling`, () => {
      const css = scopeThemeCss(marpThemeCss(theme), theme);
      const scoped = selectors(css);
      expect(scoped.length).toBeGreaterThan(50);
      for (const selector of scoped) expect(selector.startsWith(`.dh-deck:where([data-theme="${theme}"]) > `), selector).toBe(true);
      expect(css).not.toMatch(/@import|@charset|@page/);
      expect(css).not.toMatch(/::part\(auto-scaling\)\s*\{[^}]*--dh/);
      expect(css).toMatch(/:is\(h1, marp-h1\)[^{]*\{--dh-auto-scaling-max-height:\d+px\}/);
      expect(css).toMatch(/--dh-slide-padding-left:[\d.]+px;--dh-slide-padding-right:[\d.]+px/);
      // The slide fills the canvas the presenter sizes to the deck, after the theme's own 1280×720.
      expect(css.trimEnd().endsWith(`.dh-deck:where([data-theme="${theme}"]) > section{width:100%;height:100%}`)).toBe(true);
    });
  }

  it('refuses a selector that would reach outside the slides', () => {
    expect(() => scopeThemeCss('body { color: red }', 'x')).toThrow(/not scoped to a slide/);
  });

  it('weighs what the same selector in a deck\'s own CSS weighs, so the deck wins where it wins in Marp', () => {
    const theme = selectors(scopeThemeCss('section h1 { color: red }', 'gaia'))[0];
    const deck = selectors(scopeDeckCss('h1 { color: blue }').css)[0];
    expect(theme).toBe('.dh-deck:where([data-theme="gaia"]) > section h1');
    expect(deck).toBe('.dh-deck > section h1');
  });
});

describe('structural pseudo-classes skip the background layer', () => {
  it('counts only content, weighing what the original weighed', () => {
    expect(skipBackgroundLayer('section>:first-child')).toBe('section>:nth-child(1 of :where(:not(.dh-backgrounds)))');
    expect(skipBackgroundLayer('section>:last-child')).toBe('section>:nth-last-child(1 of :where(:not(.dh-backgrounds)))');
    expect(skipBackgroundLayer('section[data-header]>:nth-child(2)')).toBe('section[data-header]>:nth-child(2 of :where(:not(.dh-backgrounds)))');
    expect(skipBackgroundLayer('tr:nth-child(odd) td')).toBe('tr:nth-child(odd of :where(:not(.dh-backgrounds))) td');
    expect(skipBackgroundLayer('li:nth-child(2 of .x)')).toBe('li:nth-child(2 of .x)');
    expect(skipBackgroundLayer('section h1')).toBe('section h1');
  });

  it('applies to a deck\'s own CSS too', () => {
    expect(scopeDeckCss('section > :first-child { margin-top: 0 }').css).toContain('.dh-deck > section > :nth-child(1 of :where(:not(.dh-backgrounds)))');
  });
});
