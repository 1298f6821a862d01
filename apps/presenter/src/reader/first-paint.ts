// The offline reader's first slide, drawn before the app has run. The app is one script of about
// 700 kB (file:// allows no modules, so no code splitting): parsing and running it takes longer than
// a whole Marp HTML page takes to show its first slide. So each page of `deckhand build` runs this
// small script first (built on its own by vite.first-paint.config.ts): it draws the slide in the
// address where the app will draw it, with the app's own classes, theme rules, layout settings and
// scale (layout-rules.ts, theme-names.ts, fit-scale.ts, and the reader's slide frame of known height
// beside the notes, reader.css), then starts the app once that frame is on screen. The app's first render
// replaces it (React clears #root) with the same slide in the same place, without fading it in again.
//
// The page says where the app is: `data-app` (the site: the script's address, and the deck's data
// script is loaded here first) or `data-app-inline` (a single file: the id of an inert script element
// holding the app). Anything that cannot be drawn here exactly where the app will draw it is left to
// the app: another view, a narrow screen, the terminal maximised, recorded outputs on, or the notes off
// (then the slide's frame depends on the toolbar's rows, known only once the app has drawn them).
// Whatever happens, the app starts.
import { LAYOUT_NAMES, type LayoutName } from '@deckhand/protocol';
import { READER_GLOBAL, type ReaderData, type ReaderDeck } from '@deckhand/export/reader-format';
import { afterNextPaint } from '../after-paint';
import { clampSplit, NARROW_SCREEN, SPLIT_DEFAULT } from '../layout/layout-rules';
import { readRoute, type Route } from '../route';
import { isBoolean, isNumber, LAYOUT_SETTING, readStored, READER_NOTES_SETTING, READER_OUTPUTS_SETTING, SPLIT_SETTING } from '../settings/stored';
import { autoScale } from '../slides/auto-scaling';
import { fitScale } from '../slides/fit-scale';
import { markFirstPaint } from '../slides/first-paint-mark';
import { themeOf, themeTone } from '../themes/theme-names';

/** A page hidden before its frame draws no frames: then the app starts this long after all the same. */
const START_AT_LATEST_MS = 1000;

const page = document.currentScript as HTMLScriptElement | null;
const reader = ((globalThis as unknown as Record<string, ReaderData | undefined>)[READER_GLOBAL] ??= {});

const route = readRoute();
withDeckData(route, (deck) => {
  let drawn = false;
  try {
    drawn = deck ? drawFirstSlide(deck, route.slide) : false;
  } catch (error) {
    console.warn('Deckhand: the first slide is left to the app:', error);
  }
  if (drawn && !document.hidden) afterNextPaint(startApp, START_AT_LATEST_MS);
  else startApp();
});

/** The deck in the address, once its data is here (a site loads it now, beside nothing else). */
function withDeckData(route: Route, then: (deck: ReaderDeck | null) => void): void {
  if (route.deck === null || route.view !== 'audience') return then(null);
  const id = route.deck;
  const atHand = reader.decks?.[id];
  const script = reader.course?.decks.find((deck) => deck.id === id)?.script;
  if (atHand || !script) return then(atHand ?? null);
  const element = document.createElement('script');
  element.src = script;
  element.onload = element.onerror = () => then(reader.decks?.[id] ?? null);
  document.head.append(element);
}

function drawFirstSlide(deck: ReaderDeck, index: number): boolean {
  const layout = readStored<LayoutName>(LAYOUT_SETTING, 'split', (value): value is LayoutName => LAYOUT_NAMES.includes(value as LayoutName));
  const outputs = readStored(READER_OUTPUTS_SETTING, false, isBoolean);
  const notes = readStored(READER_NOTES_SETTING, true, isBoolean);
  if (layout === 'terminal' || outputs || !notes || window.matchMedia(NARROW_SCREEN).matches) return false;
  const slide = deck.slides[Math.min(index, deck.slides.length) - 1];
  const root = document.getElementById('root');
  if (!slide || !root) return false;

  // As AudienceView and SlideView lay them out.
  const view = element('div', `audience layout-${layout}`);
  view.style.setProperty('--split', `${clampSplit(readStored(SPLIT_SETTING, SPLIT_DEFAULT, isNumber)) * 100}%`);
  const area = view.appendChild(element('main', 'slide-area'));
  const frame = area.appendChild(element('div', 'slide-frame'));
  const canvas = frame.appendChild(element('div', 'dh-deck slide-canvas'));
  area.appendChild(element('div', 'reader-notes'));
  area.appendChild(element('nav', 'slide-toolbar'));
  const theme = themeOf(deck.theme);
  canvas.dataset.theme = theme;
  canvas.dataset.tone = themeTone(theme, deck.directives.class);
  canvas.style.width = `${deck.size.width}px`;
  canvas.style.height = `${deck.size.height}px`;
  // The deck's HTML, made safe when the site was built; the app shows the same.
  canvas.innerHTML = slide.sectionHtml;
  const style = element('style', '');
  style.textContent = deck.css;
  root.replaceChildren(style, view);

  const scale = fitScale(frame, deck.size);
  if (scale === 0) {
    root.replaceChildren();
    return false;
  }
  canvas.style.transform = `translate(-50%, -50%) scale(${scale})`;
  autoScale(canvas);
  markFirstPaint(slide.index);
  return true;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  if (className) made.className = className;
  return made;
}

function startApp(): void {
  const app = document.createElement('script');
  const src = page?.dataset.app;
  const inline = page?.dataset.appInline ? document.getElementById(page.dataset.appInline) : null;
  if (src) app.src = src;
  else if (inline) app.textContent = inline.textContent;
  else return console.error('Deckhand: this page does not say where the reader app is.');
  document.body.append(app);
}
