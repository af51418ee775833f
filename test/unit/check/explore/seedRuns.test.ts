import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explore } from '../../../../src/check/explore/explore';
import { claimAll, fillGaps, runSeeds, tallySeeds, type SeedClaim } from '../../../../src/check/explore/seedRuns';
import { seedList } from '../../../../src/check/explore/seedSelection';
import { SWEEP_HOST_GLOBAL, type SweepHost } from '../../../../src/check/explore/sweepHost';
import type { ExploreOptions } from '../../../../src/check/explore/types';
import { Account, bank } from '../../../fixtures/protocols/bank';

/** Claims of `size` positions from a counter that several "threads" share. */
function sharedClaims(total: number, size: number): () => SeedClaim {
  let next = 0;
  return () => () => {
    if (next >= total) return null;
    const from = next;
    next = Math.min(total, next + size);
    return [from, next];
  };
}

describe('explore: a sweep in parts', () => {
  const config = bank(Account);
  const seeds = seedList(120);

  for (const options of [{}, { stopAfter: 7 }, { stopAfter: 0 }] as ExploreOptions[]) {
    it(`tallies parts run in any interleaving as the sequential loop does (${JSON.stringify(options)})`, () => {
      const whole = tallySeeds(seeds, [runSeeds(config, seeds, claimAll(seeds.length), options).outcomes], options.stopAfter);
      for (const [threads, size] of [[2, 1], [3, 16], [4, 5]]) {
        // Threads take turns claiming, one claim each in round robin, so each part holds scattered ranges.
        const claims = sharedClaims(seeds.length, size);
        const parts = Array.from({ length: threads }, () => claims());
        const outcomes = parts.map((claim) => runSeeds(config, seeds, claim, options).outcomes);
        const tally = tallySeeds(seeds, outcomes.reverse(), options.stopAfter);
        assert.deepEqual(tally, whole, `${threads} threads claiming ${size}`);
      }
    });
  }

  it('gives the same result through a host that splits the sweep as without one', () => {
    const plain = explore(config, { seeds: 60, maxShrinkRuns: 40 });
    // A host in this thread: claims of 7, and the "helpers'" parts are run right here in finish().
    const claims = sharedClaims(60, 7);
    const own = claims();
    const helper = claims();
    const progress: number[] = [];
    const host: SweepHost = {
      begin: () => true,
      claim: own,
      progress: (done) => (progress.push(done), false),
      finish: () => [runSeeds(config, seeds.slice(0, 60), helper, {}).outcomes],
    };
    (globalThis as Record<string, unknown>)[SWEEP_HOST_GLOBAL] = host;
    try {
      const hosted = explore(config, { seeds: 60, maxShrinkRuns: 40 });
      // Outside a kernel the clock runs: compare all but the timings.
      const untimed = (value: unknown) => JSON.stringify(value, (key, v: unknown) => (key === 'wallMs' || key === 'runsPerSecond' ? 0 : v));
      assert.ok(untimed(hosted) === untimed(plain), 'the same result');
      assert.ok(progress.length > 0 && progress.length <= 60);
    } finally {
      delete (globalThis as Record<string, unknown>)[SWEEP_HOST_GLOBAL];
    }
  });

  for (const options of [{}, { stopAfter: 3 }] as ExploreOptions[]) {
    it(`runs what a lost helper claimed and never handed over, and gets the same result (${JSON.stringify(options)})`, () => {
      const plain = explore(config, { seeds: 60, maxShrinkRuns: 40, ...options });
      const claims = sharedClaims(60, 7);
      const own = claims();
      const lost = claims();
      const host: SweepHost = {
        begin: () => true,
        // The lost helper claims every other range, then dies: its part never arrives.
        claim: () => (lost(), own()),
        progress: () => false,
        finish: () => [],
      };
      (globalThis as Record<string, unknown>)[SWEEP_HOST_GLOBAL] = host;
      try {
        const hosted = explore(config, { seeds: 60, maxShrinkRuns: 40, ...options });
        const untimed = (value: unknown) => JSON.stringify(value, (key, v: unknown) => (key === 'wallMs' || key === 'runsPerSecond' ? 0 : v));
        assert.ok(untimed(hosted) === untimed(plain), 'the same result');
      } finally {
        delete (globalThis as Record<string, unknown>)[SWEEP_HOST_GLOBAL];
      }
    });
  }

  it('fills only the gaps before the point where stopAfter ends the sequential loop', () => {
    const whole = runSeeds(config, seeds, claimAll(seeds.length), {}).outcomes;
    const firstFailures = whole.failures.slice(0, 2).map((f) => f.position);
    assert.equal(firstFailures.length, 2, 'the bank protocol fails often');
    // A part that ran everything but positions 0..9 and the second half.
    const part = runSeeds(config, seeds, (() => { let done = false; return () => (done ? null : ((done = true), [10, 60] as [number, number])); })(), {}).outcomes;
    const extra = fillGaps(config, seeds, [part], { stopAfter: 2 });
    const ranInGaps = extra.reduce((n, o) => n + o.events.length, 0);
    const tally = tallySeeds(seeds, [part, ...extra], 2);
    assert.deepEqual(tally, tallySeeds(seeds, [whole], 2), 'the same tally as the whole sweep');
    assert.ok(ranInGaps <= 10 + (firstFailures[1] >= 60 ? firstFailures[1] - 59 : 0), `ran ${ranInGaps} positions in the gaps`);
    assert.deepEqual(fillGaps(config, seeds, [whole], {}), [], 'nothing to fill when every position ran');
  });

  it('stops when the host asks, without shrinking, and says so', () => {
    const host: SweepHost = { begin: () => true, claim: claimAll(200), progress: (done) => done >= 10, finish: () => [] };
    (globalThis as Record<string, unknown>)[SWEEP_HOST_GLOBAL] = host;
    try {
      const stopped = explore(config, { seeds: 200 });
      assert.equal(stopped.seedsRun, 10);
      assert.equal(stopped.stoppedEarly, true);
      assert.ok(stopped.failures.every((f) => f.counterexample === undefined));
    } finally {
      delete (globalThis as Record<string, unknown>)[SWEEP_HOST_GLOBAL];
    }
  });
});
