import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShard, seedList, shardSeeds, workerSeeds } from '../../../../src/check/explore/seedSelection';
import { simulate } from '../../../../src/api/index';
import { Account, DedupAccount, bank } from '../../../fixtures/protocols/bank';
import { fragileConfig } from '../../../fixtures/protocols/toggler';
import { exploreReplayed as explore } from './printedReplay';

describe('explore: seed sweeps', () => {
  it('catches the non-idempotent account and groups the failing seeds by property', () => {
    const result = explore(bank(Account), { seeds: 40, maxShrinkRuns: 150 });
    assert.equal(result.kind, 'protocol-notebook/explore');
    assert.equal(result.ok, false);
    assert.equal(result.seedsRun, 40);
    assert.deepEqual(result.failures.map((f) => f.property), ['no double credit']);
    const failure = result.failures[0];
    assert.ok(failure.seeds.length > 0);
    for (const seed of failure.seeds) assert.equal(simulate({ ...bank(Account), seed }).verdicts[0].status, 'fail', `seed ${seed} fails on its own`);
  });

  it('shrinks the first failure to fewer faults and a shorter run that replays exactly', () => {
    const config = bank(Account);
    const result = explore(config, { seeds: 20, maxShrinkRuns: 200 });
    const shrunk = result.failures[0].counterexample;
    assert.ok(shrunk, 'a counterexample');
    assert.ok(shrunk.after.faults < shrunk.before.faults, `faults ${shrunk.before.faults} -> ${shrunk.after.faults}`);
    assert.ok(shrunk.after.until < shrunk.before.until, `until ${shrunk.before.until} -> ${shrunk.after.until}`);
    const { replay } = shrunk;
    assert.ok(replay.network.loss === 0 || replay.network.duplicate === 0, 'one kind of network fault suffices');
    const again = simulate({ ...config, ...replay });
    assert.equal(again.verdicts[0].status, 'fail');
    assert.deepEqual(again.trace, shrunk.run.trace, 'the replay is exact');
    assert.equal(result.trace, shrunk.run.trace);
    assert.ok(shrunk.run.trace.events.some((e) => e.kind === 'violation'));
  });

  it('passes the deduplicating account on every seed', () => {
    const result = explore(bank(DedupAccount), { seeds: 40 });
    assert.equal(result.ok, true);
    assert.equal(result.failures.length, 0);
    assert.equal(result.seedsRun, 40);
  });

  it('groups runs where a handler threw under "handler error"', () => {
    const result = explore({ ...fragileConfig, network: { latency: [1, 10] } }, { seeds: 30, maxShrinkRuns: 50 });
    const failure = result.failures.find((f) => f.property === 'handler error');
    assert.ok(failure, JSON.stringify(result.failures.map((f) => f.property)));
    assert.match(failure.message, /ping 2 before ping 1/);
    assert.equal(failure.counterexample?.run.error?.message, 'ping 2 before ping 1');
  });

  it('stops early on request', () => {
    const result = explore(bank(Account), { seeds: 200, stopAfter: 1, shrink: false });
    assert.equal(result.stoppedEarly, true);
    assert.ok(result.seedsRun < 200);
    let calls = 0;
    const stopped = explore(bank(DedupAccount), { seeds: 50, shouldStop: () => ++calls > 5 });
    assert.equal(stopped.seedsRun, 5);
  });
});

describe('explore: seed selection and shards', () => {
  it('reads counts, ranges and lists', () => {
    assert.deepEqual(seedList(3), [1, 2, 3]);
    assert.deepEqual(seedList({ from: 5, to: 7 }), [5, 6, 7]);
    assert.deepEqual(seedList([9, 4]), [9, 4]);
  });

  it('splits seeds into disjoint shards that cover them', () => {
    const seeds = seedList(100);
    const shards = [1, 2, 3].map((index) => shardSeeds(seeds, { index, count: 3 }));
    assert.deepEqual(shards.flat().sort((a, b) => a - b), seeds);
    assert.ok(shards[0].every((s) => s % 3 === 0));
    assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
    assert.equal(parseShard('4/3'), undefined);
    assert.equal(parseShard('0/3'), undefined);
    const workers = [0, 1].map((w) => workerSeeds(shards[1], w, 2));
    assert.deepEqual(workers.flat().sort((a, b) => a - b), shards[1]);
  });

  it('runs only its shard', () => {
    const result = explore(bank(DedupAccount), { seeds: 10, shard: { index: 2, count: 2 } });
    assert.equal(result.seedsRun, 5);
    assert.deepEqual(result.shard, { index: 2, count: 2 });
  });
});
