/**
 * The words on the chart (renderer bundle, headless Chromium), on the
 * engine's bank-account run: fitted into one view, no two labels overlap;
 * a violation's label says its whole property, nothing is drawn through
 * it, and hovering it shows the property in full.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Trace } from '../../src/common/traceFormat';
import { MESSAGE_PALETTES } from '../../webview/chart/messagePalette';
import { colorsNear, hasColor, openRenderer, recordCanvasText, redrawnTexts, root, screenshots, settled, startHarness, type DrawnText, type Harness } from './harness';
import { THEMES } from './themes';

const trace = JSON.parse(readFileSync(join(root, 'test/fixtures/traces/simulated-bank-account.json'), 'utf8')) as Trace;
const HEADER_HEIGHT = 46;
const GUTTER_WIDTH = 64;

/** The labels of the chart body: not the lane headers or the time gutter, nor the glyphs inside marks. */
async function bodyLabels(page: Page, texts: DrawnText[]): Promise<DrawnText[]> {
  const box = await page.locator('.pn-canvas').boundingBox();
  assert.ok(box);
  return texts.filter((t) => t.top >= box.y + HEADER_HEIGHT && t.left >= box.x + GUTTER_WIDTH - 2 && t.text !== '!' && t.text !== '×2');
}

function overlap(a: DrawnText, b: DrawnText): number {
  const x = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const y = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return x > 0 && y > 0 ? x * y : 0;
}

describe('labels on the sequence chart (renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  for (const theme of ['light', 'dark'] as const) {
    test(`fitted into one view, no two labels overlap (${theme})`, async () => {
      const page = await openRenderer(harness, 'simulated-bank-account.json', { theme, init: recordCanvasText });
      await page.click('button[aria-label^="Fit"]');
      await settled(page);
      const labels = await bodyLabels(page, await redrawnTexts(page));
      // Culling is not leaving everything out: most of the run is still labelled.
      assert.ok(labels.length >= 40, `the fitted chart keeps its labels (${labels.length} drawn)`);
      const clashes: string[] = [];
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++) if (overlap(labels[i]!, labels[j]!) > 1) clashes.push(`"${labels[i]!.text}" × "${labels[j]!.text}"`);
      assert.deepEqual(clashes, [], 'labels drawn on top of each other');
      await page.screenshot({ path: join(screenshots, `chart-fit-labels-${theme}.png`) });
      await page.close();
    });
  }

  test('a violation label says its whole property, clear of the arrows, and its hover shows it', async () => {
    const property = 'the balance never exceeds what was deposited';
    const violation = trace.events.find((e) => e.kind === 'violation' && e.label === property);
    assert.ok(violation, 'the run violates the property');
    const page = await openRenderer(harness, 'simulated-bank-account.json', { init: recordCanvasText });
    const red = THEMES.light.vars['--vscode-errorForeground']!;
    for (const fitted of [false, true]) {
      if (fitted) await page.click('button[aria-label^="Fit"]');
      const texts = await redrawnTexts(page);
      const lines = texts.filter((t) => t.color === red && t.font.startsWith('600') && property.includes(t.text.replace(/…$/, '')));
      assert.equal(lines.map((l) => l.text).join(' '), property, `the whole property is written${fitted ? ' (fitted)' : ''}`);
      const box = { left: Math.min(...lines.map((l) => l.left)), top: Math.min(...lines.map((l) => l.top)), right: Math.max(...lines.map((l) => l.left + l.width)), bottom: Math.max(...lines.map((l) => l.top + l.height)) };
      // No arrow passes through the label: none of the message, loss or duplicate colours inside it.
      const half = (box.bottom - box.top) / 2;
      const inside = new Set<string>();
      for (let x = box.left + half; x <= box.right - half + 1; x += half) for (const c of await colorsNear(page, { x, y: box.top + half }, half)) inside.add(c);
      const arrowColors = [...MESSAGE_PALETTES.light, THEMES.light.vars['--vscode-charts-red']!, THEMES.light.vars['--vscode-charts-orange']!];
      const through = arrowColors.filter((c) => hasColor(inside, c, 6));
      assert.deepEqual(through, [], `no arrow is drawn through the label${fitted ? ' (fitted)' : ''}`);
      await page.mouse.move((box.left + box.right) / 2, (box.top + box.bottom) / 2);
      await page.waitForSelector('.pn-tooltip:not([hidden])');
      assert.match((await page.textContent('.pn-tooltip .pn-tip-title')) ?? '', new RegExp(`violation of "${property}"`), 'the hover names the property in full');
      await page.screenshot({ path: join(screenshots, `chart-violation-label${fitted ? '-fit' : ''}.png`) });
      await page.mouse.move(5, 5);
    }
    await page.close();
  });
});
