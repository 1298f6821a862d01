// Which theme a deck's slides get, and whether they are light or dark: React- and CSS-free, so the
// reader's first paint (reader/first-paint.ts) decides as the app does. The styles are in themes.ts.
import { MARP_THEMES } from 'virtual:marp-themes';

export const DECKHAND_THEMES = ['deckhand-light', 'dark', 'deckhand'] as const;

export function themeOf(name: unknown): string {
  return [...MARP_THEMES, ...DECKHAND_THEMES].find((theme) => theme === name) ?? 'default';
}

/** Whether code on the slides and the terminal beside them should be light or dark: the theme's, or
 *  dark where the deck's `class` directive inverts every slide (Marp's `invert`, gaia's `gaia`). */
export function themeTone(theme: string, deckClass: unknown): 'light' | 'dark' {
  const classes = typeof deckClass === 'string' ? deckClass.split(/\s+/) : [];
  if (theme === 'dark' || classes.includes('invert')) return 'dark';
  return theme === 'gaia' && classes.includes('gaia') ? 'dark' : 'light';
}
