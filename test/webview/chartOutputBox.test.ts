/**
 * The chart under a cell as a box in a scrolling page (renderer bundle,
 * headless Chromium): the wheel scrolls the page until the chart is clicked,
 * then the chart; its height follows a drag of the handle under it (or the
 * arrow keys), and the renderer's state brings that height back when the
 * output is drawn again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openRenderer, screenshots, settled, startHarness, type Harness } from './harness';

/** The renderer page in a notebook-like page: room above and below, so the page itself scrolls. */
async function openInLongPage(harness: Harness, theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await openRenderer(harness, 'simulated-bank-account.json', { theme });
  await page.evaluate(() => {
    const out = document.getElementById('out')!;
    out.style.margin = '200px 0 2000px';
  });
  await settled(page);
  return page;
}

const scrolls = (page: Page) => page.evaluate(() => ({ page: Math.round(window.scrollY), chart: Math.round(document.querySelector('.pn-scroller')!.scrollTop) }));

async function stageCenter(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('.pn-stage').boundingBox();
  assert.ok(box);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('the chart as a box in the notebook (renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  test('the wheel scrolls the page until the chart has focus, then the chart', async () => {
    const page = await openInLongPage(harness);
    await page.evaluate(() => window.scrollTo(0, 100));
    const start = await stageCenter(page);
    await page.mouse.move(start.x, start.y);
    const before = await scrolls(page);
    await page.mouse.wheel(0, 240);
    await page.waitForFunction((y) => window.scrollY > y, before.page, { timeout: 5_000 });
    await settled(page);
    const unfocused = await scrolls(page);
    assert.ok(unfocused.page > before.page, `the page scrolled (${before.page} → ${unfocused.page})`);
    assert.equal(unfocused.chart, before.chart, 'the chart did not take the wheel');
    assert.equal(await page.isVisible('.pn-wheel-hint'), true, 'a hint says how to scroll the chart');
    await page.screenshot({ path: join(screenshots, 'chart-wheel-hint.png') });

    // A click gives the chart focus: now the wheel scrolls the chart and the page stays.
    const center = await stageCenter(page);
    await page.mouse.click(center.x, center.y);
    await settled(page);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('pn-stage')), true, 'the click focused the chart');
    await page.mouse.wheel(0, 120);
    await page.waitForFunction((y) => document.querySelector('.pn-scroller')!.scrollTop > y, unfocused.chart, { timeout: 5_000 });
    await settled(page);
    const focused = await scrolls(page);
    assert.ok(focused.chart > unfocused.chart, `the chart scrolled (${unfocused.chart} → ${focused.chart})`);
    assert.equal(focused.page, unfocused.page, 'the page stayed');
    await page.close();
  });

  test('without focus, hovering and clicking still reach what is drawn', async () => {
    const page = await openInLongPage(harness);
    const point = await page.evaluate(() => {
      const chart = document.querySelector('[data-testid=chart]')!;
      const detail: { index: number; point?: { x: number; y: number } } = { index: 9 };
      chart.dispatchEvent(new CustomEvent('pn-locate', { detail }));
      return detail.point;
    });
    assert.ok(point, 'event #9 is in view');
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector('.pn-tooltip:not([hidden])');
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=chart]')!.dataset.selected === '9');
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the handle under the chart sets its height, and the renderer state keeps it (${theme})`, async () => {
      const page = await openInLongPage(harness, theme);
      const height = async () => Math.round((await page.locator('.pn-stage').boundingBox())!.height);
      const canvasHeight = () => page.evaluate(() => Math.round(document.querySelector('canvas')!.getBoundingClientRect().height));
      const initial = await height();
      const initialCanvas = await canvasHeight();
      const handle = (await page.locator('.pn-resize').boundingBox())!;
      assert.ok(handle.y >= (await page.locator('.pn-stage').boundingBox())!.y + initial - 2, 'the handle is under the chart');
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2 + 150, { steps: 5 });
      await page.mouse.up();
      await settled(page);
      assert.equal(await height(), initial + 150, 'dragging the handle down 150 px makes the chart 150 px taller');
      assert.equal(await canvasHeight(), initialCanvas + 150, 'the canvas is drawn at the new height');
      await page.screenshot({ path: join(screenshots, `chart-resized-${theme}.png`) });
      await page.focus('.pn-resize');
      await page.keyboard.press('ArrowUp');
      await settled(page);
      assert.equal(await height(), initial + 110, 'the up arrow makes it 40 px shorter');
      // The output drawn again (the notebook's webview shown anew) keeps the height.
      await page.waitForFunction((h) => (window as unknown as { rendererState?: { charts: [string, { height?: number }][] } }).rendererState?.charts[0]?.[1].height === h, initial + 110 - 2);
      await page.evaluate(() => (window as unknown as { rerender(): void }).rerender());
      await settled(page);
      assert.equal(await height(), initial + 110, 'the height is remembered');
      // A double click goes back to the automatic height.
      await page.dblclick('.pn-resize');
      await settled(page);
      assert.equal(await height(), initial);
      await page.close();
    });
  }
});
