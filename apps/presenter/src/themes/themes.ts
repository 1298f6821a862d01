// The slide themes, chosen by the deck's `theme` directive. Each is a CSS file styling `section`
// elements under the `.dh-deck` wrapper, as Marp themes do; an unknown name falls back to the default.
import './base.css';
import './default.css';
import './dark.css';
import './deckhand.css';

export const THEMES = ['default', 'dark', 'deckhand'] as const;
export type ThemeName = (typeof THEMES)[number];

export function themeOf(name: unknown): ThemeName {
  return THEMES.find((theme) => theme === name) ?? 'default';
}

/** Whether code on the slides and the terminal beside them should be light or dark. */
export function themeTone(theme: ThemeName): 'light' | 'dark' {
  return theme === 'dark' ? 'dark' : 'light';
}
