// A Marp deck's math, emoji and fitting headings as the audience sees them in a real Chromium: formulas
// typeset as SVG by the server (no fonts, no network), a shortcode shown as its emoji, and a
// `<!-- fit -->` heading scaled up to fill the slide's width, in the slide, in the overview's
// thumbnail, and again after the deck switches theme; with `math: katex`, MathML the browser draws.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { repoRoot, startDeckhand, type RunningDeckhand } from './support/deckhand';
import { expectSlide, openDeck } from './support/presenter';

// One server over one copy of the deck, which the last test edits.
test.describe.configure({ mode: 'serial' });

let deckhand: RunningDeckhand;
let folder: string;
const deckFile = (): string => path.join(folder, 'marp-features.md');

test.beforeAll(async () => {
  // A copy, so the theme test can edit it.
  folder = mkdtempSync(path.join(os.tmpdir(), 'deckhand-marp-features-'));
  for (const name of ['marp-features.md', 'marp-features-katex.md']) copyFileSync(path.join(repoRoot, 'e2e/fixtures', name), path.join(folder, name));
  deckhand = await startDeckhand([folder]);
});

test.afterAll(async () => {
  await deckhand.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** How a fitted heading sits: its text's drawn size against its size at the heading's own font (a
 *  copy measured beside it), and its width against the room the slide gives it (the section's content
 *  width less the heading's margins and padding), both in the slide's own pixels. */
const fitting = (heading: Locator) =>
  heading.evaluate((element) => {
    const text = element.querySelector<HTMLElement>('[data-fitting-text]') as HTMLElement;
    const own = getComputedStyle(element);
    const box = getComputedStyle(element.parentElement as HTMLElement);
    const px = (value: string): number => parseFloat(value) || 0;
    const room = (element.parentElement?.clientWidth ?? 0) - px(box.paddingLeft) - px(box.paddingRight)
      - px(own.marginLeft) - px(own.marginRight) - px(own.paddingLeft) - px(own.paddingRight)
      - px(own.borderLeftWidth) - px(own.borderRightWidth);
    // The slide is scaled to its frame: drawn sizes over layout sizes gives that scale.
    const section = element.closest('section') as HTMLElement;
    const frameScale = section.getBoundingClientRect().width / section.offsetWidth;
    const drawn = text.getBoundingClientRect().width / frameScale;
    const copy = document.createElement('span');
    copy.textContent = text.textContent;
    copy.style.cssText = 'display:inline-block;white-space:nowrap;position:absolute;visibility:hidden';
    element.append(copy);
    const natural = copy.getBoundingClientRect().width / frameScale;
    copy.remove();
    return { grown: drawn / natural, filled: drawn / room, lines: text.getClientRects().length };
  });

test('typeset math, an emoji and a heading fitted to the slide width', async ({ page }) => {
  // Whatever the math engine's output loads (its data: font included) must pass the page's content
  // security policy: a refused font draws formulas with the wrong glyphs.
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await openDeck(page, deckhand, '#/marp-features/1');
  await expectSlide(page, 'Containers', 1);
  const slide = page.locator('.slide-area .slide-canvas > section');

  // One formula; MathJax may draw an inline one in pieces where it could break the line.
  const formula = slide.locator('mjx-container[jax="SVG"]');
  await expect(formula).toHaveCount(1);
  await expect(formula.locator('svg').first()).toBeVisible();
  const box = await formula.boundingBox();
  expect(box?.width).toBeGreaterThan(40);
  expect(box?.height).toBeGreaterThan(10);
  await expect(slide).not.toContainText('mc^2');
  await expect(slide).toContainText('a VM costs $5 and a container $0.');
  await expect(slide).toContainText('🐳');
  await expect(slide).not.toContainText(':whale:');

  const heading = slide.getByRole('heading', { name: 'Containers' });
  await expect.poll(async () => (await fitting(heading)).filled).toBeGreaterThan(0.97);
  const fitted = await fitting(heading);
  expect(fitted.filled).toBeLessThanOrEqual(1.01);
  expect(fitted.grown).toBeGreaterThan(1.5);
  expect(fitted.lines).toBe(1);

  await page.keyboard.press('ArrowRight');
  await expectSlide(page, 'Display math', 2);
  const display = slide.locator('mjx-container[display="true"] > svg');
  await expect(display).toBeVisible();
  expect((await display.boundingBox())?.width).toBeGreaterThan(100);
  expect(refused, 'content security policy violations').toEqual([]);
});

test('math: katex draws MathML with the browser\'s own math fonts', async ({ page }) => {
  await openDeck(page, deckhand, '#/marp-features-katex/1');
  await expectSlide(page, 'KaTeX', 1);
  const slide = page.locator('.slide-area .slide-canvas > section');
  const formulas = slide.locator('.katex > math');
  await expect(formulas).toHaveCount(2);
  for (const formula of await formulas.all()) {
    const box = await formula.boundingBox();
    expect(box?.width).toBeGreaterThan(40);
    expect(box?.height).toBeGreaterThan(10);
  }
  await expect(slide.locator('math[display="block"]')).toHaveCount(1);
  // The TeX source rides along as an annotation, which the browser does not show.
  await expect(slide.locator('annotation').last()).toBeHidden();
});

test('the overview thumbnail shows the heading fitted too', async ({ page }) => {
  await openDeck(page, deckhand, '#/marp-features/2');
  await expectSlide(page, 'Display math', 2);
  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Overview of all slides' });
  const thumbnail = overview.locator('[data-fitting-heading]').first();
  await expect.poll(async () => (await fitting(thumbnail)).filled).toBeGreaterThan(0.97);
  expect((await fitting(thumbnail)).grown).toBeGreaterThan(1.5);
});

test('after the deck changes theme (one that shrink-wraps its headings), the heading still fills the width', async ({ page }) => {
  await openDeck(page, deckhand, '#/marp-features/1');
  await expectSlide(page, 'Containers', 1);
  const slide = page.locator('.slide-area .slide-canvas');
  const heading = slide.getByRole('heading', { name: 'Containers' });
  await expect.poll(async () => (await fitting(heading)).filled).toBeGreaterThan(0.97);

  writeFileSync(deckFile(), readFileSync(deckFile(), 'utf8').replace('theme: default', 'theme: deckhand'));
  await expect(slide).toHaveAttribute('data-theme', 'deckhand');
  await expect.poll(async () => (await fitting(heading)).filled).toBeGreaterThan(0.97);
  const after = await fitting(heading);
  expect(after.filled).toBeLessThanOrEqual(1.01);
  expect(after.grown).toBeGreaterThan(1.5);
});
