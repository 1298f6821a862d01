// The slide themes, chosen by the deck's `theme` directive: Marp Core's own (default, gaia, uncover,
// built from @marp-team/marp-core by build/marp-themes.ts) and Deckhand's (deckhand-light, dark, and the
// course's deckhand). Each styles `section` elements under the `.dh-deck` wrapper, as Marp themes do. A
// deck naming no theme, or one Deckhand does not have, gets Marp's default, as in Marp.
import { MARP_THEMES } from 'virtual:marp-themes';
import './auto-scaling.css';
import './code-colours.css';
import './code-actions.css';
import './deckhand-base.css';
import './deckhand-light.css';
import './dark.css';
import './deckhand.css';

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
