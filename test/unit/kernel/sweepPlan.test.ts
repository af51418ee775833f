import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProgressThrottle } from '../../../src/kernel/progressThrottle';
import { MEASURE_MS, SPLIT_WHEN_LEFT_MS, spareCores, splitThreads } from '../../../src/kernel/sweepPlan';

describe('seed sweeps in the kernel: throttle and split', () => {
  it('lets one progress report through per interval, the first at once', () => {
    let now = 0;
    const throttle = new ProgressThrottle(100, () => now);
    const seen: number[] = [];
    for (now = 0; now <= 1000; now += 7) if (throttle.due()) seen.push(now);
    assert.equal(seen[0], 0);
    assert.ok(seen.length >= 9 && seen.length <= 11, `${seen.length} reports in 1 s`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] - seen[i - 1] >= 100);
  });

  it('splits a long sweep once its speed is known, over at most 4 cores', () => {
    const slow = { total: 10_000, done: 100, elapsedMs: MEASURE_MS };
    assert.equal(splitThreads(slow, undefined, 2), 2);
    assert.equal(splitThreads(slow, undefined, 16), 4);
    assert.equal(splitThreads({ ...slow, elapsedMs: MEASURE_MS - 1 }, undefined, 2), 1, 'speed not known yet');
    const leftMs = ((slow.total - slow.done) * slow.elapsedMs) / slow.done;
    assert.ok(leftMs >= SPLIT_WHEN_LEFT_MS);
    assert.equal(splitThreads({ total: 1000, done: 900, elapsedMs: 300 }, undefined, 4), 1, 'little left');
    assert.equal(splitThreads(slow, undefined, 1), 1, 'one core');
  });

  it('takes an explicit number of workers at once, one per seed at most', () => {
    assert.equal(splitThreads({ total: 100, done: 0, elapsedMs: 0 }, 3, 1), 3);
    assert.equal(splitThreads({ total: 2, done: 0, elapsedMs: 0 }, 8, 8), 2);
    assert.equal(splitThreads({ total: 100, done: 0, elapsedMs: 0 }, 1, 8), 1);
    assert.equal(splitThreads({ total: 100, done: 0, elapsedMs: 0 }, Number.NaN, 8), 1);
  });

  it('counts only the cores other work leaves free (this thread is part of the load)', () => {
    assert.equal(spareCores(2, 1.0), 2, 'idle but for the kernel thread');
    assert.equal(spareCores(2, 5.2), 1, 'busy');
    assert.equal(spareCores(8, 3.1), 6);
    assert.equal(spareCores(4, 0), 4);
  });
});
