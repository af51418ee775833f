/**
 * explore() with `healAt`: every seed heals at that time, the shrinker keeps
 * it (it is not a fault to drop), and the printed replay carries it, so the
 * counterexample replays byte for byte.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nemesis, simulate, type SimulationConfig } from '../../../../src/api/index';
import { exploreText } from '../../../../src/check/explore/resultText';
import { joinConfig, WELCOMED } from '../../../fixtures/protocols/joiner';
import { exploreReplayed as explore } from './printedReplay';

/** One hello, no retries, on a lossy network with a nemesis before the heal: a lost hello or welcome is never made good. */
const lossy = (extra: Partial<SimulationConfig> = {}): SimulationConfig =>
  joinConfig(undefined, { faults: [nemesis({ every: 30, duration: 20, kinds: ['crash', 'partition'], to: 200 })], network: { latency: [1, 5], loss: 0.4 }, healAt: 200, ...extra });

describe('explore() with healAt', () => {
  it('fails the seeds that lost the hello, shrinks with healAt kept, and the printed replay reproduces the run', () => {
    const config = lossy();
    const result = explore(config, { seeds: 30, maxShrinkRuns: 80 });
    assert.deepEqual(result.failures.map((f) => f.property), [WELCOMED]);
    const failure = result.failures[0];
    assert.ok(failure.seeds.length > 3 && failure.seeds.length < 30, `some seeds fail, not all: ${failure.seeds.length}`);
    assert.equal(failure.message, 'not reached within 50 after the network healed at t=200 (the run ended at t=400)');
    const c = failure.counterexample;
    assert.ok(c);
    assert.equal(c.replay.healAt, 200);
    assert.equal(c.run.trace.healAt, 200);
    assert.equal(c.message, failure.message, 'the shrunk run fails the same way');
    assert.ok(c.after.faults <= c.before.faults);
    assert.match(exploreText(result).join('\n'), /replay: simulate\(\{ \.\.\.config, seed: \d+, until: 400, .*, healAt: 200 \}\)/);
    const replayed = simulate({ ...config, ...c.replay });
    assert.equal(JSON.stringify(replayed.trace), JSON.stringify(c.run.trace));
  });

  it('passes every seed when the joiner retries', () => {
    const result = explore({ ...lossy(), nodes: joinConfig(10).nodes }, { seeds: 30 });
    assert.equal(result.ok, true);
  });

  it('gives the same result twice', () => {
    const once = () => JSON.stringify(explore(lossy(), { seeds: 15, maxShrinkRuns: 30 }), (key, value: unknown) => (key === 'wallMs' || key === 'runsPerSecond' ? 0 : value));
    assert.equal(once(), once());
  });

  it('carries healAt next to the PCT scheduler in the replay line', () => {
    const result = explore(lossy(), { seeds: 20, maxShrinkRuns: 30, scheduler: 'pct', depth: 2 });
    assert.equal(result.ok, false);
    assert.match(exploreText(result).join('\n'), /scheduler: \{kind: "pct", depth: 2\}, healAt: 200 \}\)/);
  });
});
