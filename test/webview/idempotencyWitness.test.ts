/**
 * The run's proof that a handler is not idempotent, on the chart (renderer
 * bundle, headless Chromium): the delivery the simulator replayed twice gets a
 * "×2 not idempotent" badge, its details say what the duplicate did, and the
 * verdict bar says how many handlers the run proved not idempotent.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { IdempotencyWitness, PropertyVerdict, Trace } from '../../src/common/traceFormat';
import type { Page } from 'playwright-core';
import { colorsNear, hasColor, locate, openRenderer, recordClipboard, root, screenshots, settled, startHarness, type Harness } from './harness';
import { THEMES } from './themes';

const run = JSON.parse(readFileSync(join(root, 'test/fixtures/traces/simulated-witness-run.json'), 'utf8')) as { trace: Trace; idempotency: IdempotencyWitness[]; verdicts: PropertyVerdict[] };
const orange = THEMES.light.vars['--vscode-charts-orange']!;

/** The renderer page given the fixture as the run output itself (`wrap=0`), as the kernel posts a run. */
async function openRunOutput(harness: Harness, fixture: string, theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await harness.browser.newPage({ viewport: { width: 1020, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(`${harness.url}/renderer.html?${new URLSearchParams({ fixture, theme, messaging: '0', width: '980', wrap: '0' })}`);
  await page.waitForSelector('[data-testid=chart] canvas');
  await settled(page);
  if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
  return page;
}

describe('idempotency witness on the sequence chart (renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  test('marks the replayed delivery with a badge and explains it in the details', async () => {
    const [witness] = run.idempotency;
    assert.ok(witness, 'the fixture run has a finding');
    const delivery = run.trace.events.find((e) => e.i === witness.event);
    assert.equal(delivery?.kind, 'deliver');
    const page = await openRunOutput(harness, 'simulated-witness-run.json');
    const point = await locate(page, witness.event);
    // The deposit arrives from the client's lane on the right, so the badge sits left of the arrowhead.
    const badge = await colorsNear(page, { x: point.x - 40, y: point.y }, 3);
    assert.ok(hasColor(badge, orange), `a badge in ${orange} beside the delivery; saw ${[...badge].join(' ')}`);
    const above = await colorsNear(page, { x: point.x - 40, y: point.y - 20 }, 2);
    assert.ok(!hasColor(above, orange), 'the badge is a small pill on the delivery, not a band');

    const details = await page.$$eval('.pn-witness', (found) => found.map((e) => ({ text: e.textContent ?? '', handler: e.getAttribute('data-handler') })));
    assert.equal(details.length, 1, 'the selected delivery\'s details hold the witness');
    assert.equal(details[0]!.handler, 'Account.deposit');
    assert.match(details[0]!.text, /×2 not idempotent: Account\.deposit/);
    assert.ok(details[0]!.text.includes(witness.witness), 'the details quote the witness');
    await page.screenshot({ path: join(screenshots, 'chart-idempotency-witness.png') });

    // Another delivery of the run has no witness in its details.
    const other = run.trace.events.find((e) => e.kind === 'deliver' && e.i !== witness.event)!;
    await locate(page, other.i);
    await settled(page);
    assert.equal(await page.$$eval('.pn-witness', (found) => found.length), 0);
    await page.close();
  });

  test('the exported SVG carries the badge too', async () => {
    const page = await openRunOutput(harness, 'simulated-witness-run.json');
    const copied = await recordClipboard(page);
    await page.click('.pn-copy-svg');
    await page.waitForFunction(() => (window as unknown as { copied: string[] }).copied.length === 1);
    const [svg] = await copied();
    const badges = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return [...doc.querySelectorAll('g.witness')].map((g) => ({ text: (g.textContent ?? '').trim(), fill: g.querySelector('rect')?.getAttribute('fill') ?? '' }));
    }, svg!);
    assert.deepEqual(badges, [{ text: '×2 not idempotent', fill: orange }]);
    // What a person opening the exported file sees.
    await page.setContent(svg!);
    await page.screenshot({ path: join(screenshots, 'chart-idempotency-witness-export.png'), fullPage: true });
    await page.close();
  });

  /** The run with every property passing and a second handler proved not idempotent by another delivery. */
  const passingRun = (() => {
    const second = run.trace.events.find((e) => e.kind === 'deliver' && e.i > run.idempotency[0]!.event)!;
    const witnesses: IdempotencyWitness[] = [...run.idempotency, { handler: 'Client.ack', msgType: 'ack', witness: 'delivering `ack` twice changed `done`', event: second.i }];
    return { ...run, idempotency: witnesses, verdicts: run.verdicts.map((v) => ({ ...v, status: 'pass' as const })), trace: { ...run.trace, properties: run.trace.properties.map((p) => ({ name: p.name, status: 'pass' as const })) } };
  })();

  for (const theme of ['light', 'dark'] as const) {
    test(`the verdict bar says a handler is not idempotent, beside the chips, and links to the delivery (${theme})`, async () => {
      const page = await openRunOutput(harness, 'simulated-witness-run.json', theme);
      const bar = await page.$$eval('.pn-verdicts > *', (items) => items.map((i) => ({ className: i.className, text: i.textContent ?? '' })));
      const chip = bar.find((i) => i.className.includes('pn-idempotency'));
      assert.ok(chip, 'a warning chip in the verdict bar');
      assert.equal(chip.text, '⚠1 handler not idempotent');
      assert.ok(bar.indexOf(chip) > 0, 'beside the verdict chips');
      assert.match((await page.textContent('.pn-summary')) ?? '', / · 1 of 1 property violated$/);
      assert.match((await page.getAttribute('.pn-idempotency', 'title')) ?? '', /Account\.deposit: delivering `deposit` #0 twice/);
      await page.screenshot({ path: join(screenshots, `chart-idempotency-chip-${theme}.png`), clip: { x: 0, y: 0, width: 1020, height: 160 } });
      // From the end of the run, the chip selects the delivery and scrolls it into view.
      const last = run.trace.events[run.trace.events.length - 1]!;
      await locate(page, last.i);
      await page.click('.pn-idempotency');
      await settled(page);
      assert.equal(await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=chart]')!.dataset.selected), String(run.idempotency[0]!.event));
      await locate(page, run.idempotency[0]!.event, { select: false });
      assert.match((await page.textContent('.pn-details')) ?? '', /×2 not idempotent: Account\.deposit/);
      await page.close();
    });
  }

  test('with every property passing, two handlers: the count is plural and each click goes to the next delivery', async () => {
    const page = await openRenderer(harness, 'passing-run.json', { json: passingRun });
    assert.deepEqual(await page.$$eval('.pn-verdict', (chips) => chips.map((c) => c.getAttribute('data-status'))), ['pass']);
    assert.equal(await page.textContent('.pn-idempotency'), '⚠2 handlers not idempotent');
    assert.match((await page.textContent('.pn-summary')) ?? '', / · the property holds$/, 'the summary counts one property as one');
    await page.screenshot({ path: join(screenshots, 'chart-idempotency-chip-passing.png'), clip: { x: 0, y: 0, width: 1020, height: 160 } });
    const selected = async () => {
      await page.click('.pn-idempotency');
      await settled(page);
      return Number(await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=chart]')!.dataset.selected));
    };
    const events = passingRun.idempotency.map((w) => w.event);
    assert.deepEqual([await selected(), await selected(), await selected()], [events[0], events[1], events[0]]);
    await page.close();
  });
});
