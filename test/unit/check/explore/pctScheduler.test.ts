import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simulate } from '../../../../src/api/index';
import { countdownRace } from '../../../fixtures/protocols/countdownRace';
import { Account, bank } from '../../../fixtures/protocols/bank';
import { exploreReplayed as explore } from './printedReplay';

describe('explore: the PCT scheduler', () => {
  it('gives the same trace for the same seed, and different orders for different seeds', () => {
    const config = { ...bank(Account), scheduler: { kind: 'pct', depth: 2 } as const };
    const traces = [1, 1, 2].map((seed) => JSON.stringify(simulate({ ...config, seed }).trace));
    assert.equal(traces[0], traces[1]);
    assert.notEqual(traces[0], traces[2]);
    assert.notEqual(traces[0], JSON.stringify(simulate({ ...bank(Account), seed: 1 }).trace), 'the scheduler changes the order');
  });

  it('finds an ordering that time order never produces, with d = 2, and its printed replay reproduces it', () => {
    const random = explore(countdownRace(), { seeds: 200, shrink: false });
    assert.equal(random.ok, true, 'time-ordered delivery never lets six self-deliveries overtake one poke');
    const pct = explore(countdownRace(), { seeds: 200, scheduler: 'pct', depth: 2, maxShrinkRuns: 50 });
    assert.deepEqual(pct.failures.map((f) => f.property), ['y is poked before x finishes']);
    const { seeds, counterexample } = pct.failures[0];
    assert.ok(seeds.length > 50, `about half the seeds rank x above y: ${seeds.length}`);
    assert.deepEqual(counterexample?.replay.scheduler, { kind: 'pct', depth: 2 });
    for (const seed of seeds.slice(0, 5)) assert.equal(simulate({ ...countdownRace(), seed, scheduler: { kind: 'pct', depth: 2 } }).ok, false, `seed ${seed} fails on its own`);
  });

  it('refuses a depth without the PCT scheduler, and a bad depth', () => {
    assert.throws(() => explore(countdownRace(), { seeds: 1, depth: 2 }), /`depth` needs scheduler: 'pct'/);
    assert.throws(() => simulate({ ...countdownRace(), scheduler: { kind: 'pct', depth: 0 } }), /scheduler.depth must be an integer of at least 1/);
  });
});
