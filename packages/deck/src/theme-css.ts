// A Marp theme's CSS, as Marp Core renders it for a deck on that theme (every selector already starting
// at `section`), scoped to the slides of a deck on that theme: `section h1` →
// `.dh-deck:where([data-theme="gaia"]) > section h1`. The `:where()` keeps the scope weighing what a
// deck's own CSS weighs (`.dh-deck > section …`, deck-css.ts), so a deck's `<style>` and `style`
// directive win over the theme exactly where they win in Marp. The presenter's build makes its Marp
// themes with this (apps/presenter/build/marp-themes.ts). Offline: a theme's @imported web fonts are
// dropped (Marp shows the same fallback fonts offline). Two things Marp does outside CSS are handed to
// the presenter as custom properties: a fitted heading's or a code block's largest height
// (`h1::part(auto-scaling) { max-height }`, a shadow part of Marp's scaling element) becomes
// `--dh-auto-scaling-max-height` on the heading or block, and the slide's own left and right padding
// becomes `--dh-slide-padding-left/right`, which a split background adds to (Marp narrows the slide's
// content layer instead; section.ts).
import postcss, { type AtRule, type Rule } from 'postcss';
import { DECK_SCOPE } from './model';

/** Marpit writes every selector it scopes as one of these. */
const SLIDE_SELECTOR = /^(?:section|:where\(section\))(?![\w-])/;

/** After the theme: the slide is the size of the canvas the presenter gives it (the deck's `size`), as
 *  Marp Core sets the section's width and height from the same directive. */
const SLIDE_SIZE = 'section{width:100%;height:100%}';

export function scopeThemeCss(css: string, theme: string): string {
  const scope = `${DECK_SCOPE}:where([data-theme="${theme}"]) > `;
  const root = postcss.parse(`${css}\n${SLIDE_SIZE}`);
  root.walkAtRules((rule: AtRule) => {
    if (/^(?:import|charset|page)$/i.test(rule.name)) rule.remove();
  });
  const inKeyframes = (rule: Rule): boolean => rule.parent?.type === 'atrule' && /keyframes$/i.test((rule.parent as AtRule).name);
  root.walkRules((rule: Rule) => {
    if (!inKeyframes(rule)) handOver(rule);
  });
  root.walkRules((rule: Rule) => {
    if (inKeyframes(rule)) return;
    rule.selectors = rule.selectors.map((selector) => {
      // Anything else would style the page outside the slides: refuse it rather than ship it.
      if (!SLIDE_SELECTOR.test(selector)) throw new Error(`Marp theme "${theme}": selector "${selector}" is not scoped to a slide`);
      return scope + skipBackgroundLayer(selector);
    });
  });
  return root.toString();
}

const AUTO_SCALING_PART = /::part\(auto-scaling\)$/;

/** The part of a theme the presenter does itself (see the top of this file), as custom properties. */
function handOver(rule: Rule): void {
  if (rule.selectors.every((selector) => AUTO_SCALING_PART.test(selector))) {
    rule.cloneBefore({ selectors: rule.selectors.map((selector) => selector.replace(AUTO_SCALING_PART, '')) })
      .each((node) => {
        if (node.type === 'decl' && node.prop === 'max-height') node.prop = '--dh-auto-scaling-max-height';
        else node.remove();
      });
    return;
  }
  if (!rule.selectors.includes('section')) return;
  rule.walkDecls(/^padding(?:-left|-right)?$/, (decl) => {
    const sides = decl.prop === 'padding' ? paddingSides(decl.value) : { [decl.prop.slice('padding-'.length)]: decl.value };
    for (const [side, value] of Object.entries(sides)) decl.cloneAfter({ prop: `--dh-slide-padding-${side}`, value });
  });
}

/** The left and right of a `padding` shorthand (one to four values: top right bottom left). */
function paddingSides(value: string): { left: string; right: string } {
  const parts = value.match(/(?:[^\s(]+|\([^)]*\))+/g) ?? [value];
  const right = parts[1] ?? parts[0] ?? value;
  return { right, left: parts[3] ?? right };
}

/** Not the slide's background layer (section.ts): what structural pseudo-classes count instead of every
 *  child, in `:where()` so the selector weighs what it weighed. */
const NOT_LAYER = ':where(:not(.dh-backgrounds))';

/**
 * A selector whose `:first-child`, `:last-child`, `:only-child` and `:nth-(last-)child()` skip the
 * background layer a slide with `bg` images carries as its first child, so `section > :first-child`
 * still means the slide's first content, as in Marp (where backgrounds are a separate layer). Used for
 * theme CSS and for a deck's own CSS (deck-css.ts).
 */
export function skipBackgroundLayer(selector: string): string {
  if (!/:(?:first|last|only|nth-child|nth-last)-?/.test(selector)) return selector;
  return selector
    .replace(/:nth-(last-)?child\(([^()]*)\)/g, (whole, last: string | undefined, argument: string) =>
      / of /.test(argument) ? whole : `:nth-${last ?? ''}child(${argument.trim()} of ${NOT_LAYER})`)
    .replace(/:first-child(?![\w-])/g, `:nth-child(1 of ${NOT_LAYER})`)
    .replace(/:last-child(?![\w-])/g, `:nth-last-child(1 of ${NOT_LAYER})`)
    .replace(/:only-child(?![\w-])/g, `:nth-child(1 of ${NOT_LAYER}):nth-last-child(1 of ${NOT_LAYER})`);
}
