// What HTML a deck may contain. Two layers, like Marp Core:
// 1. Raw HTML written by the author is limited to a small allowlist unless the deck opts in with
//    `html: true` (or the server is started with --html). Tags outside it are shown as text.
// 2. Everything the deck package outputs goes through sanitize-html, so <script>, inline event
//    handlers and javascript: URLs never survive, even with html: true.
import sanitizeHtml from 'sanitize-html';

/** Raw HTML an author may write without opting in: Marp Core's default allowlist (`Marp.html`), each tag
 *  with the attributes it keeps besides `class`, `dir`, `lang` and `title` (marp-reading.test.ts checks
 *  this against Marp Core). Other attributes are dropped, as in Marp: a `style` or `id` written in raw
 *  HTML changes nothing there, so it changes nothing here either. URLs (`href`, `src`…) are checked by
 *  the sanitizer afterwards, as everywhere. */
const MARP_ALLOWLIST: Record<string, string[]> = {
  a: ['href', 'name', 'rel', 'target'], abbr: [], address: [], article: [], aside: [],
  audio: ['autoplay', 'controls', 'loop', 'muted', 'preload', 'src'], b: [], bdi: [], bdo: [], big: [],
  blockquote: ['cite'], br: [], caption: [], center: [], cite: [], code: [], col: ['align', 'valign', 'span', 'width'],
  colgroup: ['align', 'valign', 'span', 'width'], dd: [], del: ['cite', 'datetime'], details: ['open'], div: [], dl: [],
  dt: [], em: [], figcaption: [], figure: [], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], hr: [], i: [],
  img: ['align', 'alt', 'decoding', 'height', 'loading', 'src', 'srcset', 'width'], ins: ['cite', 'datetime'], kbd: [],
  li: ['type', 'value'], mark: [], nav: [], ol: ['reversed', 'start', 'type'], p: [], picture: [], pre: [], q: ['cite'],
  rp: [], rt: [], ruby: [], s: [], section: [], small: [], source: ['height', 'media', 'sizes', 'src', 'srcset', 'type', 'width'],
  span: [], sub: [], summary: [], sup: [], strong: [], strike: [], table: ['width', 'border', 'align', 'valign'],
  tbody: ['align', 'valign'], td: ['width', 'rowspan', 'colspan', 'align', 'valign'], tfoot: ['align', 'valign'],
  th: ['width', 'rowspan', 'colspan', 'align', 'valign'], thead: ['align', 'valign'], time: ['datetime'],
  tr: ['rowspan', 'align', 'valign'], u: [], ul: [],
  video: ['autoplay', 'controls', 'loop', 'muted', 'playsinline', 'poster', 'preload', 'src', 'height', 'width'], wbr: [],
};
/** Attributes every allowlisted tag but `<source>` keeps. */
const COMMON_ATTRIBUTES = ['class', 'dir', 'lang', 'title'];

function allowedAttributes(tag: string): string[] | undefined {
  const own = MARP_ALLOWLIST[tag];
  return own && tag !== 'source' ? [...COMMON_ATTRIBUTES, ...own] : own;
}

/** The allowlist as Marp Core spells it, for the test that compares the two. */
export function marpAllowlist(): Record<string, string[]> {
  return Object.fromEntries(Object.keys(MARP_ALLOWLIST).map((tag) => [tag, allowedAttributes(tag) ?? []]));
}

/** Raw HTML tags an author may write without opting in: Marp Core's, plus <style> (read into the deck's
 *  CSS, never left in a slide). */
export const RAW_HTML_ALLOWLIST = new Set([...Object.keys(MARP_ALLOWLIST), 'style']);

const TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

/** Raw HTML of allowlisted tags with only the attributes Marp keeps on each. */
export function keepMarpAttributes(html: string): string {
  return html.replace(TAG, (whole, name: string, attributes: string, selfClosing: string) => {
    const allowed = allowedAttributes(name.toLowerCase());
    if (!allowed || !attributes.trim()) return whole;
    const kept = [...attributes.matchAll(ATTRIBUTE)].filter(([, attribute = '']) => allowed.includes(attribute.toLowerCase()));
    return `<${name}${kept.map(([text]) => ` ${text}`).join('')}${selfClosing ? ' /' : ''}>`;
  });
}

const OUTPUT_TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  'img', 'details', 'summary', 'figure', 'figcaption', 'del', 'ins', 'input', 'section', 'header', 'footer',
  'kbd', 'sub', 'sup', 'mark', 'small', 'abbr', 'u', 's', 'span', 'div', 'button', 'svg',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ruby', 'rt', 'rp', 'video', 'audio', 'source', 'picture', 'center',
  'big', 'strike', 'time', 'nav', 'article', 'aside', 'address', 'bdi', 'bdo', 'q', 'cite',
];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: OUTPUT_TAGS,
  allowedAttributes: {
    '*': ['class', 'id', 'title', 'lang', 'dir', 'style', 'data-*', 'aria-*', 'role'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'],
    input: ['type', 'checked', 'disabled'],
    ol: ['start', 'type', 'reversed'],
    td: ['align', 'colspan', 'rowspan'],
    th: ['align', 'colspan', 'rowspan', 'scope'],
    details: ['open'],
    // A code block is focusable, so the run shortcut knows which block is meant.
    pre: ['tabindex'],
    video: ['src', 'controls', 'width', 'height', 'poster', 'muted', 'loop'],
    audio: ['src', 'controls'],
    source: ['src', 'type', 'srcset', 'media'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'data'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'], a: ['http', 'https', 'mailto'] },
  allowProtocolRelative: false,
  // Inline CSS cannot run script in a browser; not parsing every style attribute keeps rendering fast.
  parseStyleAttributes: false,
  // No <style> reaches a slide: the deck package reads them into Deck.css, scoped to the deck.
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
};

/** Rewrites a relative URL (an image beside the deck) into one the page can load. */
export type UrlResolver = (relativeUrl: string) => string;

const RELATIVE_URL = /^(?![a-z][a-z0-9+.-]*:|\/|#)/i;

/** CSS with its relative `url(…)`s resolved, so images beside the deck load from its styles too. */
export function resolveCssUrls(css: string, resolveUrl: UrlResolver | undefined): string {
  if (!resolveUrl) return css;
  return css.replace(/url\(\s*(['"]?)([^'")\s]+)\1\s*\)/gi, (whole, quote: string, url: string) =>
    RELATIVE_URL.test(url) ? `url(${quote}${resolveUrl(url)}${quote})` : whole,
  );
}

export function sanitize(html: string, resolveUrl?: UrlResolver): string {
  if (!resolveUrl) return sanitizeHtml(html, SANITIZE_OPTIONS);
  const resolve = (tagName: string, attribs: sanitizeHtml.Attributes, name: string): sanitizeHtml.Tag => {
    const url = attribs[name];
    return { tagName, attribs: url && RELATIVE_URL.test(url) ? { ...attribs, [name]: resolveUrl(url) } : attribs };
  };
  return sanitizeHtml(html, {
    ...SANITIZE_OPTIONS,
    transformTags: {
      ...SANITIZE_OPTIONS.transformTags,
      img: (tagName, attribs) => resolve(tagName, attribs, 'src'),
      source: (tagName, attribs) => resolve(tagName, attribs, 'src'),
      video: (tagName, attribs) => resolve(tagName, attribs, 'src'),
    },
  });
}

/** Tag names opened or closed in a piece of raw HTML. */
export function tagNames(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((match) => (match[1] ?? '').toLowerCase());
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What a typeset formula may contain: MathJax's SVG (glyphs as paths) and KaTeX's MathML, drawing
 *  only. No `<a>`, `href` or `xlink:href` (so no `javascript:` URL), no `<foreignObject>`, no event
 *  handler: whatever TeX an author writes, the output is a picture. */
const MATH_SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'mjx-container', 'mjx-break', 'svg', 'g', 'path', 'rect', 'line', 'polygon', 'text', 'title', 'desc',
    'span', 'math', 'semantics', 'annotation', 'mrow', 'mi', 'mo', 'mn', 'ms', 'mtext', 'mspace', 'msup', 'msub',
    'msubsup', 'mfrac', 'msqrt', 'mroot', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'merror', 'mover',
    'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mlabeledtr', 'mmultiscripts', 'mprescripts', 'none',
  ],
  allowedAttributes: {
    '*': ['class', 'style', 'data-*', 'aria-*', 'role', 'width', 'height', 'display', 'xmlns'],
    'mjx-container': ['jax', 'overflow', 'justify'],
    'mjx-break': ['size', 'newline', 'prebreak'],
    svg: ['viewbox', 'focusable', 'preserveaspectratio'],
    g: ['stroke', 'fill', 'stroke-width', 'transform'],
    path: ['d', 'transform', 'stroke', 'fill', 'stroke-width'],
    rect: ['x', 'y', 'transform', 'stroke', 'fill', 'stroke-width'],
    line: ['x1', 'y1', 'x2', 'y2', 'transform', 'stroke', 'stroke-width', 'stroke-dasharray'],
    polygon: ['points', 'transform', 'stroke', 'fill'],
    text: ['x', 'y', 'transform', 'font-size', 'font-family', 'font-weight', 'font-style', 'fill', 'stroke'],
    math: ['display'],
    annotation: ['encoding'],
    mi: ['mathvariant'],
    mo: ['stretchy', 'fence', 'separator', 'lspace', 'rspace', 'minsize', 'maxsize', 'movablelimits', 'accent', 'form', 'largeop', 'symmetric'],
    mn: ['mathvariant'],
    mtext: ['mathvariant'],
    mspace: ['depth', 'linebreak'],
    mstyle: ['mathcolor', 'mathbackground', 'mathsize', 'scriptlevel', 'displaystyle'],
    mfrac: ['linethickness'],
    mpadded: ['depth', 'voffset', 'lspace'],
    menclose: ['notation'],
    mover: ['accent'],
    munder: ['accentunder'],
    munderover: ['accent', 'accentunder'],
    mtable: ['columnalign', 'rowalign', 'rowspacing', 'columnspacing', 'columnlines', 'rowlines', 'frame', 'framespacing', 'equalrows', 'equalcolumns'],
    mtr: ['columnalign', 'rowalign'],
    mtd: ['columnalign', 'rowalign', 'columnspan', 'rowspan'],
  },
  allowedSchemes: [],
  parseStyleAttributes: false,
};

export function sanitizeMath(html: string): string {
  return sanitizeHtml(html, MATH_SANITIZE_OPTIONS);
}
