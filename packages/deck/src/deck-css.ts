// The deck's own CSS (the `style` directive and `<style>` elements), scoped the way Marpit scopes it,
// so a deck's CSS styles its slides and nothing else on the page:
//   `section`, `:root`  → `.dh-deck > section`        (the slide itself, as in Marp themes)
//   `h1`, `header p`    → `.dh-deck > section h1`     (anything inside a slide)
//   `<style scoped>`    → `.dh-deck > section[data-index="N"] …` (only that slide)
// @import is dropped (a deck must work offline); @font-face and @keyframes are kept as they are.
// Structural pseudo-classes skip a slide's background layer (theme-css.ts), as Marp's do.
import postcss, { type AtRule, type Container, type Root } from 'postcss';
import { DECK_SCOPE } from './model';
import { skipBackgroundLayer } from './theme-css';

export interface ScopedCss {
  css: string;
  problems: string[];
}

const KEEP_AS_IS = /^(-\w+-)?(font-face|keyframes|counter-style|property|page)$/i;

export function scopeDeckCss(css: string, slideIndex: number | null = null): ScopedCss {
  const problems: string[] = [];
  const slide = slideIndex === null ? `${DECK_SCOPE} > section` : `${DECK_SCOPE} > section[data-index="${slideIndex}"]`;
  try {
    const root: Root = postcss.parse(css);
    scopeContainer(root, slide, problems);
    return { css: root.toString().replace(/<\/style/gi, '<\\/style'), problems };
  } catch (error) {
    // Unparseable CSS, or nesting deep enough to exhaust the stack: none of it is used.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { css: '', problems: [`CSS could not be read and was ignored: ${reason}`] };
  }
}

function scopeContainer(container: Container, slide: string, problems: string[]): void {
  container.each((node) => {
    if (node.type === 'rule') {
      node.selectors = node.selectors.map((selector) => scopeSelector(selector, slide));
    } else if (node.type === 'atrule') {
      const rule = node as AtRule;
      if (rule.name.toLowerCase() === 'import') {
        problems.push(`@import ${rule.params} was dropped: decks must work offline, put the CSS in the deck.`);
        rule.remove();
      } else if (!KEEP_AS_IS.test(rule.name) && rule.nodes) {
        scopeContainer(rule, slide, problems);
      }
    }
  });
}

function scopeSelector(selector: string, slide: string): string {
  const trimmed = skipBackgroundLayer(selector.trim());
  const own = /^(?::root|section|html|body)(?![\w-])/i.exec(trimmed);
  if (own) return `${slide}${trimmed.slice(own[0].length)}`;
  return `${slide} ${trimmed}`;
}

/** The `<style>` elements in a piece of raw HTML (their CSS and whether they are `scoped`), and the
 *  HTML without them. Scans with indexOf so unclosed `<style>`s stay linear. */
export function extractStyles(html: string): { styles: Array<{ css: string; scoped: boolean }>; rest: string } {
  const styles: Array<{ css: string; scoped: boolean }> = [];
  const lower = html.toLowerCase();
  let rest = '';
  let from = 0;
  for (;;) {
    const start = lower.indexOf('<style', from);
    if (start < 0) break;
    const openEnd = lower.indexOf('>', start);
    const close = openEnd < 0 ? -1 : lower.indexOf('</style', openEnd);
    const closeEnd = close < 0 ? -1 : lower.indexOf('>', close);
    if (closeEnd < 0) break;
    const attributes = html.slice(start + 6, openEnd);
    if (attributes !== '' && !/^[\s/]/.test(attributes)) {
      // `<styles>` or `<stylesheet>`: not a style element.
      rest += html.slice(from, openEnd + 1);
      from = openEnd + 1;
      continue;
    }
    styles.push({ css: html.slice(openEnd + 1, close), scoped: /\bscoped\b/i.test(attributes) });
    rest += html.slice(from, start);
    from = closeEnd + 1;
  }
  return { styles, rest: rest + html.slice(from) };
}
