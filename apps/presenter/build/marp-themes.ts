// Marp Core's own themes (default, gaia, uncover), taken from @marp-team/marp-core when the presenter is
// built, never copied by hand: Marp Core renders each theme's CSS as it would for a deck on that theme
// (Marpit's scaffold, pagination, `:root` and `rem` handling, the theme itself), and the deck package
// scopes it to the slides of decks on that theme (packages/deck/src/theme-css.ts).
import { Marp } from '@marp-team/marp-core';
// By path, not by package name: Vite loads its config (and this file) without a TypeScript loader for
// the workspace's packages, so the module is bundled with the config instead.
import { scopeThemeCss } from '../../../packages/deck/src/theme-css';
import type { Plugin } from 'vite';

export interface MarpThemeStyles {
  names: string[];
  css: string;
}

export function marpThemeStyles(): MarpThemeStyles {
  const marp = new Marp({ container: false, inlineSVG: false, printable: false, script: false });
  const names = [...marp.themeSet.themes()].map((theme) => theme.name);
  const css = names.map((name) => {
    const themeCss = marp.render(`---\ntheme: ${name}\n---\n`).css;
    return `/* Marp Core's "${name}" theme (MIT, © Marp team), from @marp-team/marp-core */\n${scopeThemeCss(themeCss, name)}`;
  });
  return { names, css: css.join('\n') };
}

const MODULE = 'virtual:marp-themes';
const STYLES = 'virtual:marp-themes.css';

/** `import { MARP_THEMES } from 'virtual:marp-themes'` gives the theme names; `import
 *  'virtual:marp-themes.css'` brings their CSS (apart, so the reader's first paint takes the names alone). */
export function marpThemes(): Plugin {
  let styles: MarpThemeStyles | null = null;
  const load = (): MarpThemeStyles => (styles ??= marpThemeStyles());
  return {
    name: 'deckhand-marp-themes',
    resolveId(id) {
      return id === MODULE || id === STYLES ? `\0${id}` : null;
    },
    load(id) {
      if (id === `\0${MODULE}`) return `export const MARP_THEMES = ${JSON.stringify(load().names)};\n`;
      if (id === `\0${STYLES}`) return load().css;
      return null;
    },
  };
}
