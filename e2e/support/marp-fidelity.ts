// Marp fidelity: a deck rendered by @marp-team/marp-core and by Deckhand in the same Chromium, slide by
// slide at the deck's size, compared pixel by pixel with pixelmatch (anti-aliased pixels ignored).
// What differs by design is neutralized the same way on both sides: Deckhand's code colours (Marp Core
// has no highlighting) take the code's own colour, and Run/Copy (which sit over a block, out of the
// flow) are hidden. Emoji are Unicode characters on both sides (Marp's Twemoji images need the network).
import { Marp } from '@marp-team/marp-core';
import { expect, type Page } from '@playwright/test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { RunningDeckhand } from './deckhand';

export interface RenderedSlides {
  width: number;
  height: number;
  shots: Buffer[];
}

/** What Deckhand adds that Marp has no counterpart for, hidden or neutralized before the screenshot. */
const NEUTRALIZE_ADDITIONS = `
  .dh-deck pre.dh-code code * { color: inherit !important; font-style: inherit !important; font-weight: inherit !important; }
  .dh-deck .code-actions { visibility: hidden !important; }
`;

/** Marp Core's rendering of a deck (its defaults; `html: true` in the deck as Marp CLI's --html). */
export function renderWithMarp(source: string): { html: string; css: string; width: number; height: number } {
  const html = /^---[\s\S]*?^html:\s*true\s*$[\s\S]*?^---/m.test(source) ? true : undefined;
  const marp = new Marp({ html, emoji: { shortcode: true, unicode: false } });
  const rendered = marp.render(source);
  const [, width = '1280', height = '720'] = /viewBox="0 0 (\d+) (\d+)"/.exec(rendered.html) ?? [];
  return { html: rendered.html, css: rendered.css, width: Number(width), height: Number(height) };
}

export async function screenshotMarp(page: Page, source: string): Promise<RenderedSlides> {
  const { html, css, width, height } = renderWithMarp(source);
  await page.setViewportSize({ width, height });
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style>` +
    `<style>html,body{margin:0;padding:0}div.marpit>svg[data-marpit-svg]{display:block;width:${width}px;height:${height}px}</style>` +
    `</head><body>${html}</body></html>`,
  );
  await settle(page);
  const slides = page.locator('div.marpit > svg[data-marpit-svg]');
  const shots: Buffer[] = [];
  for (let i = 0; i < (await slides.count()); i++) shots.push(await slides.nth(i).screenshot({ animations: 'disabled' }));
  return { width, height, shots };
}

/** Each slide of a deck served by `deckhand serve`, in the audience view with the terminal hidden and the
 *  window sized so the slide is drawn at its own size (scale 1). */
export async function screenshotDeckhand(page: Page, deckhand: RunningDeckhand, id: string, size: { width: number; height: number }): Promise<RenderedSlides> {
  await page.setViewportSize({ width: size.width + 400, height: size.height + 400 });
  await page.goto(deckhand.url);
  await page.goto(`${deckhand.origin}/#/${id}/1`);
  const first = page.locator('.slide-area [aria-roledescription="slide"]');
  // The first deck a server shows also loads its highlighter: longer than the usual wait under load.
  await expect(first).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('t');
  await expect(page.locator('.audience')).toHaveClass(/layout-slide/);
  // Fit the frame to the slide's width (and a little more height), so the slide's scale is exactly 1.
  const frame = page.locator('.slide-area .slide-frame');
  const box = await frame.evaluate((element) => ({ width: element.clientWidth, height: element.clientHeight }));
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  await page.setViewportSize({ width: viewport.width + size.width - box.width, height: viewport.height + size.height + 40 - box.height });
  await page.addStyleTag({ content: NEUTRALIZE_ADDITIONS });
  const total = Number(/of (\d+)/.exec((await first.getAttribute('aria-label')) ?? '')?.[1]);
  const shots: Buffer[] = [];
  for (let index = 1; index <= total; index++) {
    if (index > 1) await page.keyboard.press('ArrowRight');
    const canvas = page.locator(`.slide-area [aria-label="Slide ${index} of ${total}"]`);
    await expect(canvas).toHaveAttribute('data-overflows', /true|false/);
    await expect.poll(() => canvas.evaluate((element) => element.getBoundingClientRect().width)).toBe(size.width);
    await settle(page);
    shots.push(await canvas.screenshot({ animations: 'disabled' }));
  }
  return { ...size, shots };
}

/** Fonts and images loaded and two frames drawn: fitted headings and auto-scaled blocks have settled. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all(Array.from(document.images, (image) => image.decode().catch(() => undefined)));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

export interface SlideDiff {
  index: number;
  /** Share of the slide's pixels that differ, in percent. */
  percent: number;
  /** Marp | Deckhand | the differing pixels in red. */
  sideBySide: () => Buffer;
}

export function compareSlides(marp: RenderedSlides, deckhand: RenderedSlides): SlideDiff[] {
  return marp.shots.map((shot, i) => {
    const a = PNG.sync.read(shot);
    const b = PNG.sync.read(deckhand.shots[i] ?? shot);
    const { width, height } = a;
    if (b.width !== width || b.height !== height) {
      return { index: i + 1, percent: 100, sideBySide: () => join([a, b, a], width, height) };
    }
    const out = new PNG({ width, height });
    const differing = pixelmatch(a.data, b.data, out.data, width, height, { threshold: 0.1 });
    return { index: i + 1, percent: (differing / (width * height)) * 100, sideBySide: () => join([a, b, out], width, height) };
  });
}

function join(images: PNG[], width: number, height: number): Buffer {
  const gap = 8;
  const joined = new PNG({ width: images.length * width + (images.length - 1) * gap, height });
  joined.data.fill(255);
  images.forEach((image, n) => PNG.bitblt(image, joined, 0, 0, Math.min(width, image.width), Math.min(height, image.height), n * (width + gap), 0));
  return PNG.sync.write(joined);
}
