// Raft's Figure 8 found by explore() from a fault schedule that knows
// nothing about Raft: the textbook notebook's protocol without its
// hand-written faults, and a nemesis aimed at the busiest node.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nemesis, simulate, type SimulationConfig } from '../../../../src/api/index';
import { explore } from '../../../../src/check/explore/explore';
import { figure8Unscripted } from '../../../fixtures/protocols/raftFigure8';
import { exploreReplayed } from './printedReplay';

const PROPERTY = 'an index is committed once';
/** Strikes about as often as the leader's heartbeat, faults about as long as an election timeout. */
const busiest = nemesis({ every: 3, duration: 20, kinds: ['crash'], target: 'busiest', stagger: true, from: 0 });
const withNemesis = (config: SimulationConfig): SimulationConfig => ({ ...config, faults: [busiest] });

/** The commits of index 1 in a run, as `node:value`. */
const commitsOfFirst = (config: SimulationConfig) =>
  simulate(config)
    .effects.filter((e) => e.kind === 'commit' && (e.data as { index: number }).index === 1)
    .map((e) => `${e.node}:${(e.data as { value: string }).value}`);

describe("Raft's Figure 8 under nemesis({ target: 'busiest' })", () => {
  it('is found within 200 seeds, deterministically, where no faults find nothing', () => {
    const found = explore(withNemesis(figure8Unscripted()), { seeds: 200, shrink: false });
    const failure = found.failures.find((f) => f.property === PROPERTY);
    assert.deepEqual(failure?.seeds, [52, 116, 157]);
    assert.deepEqual(explore(withNemesis(figure8Unscripted()), { seeds: 200, shrink: false }).failures, found.failures, 'the same sweep twice');
    assert.equal(explore(figure8Unscripted(), { seeds: 200, shrink: false }).failures.length, 0, 'without faults nothing breaks');
  });

  it("each failing seed replays to index 1 committed as 'A' and as 'B'", () => {
    for (const seed of [52, 116, 157]) {
      const config = { ...withNemesis(figure8Unscripted()), seed };
      const run = simulate(config);
      assert.equal(run.verdicts.find((v) => v.name === PROPERTY)?.status, 'fail', `seed ${seed}`);
      const values = new Set(commitsOfFirst(config).map((c) => c.split(':')[1]));
      assert.deepEqual([...values].sort(), ['A', 'B'], `seed ${seed}: both values committed at index 1`);
    }
  });

  it('shrinks to a counterexample whose replay still breaks the property', () => {
    const config = withNemesis(figure8Unscripted());
    const result = exploreReplayed(config, { seeds: [52] });
    const counterexample = result.failures.find((f) => f.property === PROPERTY)?.counterexample;
    assert.ok(counterexample);
    assert.deepEqual(counterexample.replay.faults, [busiest], 'the nemesis replays as itself: one fault');
    assert.ok(counterexample.after.until < counterexample.before.until, 'the run is cut short');
    const replayed = simulate({ ...config, ...counterexample.replay });
    assert.equal(replayed.verdicts.find((v) => v.name === PROPERTY)?.status, 'fail');
    assert.equal(JSON.stringify(replayed.trace), JSON.stringify(counterexample.run.trace), 'byte for byte');
  });

  it("does not break Raft's own rule (commit only entries of the leader's term)", () => {
    const result = explore(withNemesis(figure8Unscripted('current term only (Raft)')), { seeds: 200, shrink: false });
    assert.equal(result.failures.find((f) => f.property === PROPERTY), undefined);
    assert.ok(result.stats.events > 0);
  });
});
