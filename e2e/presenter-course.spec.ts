// A day of class: exercises and their progress, live reload, deck warnings, themes, layouts and the
// divider, the reading view and the clicker on a phone, and a keyboard-only walk through the controls.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, startDeckhand, type RunningDeckhand } from './support/deckhand';
import { expectInsideWindow, expectSlide, openDeck } from './support/presenter';

let deckhand: RunningDeckhand;
let folder: string;

test.beforeAll(async () => {
  // A copy, so the live-reload test can edit the deck.
  folder = mkdtempSync(path.join(tmpdir(), 'deckhand-presenter-'));
  cpSync(path.join(repoRoot, 'e2e/fixtures/presenter'), folder, { recursive: true });
  deckhand = await startDeckhand([folder]);
});

test.afterAll(async () => {
  await deckhand.stop();
  rmSync(folder, { recursive: true, force: true });
});

test('tips stay folded until opened, and exercise progress survives a reload', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/4');
  await expectSlide(page, 'Exercise: Say hello', 4);
  const slide = page.locator('.slide-area');
  await expect(slide.getByText('prints its arguments')).toBeHidden();
  await slide.getByText('Tip 1').click();
  await expect(slide.getByText('prints its arguments')).toBeVisible();

  await expect(page.getByText('Exercises 0/2')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Exercise done' }).check();
  await expect(page.getByText('Exercises 1/2')).toBeVisible();
  await page.reload();
  await expectSlide(page, 'Exercise: Say hello', 4);
  await expect(page.getByRole('checkbox', { name: 'Exercise done' })).toBeChecked();
  await expect(page.getByText('Exercises 1/2')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('checkbox', { name: 'Exercise done' })).not.toBeChecked();
});

test('editing the deck file updates the open view within a second, on the same slide and terminal', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/2');
  await expectSlide(page, 'Run a command', 2);
  await page.locator('.terminal-host').evaluate((element) => element.setAttribute('data-kept', 'yes'));
  const file = path.join(folder, 'course.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('## Run a command', '## Run one command, edited'));
  await expect(page.locator('.slide-area').getByRole('heading', { name: 'Run one command, edited' })).toBeVisible({ timeout: 1_000 });
  await expect(page).toHaveURL(/#\/course\/2$/);
  await expect(page.locator('.terminal-host')).toHaveAttribute('data-kept', 'yes');
});

test('deck warnings wait behind a small button and list their line numbers', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/1');
  const toggle = page.getByRole('button', { name: /1 deck warning/ });
  await expect(toggle).toBeVisible();
  await expect(page.getByText(/placeholder like <image>/)).toBeHidden();
  await toggle.click();
  await expect(page.getByRole('region', { name: '1 deck warning' })).toContainText(/course\.md:7\d Block has a placeholder like <image>/);
});

test('in a narrow window the deck warnings open inside it', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 800 });
  await openDeck(page, deckhand, '#/course/1');
  await page.getByRole('button', { name: /1 deck warning/ }).click();
  await expectInsideWindow(page, page.getByRole('region', { name: '1 deck warning' }));
});

test('the theme directive picks the theme, and the deck style applies', async ({ page }) => {
  await openDeck(page, deckhand, '#/second/1');
  await expectSlide(page, 'The second deck', 1);
  await expect(page.locator('.slide-area .dh-deck')).toHaveAttribute('data-theme', 'dark');
  const heading = page.locator('.slide-area').getByRole('heading', { name: 'The second deck' });
  expect(await heading.evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('underline');
  const paper = await page.locator('.slide-area .dh-deck > section').evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(paper).toBe('rgb(20, 24, 31)');
  await openDeck(page, deckhand, '#/course/1');
  await expect(page.locator('.slide-area .dh-deck')).toHaveAttribute('data-theme', 'deckhand');
});

test('every text on a slide in Deckhand\'s light theme meets WCAG AA contrast', async ({ page }) => {
  await openDeck(page, deckhand, '#/plain/1');
  await expectSlide(page, 'The light theme', 1);
  await expect(page.locator('.slide-area .dh-deck')).toHaveAttribute('data-theme', 'deckhand-light');
  const ratios = await page.locator('.slide-area .dh-deck > section').evaluate((section) => {
    const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (css: string): number => {
      const [r, g, b] = rgb(css).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const background = (element: Element | null): string => {
      for (let node = element; node; node = node.parentElement) {
        const color = getComputedStyle(node).backgroundColor;
        if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
      }
      return 'rgb(255, 255, 255)';
    };
    const results: Array<{ text: string; ratio: number }> = [];
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const element = node.parentElement;
      if (!text || !element || element.closest('.code-actions')) continue;
      const [a, b] = [luminance(getComputedStyle(element).color), luminance(background(element))];
      results.push({ text, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
    }
    const page = getComputedStyle(section, '::after');
    const [a, b] = [luminance(page.color), luminance(background(section))];
    results.push({ text: `page number ${page.content}`, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
    return results;
  });
  expect(ratios.length).toBeGreaterThan(8);
  for (const { text, ratio } of ratios) expect(ratio, `contrast of "${text}"`).toBeGreaterThanOrEqual(4.5);
});

test('header, footer, page numbers, image sizes and backgrounds come from the deck', async ({ page }) => {
  await openDeck(page, deckhand, '#/plain/1');
  const section = page.locator('.slide-area .dh-deck > section');
  await expect(section.locator('header')).toHaveText('A header');
  await expect(section.locator('footer')).toHaveText('A footer');
  expect(await section.evaluate((element) => getComputedStyle(element, '::after').content)).toBe('"1"');

  await openDeck(page, deckhand, '#/course/6');
  await expectSlide(page, 'A picture', 6);
  const picture = page.locator('.slide-area').getByRole('img', { name: "A ship's wheel" });
  expect(await picture.evaluate((element) => getComputedStyle(element).width)).toBe('200px');
  const background = page.locator('.slide-area .dh-backgrounds figure');
  expect(await background.evaluate((element) => getComputedStyle(element).backgroundImage)).toContain('wheel.svg');
  const [layer, slide] = await Promise.all([
    page.locator('.slide-area .dh-backgrounds').evaluate((element) => element.getBoundingClientRect().width),
    page.locator('.slide-area .dh-deck > section').evaluate((element) => element.getBoundingClientRect().width),
  ]);
  expect(layer / slide).toBeCloseTo(0.3, 1);
});

test('t hides the terminal, m maximises it, and the divider position is remembered', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/1');
  const audience = page.locator('.audience');
  await expect(audience).toHaveClass(/layout-split/);
  await page.keyboard.press('t');
  await expect(audience).toHaveClass(/layout-slide/);
  await expect(page.locator('.terminal-slot')).not.toBeInViewport();
  await page.keyboard.press('t');
  await page.keyboard.press('m');
  await expect(audience).toHaveClass(/layout-terminal/);
  await expect(page.locator('.slide-area')).toBeHidden();
  await page.getByRole('button', { name: /Show slides/ }).click();
  await expect(audience).toHaveClass(/layout-split/);

  const divider = page.getByRole('separator', { name: 'Resize slide and terminal' });
  const box = await divider.boundingBox();
  if (!box) throw new Error('no divider');
  const width = page.viewportSize()?.width ?? 1280;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(width * 0.45, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const moved = Number(await divider.getAttribute('aria-valuenow'));
  expect(moved).toBeGreaterThanOrEqual(43);
  expect(moved).toBeLessThanOrEqual(47);
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Resize slide and terminal' })).toHaveAttribute('aria-valuenow', String(moved));
});

test('the terminal font grows and shrinks for a projector, and stays so after a reload', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/1');
  await expectSlide(page, 'Welcome aboard');
  const rows = page.locator('.xterm-rows');
  const size = async (): Promise<number> => parseFloat(await rows.evaluate((element) => getComputedStyle(element).fontSize));
  await expect(rows).toBeAttached();
  const start = await size();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(size).toBe(start + 4);
  await page.getByRole('button', { name: 'Smaller terminal font' }).click();
  await expect.poll(size).toBe(start + 2);
  await page.reload();
  await expect.poll(size).toBe(start + 2);
});

test('the terminal\'s screen-reader mode can be switched on', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/1');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-status', /open|connecting/);
  const toggle = page.getByRole('button', { name: 'Screen reader' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.xterm-accessibility-tree')).toHaveCount(1);
});

test('slide changes do not animate for people who ask for reduced motion', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await openDeck(page, deckhand, '#/course/2');
  await expectSlide(page, /^Run (a|one) command/, 2);
  await page.keyboard.press('ArrowRight');
  await expectSlide(page, 'Long and typed commands', 3);
  expect(await page.locator('.slide-area .slide-canvas').evaluate((element) => getComputedStyle(element).animationName)).toBe('none');
  await context.close();
});

test('on a phone the deck becomes a reading view with every slide reflowed', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await openDeck(page, deckhand, '#/course/6');
  const reading = page.getByRole('main', { name: /reading view/ });
  await expect(reading.getByRole('article')).toHaveCount(12);
  await expect(reading.getByRole('heading', { name: 'A picture' })).toBeInViewport();
  await expect(reading.getByRole('img', { name: "A ship's wheel" })).toBeVisible();
  const widths = await reading.locator('.dh-deck > section').evaluateAll((sections) => sections.map((section) => section.getBoundingClientRect().width));
  expect(Math.max(...widths)).toBeLessThanOrEqual(390);
  await expect(page.getByTestId('terminal')).toHaveCount(0);
  await page.getByRole('link', { name: /Use this phone as a clicker/ }).click();
  await expect(page.getByRole('main', { name: 'Clicker' })).toBeVisible();
  await context.close();
});

test('on a phone the presenter view is a clicker with big buttons, notes and the timer', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await openDeck(page, deckhand, '#/course/1/presenter');
  const clicker = page.getByRole('main', { name: 'Clicker' });
  await expect(clicker.getByText('1 / 12')).toBeVisible();
  await expect(clicker.getByRole('region', { name: 'Speaker notes' })).toContainText('who has used Docker');
  await expect(page.getByTestId('elapsed')).toBeVisible();
  const next = clicker.getByRole('button', { name: 'Next →' });
  const box = await next.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(150);
  await next.tap();
  await expect(clicker.getByText(/^2 \/ 12/)).toBeVisible();
  await expect(page).toHaveURL(/#\/course\/2\/presenter$/);
  await context.close();
});

test('every control is reachable with Tab, shows its focus, and works from the keyboard', async ({ page }) => {
  await openDeck(page, deckhand, '#/course/2');
  await expectSlide(page, 'Run', 2);
  const reached: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      if (element.closest('.terminal-pane')) return { name: 'terminal', outline: 'n/a' };
      const style = getComputedStyle(element);
      const name = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName;
      return { name: `${element.tagName.toLowerCase()}:${name}`, outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    if (!focused) continue;
    if (focused.name === 'terminal') break;
    expect(focused.outline, `visible focus on ${focused.name}`).not.toMatch(/^none|0px$/);
    reached.push(focused.name);
  }
  for (const control of ['button:Run', 'button:Copy', 'button:Next slide', 'button:Slide', 'button:Split', 'button:Terminal', 'button:Larger terminal font', 'button:Screen reader', 'button:Overview', 'button:Presenter view', 'button:Keyboard shortcuts', 'div:Resize slide and terminal']) {
    expect(reached, `Tab reaches ${control}`).toContain(control);
  }

  await page.getByRole('button', { name: 'Next slide' }).focus();
  await page.keyboard.press('Enter');
  await expectSlide(page, 'Long and typed commands', 3);
  await page.getByRole('button', { name: 'Slide', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(page.locator('.audience')).toHaveClass(/layout-slide/);
  await page.getByRole('button', { name: 'Split', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.audience')).toHaveClass(/layout-split/);
  const divider = page.getByRole('separator', { name: 'Resize slide and terminal' });
  const before = Number(await divider.getAttribute('aria-valuenow'));
  await divider.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(divider).toHaveAttribute('aria-valuenow', String(before - 2));
  await expectSlide(page, 'Long and typed commands', 3);
});
