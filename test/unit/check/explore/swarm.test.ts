import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simulate, swarmConfig } from '../../../../src/api/index';
import { exploreText } from '../../../../src/check/explore/resultText';
import { runSeeds, tallySeeds, type SeedClaim } from '../../../../src/check/explore/seedRuns';
import { Account, bank } from '../../../fixtures/protocols/bank';
import { losslessCrash as lossless } from '../../../fixtures/protocols/losslessCrash';
import { exploreReplayed as explore } from './printedReplay';

describe('explore: swarm sweeps', () => {
  it('is deterministic, says it was a swarm sweep, and varies the kind of fault from seed to seed', () => {
    const a = explore(bank(Account), { seeds: 60, swarm: true, maxShrinkRuns: 40 });
    const b = explore(bank(Account), { seeds: 60, swarm: true, maxShrinkRuns: 40 });
    const strip = (r: typeof a) => JSON.stringify(r, (key, value: unknown) => (key === 'wallMs' || key === 'runsPerSecond' ? 0 : value));
    assert.equal(strip(a), strip(b));
    assert.deepEqual(a.swarm, { on: 0.5 });
    assert.equal(explore(bank(Account), { seeds: 5 }).swarm, undefined);
    const mixes = new Set(Array.from({ length: 40 }, (_, k) => JSON.stringify({ ...swarmConfig(bank(Account), k + 1), nodes: undefined, properties: undefined })));
    assert.ok(mixes.size > 10, `seeds draw different mixes: ${mixes.size}`);
    const none = Array.from({ length: 40 }, (_, k) => swarmConfig(bank(Account), k + 1)).filter((c) => c.network?.loss === 0);
    assert.ok(none.length > 5 && none.length < 35, 'about half the seeds switch loss off');
  });

  it('counts the same whichever threads ran which seeds, and says so in its report', () => {
    const seeds = Array.from({ length: 60 }, (_, k) => k + 1);
    const drawn = (seed: number) => swarmConfig(bank(Account), seed);
    const once = (from: number, to: number): SeedClaim => { let done = false; return () => (done ? null : ((done = true), [from, to])); };
    const whole = tallySeeds(seeds, [runSeeds(drawn, seeds, once(0, 60), {}).outcomes], undefined);
    const split = tallySeeds(seeds, [runSeeds(drawn, seeds, once(25, 60), {}).outcomes, runSeeds(drawn, seeds, once(0, 25), {}).outcomes], undefined);
    assert.deepEqual(split, whole);
    const result = explore(bank(Account), { seeds: 10, swarm: true, shrink: false });
    assert.match(exploreText(result)[0], /^explore 10\/10 seeds \(swarm, each fault kind on with p=0\.5\)/);
    assert.deepEqual(result.failures[0].seeds, whole.failures[0].seeds.filter((s) => s <= 10));
  });

  it('each failing seed fails on its own drawn configuration, and the printed replay reproduces the shrunk run', () => {
    const result = explore(bank(Account), { seeds: 40, swarm: true, maxShrinkRuns: 60 });
    assert.equal(result.ok, false);
    for (const seed of result.failures[0].seeds.slice(0, 5)) assert.equal(simulate({ ...swarmConfig(bank(Account), seed), seed }).ok, false, `seed ${seed}`);
    const pct = explore(bank(Account), { seeds: 40, swarm: { on: 0.7 }, scheduler: 'pct', depth: 2, maxShrinkRuns: 60 });
    assert.deepEqual(pct.failures[0].counterexample?.replay.scheduler, { kind: 'pct', depth: 2 });
  });

  it('finds a bug that needs no loss and a crash far more often than a uniform sweep', () => {
    const uniform = explore(lossless(), { seeds: 300, shrink: false });
    const swarm = explore(lossless(), { seeds: 300, maxShrinkRuns: 60, swarm: true });
    const count = (r: typeof uniform) => r.failures[0]?.seeds.length ?? 0;
    assert.ok(count(swarm) >= 40, `swarm: ${count(swarm)} of 300`);
    assert.ok(count(swarm) > 10 * Math.max(1, count(uniform)), `swarm ${count(swarm)}, uniform ${count(uniform)}`);
    assert.equal(swarm.failures[0].counterexample?.replay.network.loss, 0);
  });

  it('refuses bad options', () => {
    assert.throws(() => explore(bank(Account), { seeds: 1, swarm: { on: 0 } }), /swarm.on must be a probability/);
    assert.throws(() => explore(bank(Account), { seeds: 1, swarm: { on: 1.5 } }), /swarm.on must be a probability/);
    assert.throws(() => explore(bank(Account), { seeds: 1, swarm: { keep: 1 } as never }), /unknown swarm option "keep"/);
    assert.throws(() => explore(bank(Account), { seeds: 1, swarm: 'yes' as never }), /swarm must be true, false or \{ on \}/);
    const calm = { ...bank(Account), network: { latency: 1 }, faults: [] };
    assert.throws(() => explore(calm, { seeds: 1, swarm: true }), /swarm needs something to switch on and off/);
  });
});
