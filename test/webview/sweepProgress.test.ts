/**
 * The progress bar of a running explore() sweep, drawn by the renderer
 * bundle from a progress output (MIME application/vnd.protocol-notebook.progress+json).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { SweepProgress } from '../../src/common/sweepProgress';
import { screenshots, startHarness, type Harness } from './harness';
import { THEMES, type ThemeKind } from './themes';

async function openProgress(harness: Harness, progress: SweepProgress, theme: ThemeKind) {
  const page = await harness.browser.newPage({ viewport: { width: 720, height: 160 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const query = new URLSearchParams({ json: JSON.stringify(progress), mime: 'application/vnd.protocol-notebook.progress+json', theme, width: '680' });
  await page.goto(`${harness.url}/renderer.html?${query}`);
  await page.waitForSelector('[data-testid=sweep-progress]');
  assert.deepEqual(errors, []);
  return page;
}

describe('the seed sweep progress bar (renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  for (const theme of ['light', 'dark'] as const) {
    test(`shows seeds done of total, failing seeds, runs per second and threads (${theme})`, async () => {
      const page = await openProgress(harness, { done: 1200, total: 3000, failed: 7, workers: 2, elapsedMs: 600 }, theme);
      const bar = await page.$eval('[data-testid=sweep-progress]', (el) => ({
        now: el.getAttribute('aria-valuenow'),
        max: el.getAttribute('aria-valuemax'),
        text: el.textContent,
        fill: (el.querySelector('.pn-sweep-fill') as HTMLElement).getBoundingClientRect().width / (el.querySelector('.pn-sweep-bar') as HTMLElement).getBoundingClientRect().width,
        failing: getComputedStyle(el.querySelector('.pn-sweep-failing') as HTMLElement).color,
      }));
      assert.equal(bar.now, '1200');
      assert.equal(bar.max, '3000');
      assert.match(bar.text ?? '', /1,200 \/ 3,000 seeds \(40%\)/);
      assert.match(bar.text ?? '', /7 failing/);
      assert.match(bar.text ?? '', /2,000 runs\/s/);
      assert.match(bar.text ?? '', /2 threads/);
      assert.ok(Math.abs(bar.fill - 0.4) < 0.02, `the bar is ${bar.fill} full`);
      const red = THEMES[theme].vars['--vscode-errorForeground'];
      if (red) assert.equal(bar.failing, rgb(red), 'failing seeds in the error colour');
      await page.screenshot({ path: join(screenshots, `sweep-progress-${theme}.png`) });
      await page.close();
    });
  }

  test('says when it is stopping, and when it shrinks the failures it found', async () => {
    const stopping = await openProgress(harness, { done: 10, total: 100, failed: 0, workers: 1, elapsedMs: 5, stopping: true }, 'light');
    assert.match((await stopping.textContent('[data-testid=sweep-progress]')) ?? '', /stopping/);
    await stopping.close();
    const shrinking = await openProgress(harness, { done: 100, total: 100, failed: 3, workers: 1, elapsedMs: 50 }, 'light');
    assert.match((await shrinking.textContent('[data-testid=sweep-progress]')) ?? '', /shrinking failures/);
    await shrinking.close();
  });
});

function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
