/**
 * Hiding timers (renderer bundle, headless Chromium), on the engine's
 * bank-account run, whose client sets, fires and cancels `issue`, `retry`
 * and `timeout` timers: the filter hides one timer by name, or all of them,
 * and keeps that in the chart's saved state.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { ChartViewState } from '../../src/common/chartMessages';
import type { Trace, TraceEvent } from '../../src/common/traceFormat';
import { openRenderer, root, screenshots, settled, startHarness, type Harness } from './harness';

const trace = JSON.parse(readFileSync(join(root, 'test/fixtures/traces/simulated-bank-account.json'), 'utf8')) as Trace;
const timerEvents = (name?: string) => trace.events.filter((e) => (e.kind === 'timer' || e.kind === 'timer-set' || e.kind === 'timer-cancel') && (name === undefined || e.timer === name));

/** True when the chart draws the event somewhere (scrolling it into view first). */
async function drawn(page: Page, event: TraceEvent): Promise<boolean> {
  return page.evaluate((i) => {
    const chart = document.querySelector('[data-testid=chart]')!;
    chart.dispatchEvent(new CustomEvent('pn-select', { detail: { index: i } }));
    const detail: { index: number; point?: unknown } = { index: i };
    chart.dispatchEvent(new CustomEvent('pn-locate', { detail }));
    return detail.point !== undefined;
  }, event.i);
}

async function openFilter(page: Page): Promise<void> {
  await page.$eval('.pn-filter', (d) => ((d as HTMLDetailsElement).open = true));
}

describe('hiding timers (renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  test('the filter hides a timer by name, or all timers', async () => {
    assert.ok(timerEvents('retry').length > 0 && timerEvents('timeout').length > 0, 'the run sets retry and timeout timers');
    const page = await openRenderer(harness, 'simulated-bank-account.json');
    await page.click('.pn-filter summary');
    const names = await page.$$eval('input[data-filter=timer]', (boxes) => boxes.map((b) => b.getAttribute('data-name')));
    assert.deepEqual(names, ['issue', 'retry', 'timeout'], 'each timer of the run has a box');
    for (const e of timerEvents()) assert.ok(await drawn(page, e), `timer event #${e.i} is drawn before filtering`);

    await page.uncheck('input[data-filter=timer][data-name=retry]');
    await settled(page);
    assert.match((await page.textContent('.pn-filter summary')) ?? '', /1 hidden/);
    for (const e of timerEvents('retry')) assert.equal(await drawn(page, e), false, `retry #${e.i} (${e.kind}) is hidden`);
    for (const e of timerEvents('timeout')) assert.equal(await drawn(page, e), true, `timeout #${e.i} (${e.kind}) is still drawn`);
    assert.equal(await page.$eval('input[data-filter=all-timers]', (b) => (b as HTMLInputElement).indeterminate), true, '"All timers" shows that some are hidden');
    // Keyboard navigation skips what is hidden.
    await page.focus('.pn-stage');
    const visited = new Set<number>();
    for (let k = 0; k < 60; k++) {
      await page.keyboard.press('j');
      visited.add(Number(await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=chart]')!.dataset.selected)));
    }
    assert.ok(!timerEvents('retry').some((e) => visited.has(e.i)), 'J never stops on a hidden timer');
    assert.ok(timerEvents('timeout').some((e) => visited.has(e.i)), 'J stops on the timers still shown');

    await openFilter(page);
    await page.uncheck('input[data-filter=all-timers]');
    await settled(page);
    await page.screenshot({ path: join(screenshots, 'chart-timers-hidden.png') });
    assert.match((await page.textContent('.pn-filter summary')) ?? '', /3 hidden/);
    for (const e of timerEvents()) assert.equal(await drawn(page, e), false, `timer #${e.i} (${e.timer}) is hidden with all timers`);
    const deposit = trace.events.find((e) => e.kind === 'deliver' && e.node === 'account')!;
    assert.ok(await drawn(page, deposit), 'messages are still drawn');
    const listed = await page.$$eval('.pn-events li', (items) => items.map((li) => li.getAttribute('data-kind')));
    assert.ok(!listed.some((k) => k?.startsWith('timer')), 'the accessible list of the events in view has no timers');

    // Showing all timers again brings every one back.
    await openFilter(page);
    await page.check('input[data-filter=all-timers]');
    await settled(page);
    for (const e of timerEvents()) assert.ok(await drawn(page, e), `timer #${e.i} is drawn again`);
    await page.close();
  });

  test('hidden timers are part of the saved view', async () => {
    const page = await openRenderer(harness, 'simulated-bank-account.json');
    await page.click('.pn-filter summary');
    await page.uncheck('input[data-filter=timer][data-name=issue]');
    const saved = () => (window as unknown as { rendererState?: { charts: [string, ChartViewState][] } }).rendererState?.charts[0]?.[1].hiddenTimers;
    await page.waitForFunction(() => ((window as unknown as { rendererState?: { charts: [string, ChartViewState][] } }).rendererState?.charts[0]?.[1].hiddenTimers ?? []).length > 0);
    assert.deepEqual(await page.evaluate(saved), ['issue']);
    await page.evaluate(() => (window as unknown as { rerender(): void }).rerender());
    await settled(page);
    for (const e of timerEvents('issue')) assert.equal(await drawn(page, e), false, `issue #${e.i} stays hidden when the output is drawn again`);
    assert.equal(await page.isChecked('input[data-filter=timer][data-name=issue]'), false);
    await page.close();
  });
});
