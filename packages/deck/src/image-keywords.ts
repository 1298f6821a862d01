// Marp's image keywords in the alt text (`![bg left:40% sepia](x.png)`, `![w:200px](y.svg)`), read
// into what the image does: an inline image with a size, filters and our `center` extension, or a
// background of the slide. Marp's keywords never stay in the alt text; `center` does, as in Marp.
import type { SlideBackground } from './model';

export interface ImageKeywords {
  /** The alt text without keywords. */
  alt: string;
  background: boolean;
  width: string | null;
  height: string | null;
  /** CSS filter value, '' when none. */
  filter: string;
  center: boolean;
  /** Background size: cover | contain | auto | N%. */
  size: string;
  split: { side: 'left' | 'right'; size: string } | null;
  vertical: boolean;
}

/** Marp's filter keywords with the default argument Marp uses when none is given. */
const FILTERS: Record<string, string> = {
  blur: '10px',
  brightness: '1.5',
  contrast: '2',
  'drop-shadow': '0 5px 10px rgba(0,0,0,.4)',
  grayscale: '1',
  'hue-rotate': '180deg',
  invert: '1',
  opacity: '.5',
  saturate: '2',
  sepia: '1',
};

const LENGTH = /^\d+(?:\.\d+)?(?:px|em|rem|%|cm|mm|in|pt|pc|vw|vh|ch|ex)?$/;
const PERCENT = /^\d+(?:\.\d+)?%$/;
/** Filter arguments: numbers, lengths, angles, colours; never anything that could end the declaration. */
const FILTER_ARG = /^[\w.#%(),\s-]+$/;

export function readImageKeywords(altText: string): ImageKeywords {
  const result: ImageKeywords = {
    alt: '', background: false, width: null, height: null, filter: '', center: false, size: 'cover',
    split: null, vertical: false,
  };
  const filters: string[] = [];
  const words: string[] = [];
  for (const word of altText.split(/\s+/).filter(Boolean)) {
    if (!applyKeyword(result, filters, word)) words.push(word);
  }
  result.alt = words.join(' ');
  result.filter = filters.join(' ');
  return result;
}

function applyKeyword(result: ImageKeywords, filters: string[], word: string): boolean {
  const colon = word.indexOf(':');
  const key = (colon < 0 ? word : word.slice(0, colon)).toLowerCase();
  const value = colon < 0 ? null : word.slice(colon + 1);
  switch (key) {
    case 'bg':
      if (value !== null) return false;
      result.background = true;
      return true;
    case 'w':
    case 'width':
    case 'h':
    case 'height': {
      if (value === null || !LENGTH.test(value)) return false;
      const length = /^\d+(?:\.\d+)?$/.test(value) ? `${value}px` : value;
      if (key.startsWith('w')) result.width = length;
      else result.height = length;
      return true;
    }
    case 'cover':
    case 'contain':
    case 'auto':
      if (value !== null) return false;
      result.size = key;
      return true;
    case 'fit':
      if (value !== null) return false;
      result.size = 'contain';
      return true;
    case 'left':
    case 'right':
      if (value !== null && !PERCENT.test(value)) return false;
      result.split = { side: key, size: value ?? '50%' };
      return true;
    case 'vertical':
      if (value !== null) return false;
      result.vertical = true;
      return true;
    case 'center':
      // Not a Marp keyword: it stays in the alt text as in Marp, so a deck's `img[alt~="center"]` CSS
      // (the usual Marp way to centre an image) still applies.
      if (value === null) result.center = true;
      return false;
    default:
      if (PERCENT.test(word)) {
        result.size = word;
        return true;
      }
      if (key in FILTERS) {
        const argument = value ?? FILTERS[key];
        if (!argument || !FILTER_ARG.test(argument)) return false;
        filters.push(`${key}(${argument.replace(/,/g, ' ')})`);
        return true;
      }
      return false;
  }
}

/** Inline CSS for an image that is not a background. */
export function inlineImageStyle(keywords: ImageKeywords): string {
  const parts: string[] = [];
  if (keywords.width) parts.push(`width:${keywords.width}`);
  if (keywords.height) parts.push(`height:${keywords.height}`);
  if (keywords.filter) parts.push(`filter:${keywords.filter}`);
  if (keywords.center) parts.push('display:block', 'margin-left:auto', 'margin-right:auto');
  return parts.join(';');
}

export function toBackground(url: string, keywords: ImageKeywords): SlideBackground {
  return { url, size: keywords.size, filter: keywords.filter };
}
