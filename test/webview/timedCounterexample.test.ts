/**
 * A counterexample of check()'s time model, replayed by the real engine and
 * drawn by the renderer bundle in Chromium: the heartbeat monitor whose
 * timeout (14) equals the longest gap between heartbeats. The chart shows
 * the runs at the model's times — the first heartbeat arrives at 1, the
 * second leaves at 10, and the silence timer fires at 15 with that heartbeat
 * still on its way, drawn below the send and above nothing it caused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { check } from '../../src/api/index';
import { heartbeat } from '../fixtures/protocols/timed';
import { locate, openRenderer, screenshots, startHarness, type Harness } from './harness';

describe('a time-model counterexample (check, engine replay, renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  test('draws the deliveries and the timer at the times the model chose', async () => {
    const result = check(heartbeat(10, 14), { time: { delay: [1, 5] } });
    const verdict = result.verdicts.find((v) => v.name === 'accurate');
    assert.equal(verdict?.status, 'fail');
    const trace = verdict?.counterexample?.run.trace;
    assert.ok(trace);
    const sends = trace.events.filter((e) => e.kind === 'send');
    const deliveries = trace.events.filter((e) => e.kind === 'deliver');
    const timer = trace.events.find((e) => e.kind === 'timer' && e.node === 'q');
    assert.deepEqual(sends.map((e) => e.t), [0, 10], 'heartbeats leave at 0 and 10');
    assert.deepEqual(deliveries.map((e) => e.t), [1], 'only the first arrives, after 1');
    assert.equal(timer?.t, 15, 'the silence timer fires 14 after the first heartbeat arrived');
    assert.equal(trace.events.at(-1)?.kind, 'violation');

    const page = await openRenderer(harness, 'timed-counterexample.json', { json: trace });
    const arrive = await locate(page, deliveries[0]!.i);
    const second = await locate(page, sends[1]!.i);
    const fires = await locate(page, timer!.i);
    assert.ok(arrive.y < second.y && second.y < fires.y, `time runs down the chart: arrival at 1 (y ${arrive.y}), send at 10 (y ${second.y}), timer at 15 (y ${fires.y})`);
    assert.notEqual(second.x, fires.x, 'the send is on the beater\'s lane, the timer on the monitor\'s');
    await page.screenshot({ path: join(screenshots, 'chart-timed-counterexample.png'), fullPage: true });
    await page.close();
  });
});
