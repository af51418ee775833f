import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { check } from '../../../../src/check/modelCheck/check';
import type { CheckOptions, CheckResult } from '../../../../src/check/modelCheck/types';
import { checkText } from '../../../../src/check/explore/resultText';
import { threadedCheck } from '../../../../src/kernel/threadedCheck';
import { balance } from '../../../../src/check/modelCheck/partitionedSearch';
import { workerConfig } from '../../../fixtures/protocols/workerConfigs';

const MODULE = join(__dirname, '..', '..', '..', 'fixtures', 'protocols', 'workerConfigs.ts');

/** check() of the named configuration over `workers` threads. */
function inThreads(name: string, options: CheckOptions, workers = 2): CheckResult {
  return threadedCheck(workerConfig(name), { ...options, workers }, { module: MODULE, exportName: 'workerConfig', args: [name] });
}

/** The result without what depends on timing. */
function untimed(result: CheckResult): string {
  return JSON.stringify(result, (key, value: unknown) => (key === 'wallMs' || key === 'statesPerSecond' ? 0 : value));
}

describe('check({ workers }): the search split over threads', () => {
  for (const [name, options] of [
    // A search that stops at its first violation stops mid-level in one thread and at the level's end in several: keepGoing makes both whole.
    ['2pc-4', { crashes: 1, keepGoing: true }],
    ['2pc-3', { loss: true, duplicate: true }],
    ['broadcast-4', { loss: true }],
    ['paxos-durable', {}],
    // States a handler error ended are judged where they were found and never expanded, nor moved.
    ['2pc-3-throws', { keepGoing: true }],
  ] as const) {
    it(`finds the states, successors and verdicts of one thread: ${name} ${JSON.stringify(options)}`, () => {
      const one = check(workerConfig(name), options);
      const two = inThreads(name, options);
      assert.equal(two.stats.workers, 2);
      assert.equal(two.stats.uniqueStates, one.stats.uniqueStates, 'unique states');
      assert.equal(two.stats.statesExplored, one.stats.statesExplored, 'successors computed');
      assert.equal(two.stats.depth, one.stats.depth);
      assert.equal(one.complete, true);
      assert.equal(two.complete, true);
      assert.deepEqual(two.verdicts.map((v) => [v.name, v.status]), one.verdicts.map((v) => [v.name, v.status]));
      const owned = two.stats.perWorker?.map((w) => w.uniqueStates) ?? [];
      assert.equal(owned.length, 2);
      assert.equal(owned[0] + owned[1], one.stats.uniqueStates);
      assert.ok(owned.every((n) => n > 0), `each thread owns some states: ${owned.join(', ')}`);
      // Each level is balanced between the threads, so the whole search is too.
      assert.ok(Math.abs(owned[0] - owned[1]) <= 0.05 * one.stats.uniqueStates + 8, `the threads hold about as many states: ${owned.join(', ')}`);
      assert.match(checkText(two)[0], new RegExp(`; 2 workers \\(states per worker: ${owned[0]} at \\d+ states/s, ${owned[1]} at \\d+ states/s\\)$`));
    });
  }

  it('finds a shortest counterexample that replays and fails, the same in every run', () => {
    const one = check(workerConfig('2pc-3-bug'));
    const two = inThreads('2pc-3-bug', {});
    const again = inThreads('2pc-3-bug', {});
    const [a, b] = [one, two].map((r) => r.verdicts.find((v) => v.name === 'consistent'));
    assert.equal(two.ok, false);
    assert.equal(two.stoppedBy, 'violation');
    assert.equal(b?.status, 'fail');
    assert.equal(b?.counterexample?.kind, 'path');
    assert.equal(b?.counterexample?.steps.length, a?.counterexample?.steps.length, 'as short as the one thread finds');
    assert.equal(b?.counterexample?.run.verdicts.find((v) => v.name === 'consistent')?.status, 'fail', 'the replay breaks the property');
    assert.ok(two.trace, 'the trace of the counterexample');
    assert.ok(untimed(again) === untimed(two), 'byte-identical results apart from timing');
  });

  it('keeps going to one violation per property, and stops at a depth bound as one thread does', () => {
    const going = inThreads('2pc-3-bug', { keepGoing: true });
    assert.equal(going.complete, true);
    assert.equal(going.stats.uniqueStates, check(workerConfig('2pc-3-bug'), { keepGoing: true }).stats.uniqueStates);
    const bounded = inThreads('2pc-4', { depth: 5 });
    const alone = check(workerConfig('2pc-4'), { depth: 5 });
    assert.equal(bounded.stoppedBy, 'depth');
    assert.equal(bounded.stats.uniqueStates, alone.stats.uniqueStates);
    assert.deepEqual(bounded.verdicts, alone.verdicts);
  });

  it('balances a level: threads over their share give the surplus, in thread order, to those under it', () => {
    assert.deepEqual(balance([10, 0], 0), [{ to: 1, count: 5 }]);
    assert.deepEqual(balance([10, 0], 1), []);
    assert.deepEqual(balance([7, 0, 0], 0), [{ to: 1, count: 2 }, { to: 2, count: 2 }]);
    assert.deepEqual(balance([3, 3, 0], 0), [{ to: 2, count: 1 }]);
    assert.deepEqual(balance([3, 3, 0], 1), [{ to: 2, count: 1 }]);
    assert.deepEqual(balance([0, 0], 0), []);
    assert.deepEqual(balance([4, 5], 1), [{ to: 0, count: 1 }]);
    // Whatever the counts, every thread ends with its share: the total split as evenly as it goes, the first ones one more.
    for (const counts of [[9, 1, 0, 4], [0, 0, 13], [5, 5, 5, 5], [1, 0, 0, 0, 0], [100, 3, 77]]) {
      const after = [...counts];
      counts.forEach((_, w) => {
        for (const { to, count } of balance(counts, w)) {
          after[w] -= count;
          after[to] += count;
        }
      });
      const total = counts.reduce((a, b) => a + b, 0);
      assert.deepEqual(after, counts.map((_, w) => Math.floor(total / counts.length) + (w < total % counts.length ? 1 : 0)), JSON.stringify(counts));
    }
  });

  it('refuses what it cannot split, with the reason', () => {
    assert.throws(() => check(workerConfig('2pc-3'), { workers: 2 }), /workers above 1 need threads that run the same configuration/);
    assert.throws(() => inThreads('2pc-3-liveness', {}), /workers above 1 cannot judge 'all decided'/);
    assert.throws(() => inThreads('2pc-3', { strategy: 'dfs' }), /workers above 1 work with strategy 'bfs' only/);
    assert.throws(() => inThreads('2pc-3', { symmetry: true }), /workers above 1 and symmetry reduction cannot be combined/);
    assert.throws(() => inThreads('2pc-3', { partialOrder: true }), /workers above 1 and partialOrder cannot be combined/);
    assert.throws(() => check(workerConfig('2pc-3'), { workers: 0 }), /workers must be a positive integer/);
  });

  it('refuses threads that run another configuration than the first', () => {
    assert.throws(
      () => threadedCheck(workerConfig('2pc-3'), { workers: 2 }, { module: MODULE, exportName: 'workerConfig', args: ['2pc-4'] }),
      /built another initial state/,
    );
  });

  it('runs in one thread, unchanged, with workers: 1', () => {
    const result = check(workerConfig('2pc-3'), { workers: 1 });
    assert.equal(result.stats.workers, undefined);
    assert.equal(untimed(result), untimed(check(workerConfig('2pc-3'))));
  });
});
