import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeExploreCoverage, sweepCoverage } from '../../../../src/check/explore/coverage';
import { explore } from '../../../../src/check/explore/explore';
import { mergeExploreResults } from '../../../../src/check/explore/mergeResults';
import { exploreText } from '../../../../src/check/explore/resultText';
import { claimAll, runSeeds, tallySeeds, type SeedClaim } from '../../../../src/check/explore/seedRuns';
import { seedList } from '../../../../src/check/explore/seedSelection';
import type { ExploreOptions } from '../../../../src/check/explore/types';
import { simulate } from '../../../../src/engine/simulate';
import { Account, bank } from '../../../fixtures/protocols/bank';
import { pingPong } from '../../../fixtures/protocols/pingPong';

function sharedClaims(total: number, size: number): () => SeedClaim {
  let next = 0;
  return () => () => {
    if (next >= total) return null;
    const from = next;
    next = Math.min(total, next + size);
    return [from, next];
  };
}

describe('explore: coverage', () => {
  it('counts each handler, message type and property over the seeds of a lossless ping-pong', () => {
    const result = explore(pingPong(), { seeds: 10 });
    const events = simulate({ ...pingPong(), seed: 1 }).stats.events;
    assert.deepEqual(result.coverage, {
      handlers: [
        { handler: 'Pinger.pong', runs: 10 },
        { handler: 'Pinger.timer:retry', runs: 0 },
        { handler: 'Ponger.never', runs: 0 },
        { handler: 'Ponger.ping', runs: 10 },
      ],
      messages: [
        { type: 'ping', deliveries: 10 },
        { type: 'pong', deliveries: 10 },
      ],
      properties: [
        { name: 'one ping', runs: 10 },
        { name: 'settles', runs: 10 },
      ],
      // Every seed runs the same events: the first seed is the longest.
      longestRun: { events, seed: 1 },
      neverRan: ['Pinger.timer:retry', 'Ponger.never'],
    });
    assert.deepEqual(exploreText(result).slice(1), [
      `  coverage: longest run ${events} events (seed 1); judged one ping in 10 runs, settles in 10 runs`,
      '    handler             runs',
      '    Pinger.pong           10',
      '    Pinger.timer:retry     0',
      '    Ponger.never           0',
      '    Ponger.ping           10',
      '  never ran: Pinger.timer:retry, Ponger.never',
    ]);
  });

  it('counts what the engine reports per run', () => {
    const result = explore(bank(Account), { seeds: 30, shrink: false });
    const runs = seedList(30).map((seed) => simulate({ ...bank(Account), seed, trace: false, idempotency: false }));
    const deposits = runs.reduce((n, r) => n + (r.handlerRuns.find((h) => h.node === 'account' && h.handler === 'deposit')?.runs ?? 0), 0);
    assert.equal(result.coverage?.handlers.find((h) => h.handler === 'Account.deposit')?.runs, deposits);
    assert.equal(result.coverage?.longestRun.events, Math.max(...runs.map((r) => r.stats.events)));
  });

  for (const options of [{}, { stopAfter: 3 }] as ExploreOptions[]) {
    it(`sums parts run in any interleaving as one thread does (${JSON.stringify(options)})`, () => {
      const config = bank(Account);
      const seeds = seedList(80);
      const alone = [runSeeds(config, seeds, claimAll(seeds.length), options).outcomes];
      const whole = JSON.stringify(sweepCoverage(config, alone, tallySeeds(seeds, alone, options.stopAfter).end));
      for (const [threads, size] of [[2, 1], [3, 7]]) {
        const claims = sharedClaims(seeds.length, size);
        const parts = Array.from({ length: threads }, () => claims()).map((claim) => runSeeds(config, seeds, claim, options).outcomes);
        const tally = tallySeeds(seeds, parts, options.stopAfter);
        assert.equal(JSON.stringify(sweepCoverage(config, parts.reverse(), tally.end)), whole, `${threads} threads claiming ${size}`);
      }
    });
  }

  it('is the same bytes on every run', () => {
    const once = JSON.stringify(explore(bank(Account), { seeds: 40, shrink: false }).coverage);
    assert.equal(JSON.stringify(explore(bank(Account), { seeds: 40, shrink: false }).coverage), once);
  });

  it('sums the counts of merged shards to those of the whole sweep', () => {
    const whole = explore(bank(Account), { seeds: 60, shrink: false });
    const shards = [1, 2, 3].map((index) => explore(bank(Account), { seeds: 60, shrink: false, shard: { index, count: 3 } }));
    assert.deepEqual(mergeExploreResults(shards).coverage, whole.coverage);
    assert.deepEqual(mergeExploreResults([...shards].reverse()).coverage, whole.coverage);
    const handler = (r: typeof whole, name: string) => r.coverage?.handlers.find((h) => h.handler === name)?.runs ?? 0;
    assert.equal(handler(whole, 'Account.deposit'), shards.reduce((n, s) => n + handler(s, 'Account.deposit'), 0));
    // A part without coverage (a report from before it was counted) leaves the merge without it.
    assert.equal(mergeExploreCoverage([whole.coverage, undefined]), undefined);
  });
});
