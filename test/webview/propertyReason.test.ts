/**
 * An `always` predicate that returns its reason: the chart shows the reason on
 * the failing verdict and in the details of the violation it draws
 * (test/fixtures/traces/simulated-reason.json, written by writeReasonFixture.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Trace } from '../../src/common/traceFormat';
import { locate, openRenderer, root, screenshots, startHarness, type Harness } from './harness';

const trace = JSON.parse(readFileSync(join(root, 'test/fixtures/traces/simulated-reason.json'), 'utf8')) as Trace;
const reason = 'index 1 committed as x at t=1 and as y at t=23';

describe('a property that says why it failed (renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  test('shows the reason on the verdict and on the violation', async () => {
    assert.equal(trace.properties[0].message, reason);
    const page = await openRenderer(harness, 'simulated-reason.json');
    const chip = page.locator('.pn-verdict--fail');
    assert.equal(await chip.getAttribute('title'), reason);
    assert.match((await chip.getAttribute('aria-label')) ?? '', new RegExp(`failed at t=23, ${reason}`));
    const violation = trace.events.find((e) => e.kind === 'violation');
    assert.ok(violation);
    await locate(page, violation.i);
    assert.match((await page.textContent('.pn-details-title')) ?? '', /violation of "an index is committed once"/);
    assert.match((await page.textContent('.pn-details')) ?? '', new RegExp(reason));
    await page.screenshot({ path: join(screenshots, 'property-reason.png'), fullPage: true });
    await page.close();
  });
});
