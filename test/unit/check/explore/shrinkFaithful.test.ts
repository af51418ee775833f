// A shrunk counterexample must fail the same property for the same reason as
// the run it came from. For a property judged when the run ends, cutting the
// run short or dropping the crash that caused the failure gives a run that
// fails only because nothing had time to happen. And a nemesis must shrink
// fault by fault: it has a random stream of its own, and its schedule
// expands into the explicit crashes and partitions that reproduce the run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explore, nemesis, node, simulate, type NodeDefinition, type SimulationConfig } from '../../../../src/api/index';
import { explicitFaults } from '../../../../src/engine/model/nemesisPlan';
import { blockingCommit } from '../../../fixtures/protocols/blockingCommit';
import { assertPrintedReplays } from './printedReplay';

describe('shrinking an end-of-run property', () => {
  it('keeps the coordinator crash and the run length that make two-phase commit block', () => {
    const config = blockingCommit(8);
    const result = explore(config, { seeds: 10 });
    assertPrintedReplays(config, result);
    const failure = result.failures.find((f) => f.property === 'participants decide');
    const shrunk = failure?.counterexample;
    assert.ok(shrunk, JSON.stringify(result.failures.map((f) => f.property)));
    assert.equal(shrunk.replay.until, 300, 'the run is as long as the one that failed');
    assert.deepEqual(shrunk.replay.faults, [{ fault: 'crash', node: 'tm', at: 8 }], 'the crash stays, the unrelated partition goes');
    assert.equal(shrunk.message, failure.message, 'the same reason');
    assert.equal(shrunk.run.verdicts.find((v) => v.name === 'participants decide')?.status, 'fail');
    const withoutCrash = simulate({ ...config, ...shrunk.replay, faults: [] });
    assert.equal(withoutCrash.verdicts.find((v) => v.name === 'participants decide')?.status, 'pass', 'the crash is the cause');
  });
});

/** Sends a ping to its peer now and then; `x` idles. */
const Pinger = node<{ n: number }, { type: 'ping' }>({
  init: () => ({ n: 0 }),
  start(_state, ctx) {
    if (ctx.self === 'a') ctx.setTimer('tick', 5);
  },
  on: {
    ping(state) {
      state.n++;
    },
  },
  timers: {
    tick(_state, ctx) {
      ctx.send('b', { type: 'ping' });
      ctx.setTimer('tick', 5);
    },
  },
});

describe('nemesis', () => {
  const pings: SimulationConfig = { nodes: { a: Pinger as NodeDefinition, b: Pinger as NodeDefinition, x: Pinger as NodeDefinition }, network: { latency: [1, 20] }, until: 200 };
  const deliveries = (config: SimulationConfig) => simulate(config).trace.events.filter((e) => e.kind === 'deliver' && e.node === 'b').map((e) => e.t);

  it('draws from a stream of its own: crashing an idle node does not move the other messages', () => {
    const hitting = { ...pings, faults: [nemesis({ every: 10, duration: 3, kinds: ['crash'], nodes: ['x'] })] };
    assert.deepEqual(deliveries(hitting), deliveries(pings));
  });

  it('is the run of its explicit schedule, byte for byte', () => {
    const config = { ...pings, faults: [nemesis({ every: 25, duration: 10, kinds: ['partition', 'crash'] })], seed: 4 };
    const faults = explicitFaults(config, 200);
    assert.ok(faults.length >= 7 && faults.every((f) => f.fault === 'crash' || f.fault === 'partition'), JSON.stringify(faults));
    assert.equal(JSON.stringify(simulate({ ...config, faults }).trace), JSON.stringify(simulate(config).trace));
  });

  it('shrinks fault by fault, to the one crash that makes two-phase commit block', () => {
    const config = { ...blockingCommit(1000), faults: [nemesis({ every: 3, duration: 400, kinds: ['crash'], nodes: ['tm'], from: 3 })] };
    const result = explore(config, { seeds: 10 });
    assertPrintedReplays(config, result);
    const shrunk = result.failures.find((f) => f.property === 'participants decide')?.counterexample;
    assert.ok(shrunk, JSON.stringify(result.failures.map((f) => f.property)));
    assert.ok(shrunk.before.faults > 5, `${shrunk.before.faults} faults before`);
    assert.equal(shrunk.replay.faults.length, 1, JSON.stringify(shrunk.replay.faults));
    assert.equal(shrunk.replay.faults[0].fault, 'crash');
    assert.equal((shrunk.replay.faults[0] as { node: string }).node, 'tm');
  });
});
