// The slide's <section> as Marpit renders it: class, inline style from the background and colour
// directives, pagination attributes, the background image layer, header and footer around the content.
// See the rendering contract at the top of model.ts.
import { escapeHtml, resolveCssUrls, type UrlResolver } from './html-policy';
import type { Directives, SlideBackground, SlideSection } from './model';

/** Directives Marpit writes on the section as `data-*` attributes (with a value), which themes select
 *  on: `section[data-footer]`, `section[data-size="4:3"]`, `section[data-color] h1`. */
const DATA_DIRECTIVES = [
  'paginate', 'header', 'footer', 'class', 'backgroundColor', 'backgroundImage', 'backgroundPosition',
  'backgroundRepeat', 'backgroundSize', 'color', 'transition', 'theme', 'size', 'lang', 'headingDivider',
];

export interface SectionParts {
  index: number;
  directives: Directives;
  pageNumber: number;
  header: string | null;
  footer: string | null;
  backgrounds: SlideBackground[];
  vertical: boolean;
  split: SlideSection['split'];
  resolveUrl: UrlResolver | undefined;
}

export function describeSection(parts: SectionParts): SlideSection {
  const { directives } = parts;
  const css = (name: string): string | null => {
    const value = cssValue(directives[name]);
    return value === null ? null : resolveCssUrls(value, parts.resolveUrl);
  };
  // Marpit's order and defaults: a background colour also clears the theme's background image, and a
  // background image is centred, unrepeated and covering unless the position, repeat or size say.
  const style = new Map<string, string>();
  const color = css('color');
  if (color) style.set('color', color);
  const backgroundColor = css('backgroundColor');
  if (backgroundColor) style.set('background-color', backgroundColor).set('background-image', 'none');
  const backgroundImage = css('backgroundImage');
  if (backgroundImage) {
    style.set('background-image', backgroundImage).set('background-position', css('backgroundPosition') ?? 'center')
      .set('background-repeat', css('backgroundRepeat') ?? 'no-repeat').set('background-size', css('backgroundSize') ?? 'cover');
  }
  const paginate = directives.paginate === true || directives.paginate === 'true' || directives.paginate === 'hold';
  const data: Record<string, string> = {};
  for (const name of DATA_DIRECTIVES) {
    const value = directives[name];
    if (value !== undefined && value !== null && value !== false && value !== '') data[kebabCase(name)] = String(value);
  }
  return {
    className: typeof directives.class === 'string' ? directives.class.trim() : '',
    style: [...style].map(([property, value]) => `${property}:${value}`).join(';'),
    data,
    paginate,
    pageNumber: parts.pageNumber,
    header: parts.header,
    footer: parts.footer,
    backgrounds: parts.backgrounds,
    backgroundDirection: parts.vertical ? 'column' : 'row',
    split: parts.backgrounds.length > 0 ? parts.split : null,
  };
}

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A directive value usable as one CSS declaration value, or null. */
function cssValue(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  return text && !/[;{}<>]/.test(text) ? text : null;
}

export function renderSection(section: SlideSection, index: number, total: number, content: string, lang: string | null): string {
  const attributes: string[] = [`id="${index}"`, `data-index="${index}"`];
  if (section.className) attributes.push(`class="${escapeHtml(section.className)}"`);
  const style = ['position:relative', 'isolation:isolate', section.style, splitStyle(section)].filter(Boolean).join(';');
  attributes.push(`style="${escapeHtml(style)}"`);
  if (lang) attributes.push(`lang="${escapeHtml(lang)}"`);
  for (const [name, value] of Object.entries(section.data)) attributes.push(`data-${name}="${escapeHtml(value)}"`);
  if (section.paginate) {
    attributes.push(
      'data-paginate="true"',
      `data-marpit-pagination="${section.pageNumber}"`,
      `data-marpit-pagination-total="${total}"`,
    );
  }
  const header = section.header === null ? '' : `<header>${section.header}</header>`;
  const footer = section.footer === null ? '' : `<footer>${section.footer}</footer>`;
  return `<section ${attributes.join(' ')}>${backgroundLayer(section)}${header}${content}${footer}</section>`;
}

/** Content moves out of the way of split backgrounds, as Marp narrows the slide's content layer: the
 *  split's size plus the theme's own padding on that side (`--dh-slide-padding-left|right`, or
 *  `--dh-slide-padding` for both). */
function splitStyle(section: SlideSection): string {
  if (!section.split) return '';
  const side = section.split.side === 'left' ? 'left' : 'right';
  return `padding-${side}:calc(${section.split.size} + var(--dh-slide-padding-${side}, var(--dh-slide-padding, 1.5em)))`;
}

function backgroundLayer(section: SlideSection): string {
  if (section.backgrounds.length === 0) return '';
  const place = section.split
    ? `top:0;bottom:0;${section.split.side}:0;width:${section.split.size}`
    : 'inset:0';
  const layer = `position:absolute;${place};display:flex;flex-direction:${section.backgroundDirection};z-index:-1;pointer-events:none`;
  const figures = section.backgrounds.map((background) => {
    const css = [
      'flex:1',
      'margin:0',
      `background-image:url(&quot;${escapeHtml(background.url.replace(/["'()\\\s]/g, encodeURIComponent))}&quot;)`,
      `background-size:${background.size}`,
      'background-position:center',
      'background-repeat:no-repeat',
      background.filter ? `filter:${escapeHtml(background.filter)}` : '',
    ].filter(Boolean).join(';');
    return `<figure style="${css}"></figure>`;
  });
  return `<div class="dh-backgrounds" data-direction="${section.backgroundDirection}" style="${layer}">${figures.join('')}</div>`;
}
