// Partial-order reduction by sleep sets keeps every reachable state: on any
// protocol, with any faults, `partialOrder: true` visits exactly the states
// the full search visits and gives the same verdicts, with fewer steps
// taken; a counterexample it reports replays as a run that fails the same
// property. Steps that append to an ordered record (effects kept in order)
// stay dependent, so an order-only bug is still found.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { check } from '../../../../src/check/modelCheck/check';
import type { CheckOptions, CheckResult } from '../../../../src/check/modelCheck/types';
import { always, node, type NodeDefinition, type SimulationConfig } from '../../../../src/api/index';
import { Account, bank } from '../../../fixtures/protocols/bank';
import { broadcast } from '../../../fixtures/protocols/broadcast';
import { paxos } from '../../../fixtures/protocols/paxos';
import { twoPhaseCommit } from '../../../fixtures/protocols/twoPhaseCommit';

function both(config: SimulationConfig, options: CheckOptions): { full: CheckResult; reduced: CheckResult } {
  return { full: check(config, { ...options, keepGoing: true }), reduced: check(config, { ...options, keepGoing: true, partialOrder: true }) };
}

function assertSameVerdicts(full: CheckResult, reduced: CheckResult, label: string): void {
  assert.equal(reduced.stats.uniqueStates, full.stats.uniqueStates, `${label}: states`);
  assert.equal(reduced.complete, full.complete, `${label}: complete`);
  assert.deepEqual(
    reduced.verdicts.map((v) => [v.name, v.status]),
    full.verdicts.map((v) => [v.name, v.status]),
    `${label}: verdicts`,
  );
  for (const verdict of reduced.verdicts) {
    if (verdict.status !== 'fail' || !verdict.counterexample) continue;
    const replayed = verdict.counterexample.run.verdicts.find((v) => v.name === verdict.name);
    assert.equal(replayed?.status, 'fail', `${label}: the counterexample for ${verdict.name} replays as a failing run`);
  }
}

type Rule = { op: 'add' | 'max' | 'xor'; k: number; to: number[]; effect: boolean };
type Spec = { nodes: Rule[]; starters: number[]; budget: number; targets: [number, number]; timer: boolean };

/** A small protocol built from `spec`: each node folds the values it receives into `v` and forwards, within a budget. */
function generated(spec: Spec): SimulationConfig {
  const n = spec.nodes.length;
  const ids = spec.nodes.map((_, k) => `n${k}`);
  const nodes: Record<string, NodeDefinition> = {};
  spec.nodes.forEach((rule, k) => {
    const fold = (v: number, x: number) => (rule.op === 'add' ? (v + x + rule.k) % 5 : rule.op === 'max' ? Math.max(v, (x + rule.k) % 5) : (v ^ (x + rule.k)) % 5);
    nodes[ids[k]] = node<{ v: number; sent: number; ticks: number }, { type: 'value'; x: number }>({
      name: `Folder${k}`,
      init: () => ({ v: 0, sent: 0, ticks: 0 }),
      start(_state, ctx) {
        if (spec.starters.includes(k)) for (const to of rule.to) ctx.send(ids[to % n], { type: 'value', x: k + 1 });
        if (spec.timer && k === 0) ctx.setTimer('tick', 1);
      },
      on: {
        value(state, msg, ctx) {
          state.v = fold(state.v, msg.x);
          if (rule.effect) ctx.effect('v', { node: k, v: state.v });
          if (state.sent < spec.budget) {
            state.sent++;
            for (const to of rule.to) if (to % n !== k) ctx.send(ids[to % n], { type: 'value', x: state.v });
          }
        },
      },
      timers: {
        tick(state, ctx) {
          state.ticks++;
          state.v = (state.v + 1) % 5;
          if (state.ticks < 2) ctx.setTimer('tick', 1);
        },
      },
    });
  });
  const [a, b] = spec.targets;
  return {
    nodes,
    properties: {
      'not both targets': always((w) => !((w.state.n0 as { v: number }).v === a && (w.state[ids[n - 1]] as { v: number }).v === b)),
      'effects never fall': always((w) => w.effects.every((e, i) => i === 0 || (e.data as { v: number }).v >= (w.effects[i - 1].data as { v: number }).v)),
    },
  };
}

const specs = fc.record({
  nodes: fc.array(fc.record({ op: fc.constantFrom('add' as const, 'max' as const, 'xor' as const), k: fc.integer({ min: 0, max: 3 }), to: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 }), effect: fc.boolean() }), { minLength: 2, maxLength: 4 }),
  starters: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 }),
  budget: fc.integer({ min: 0, max: 2 }),
  targets: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
  timer: fc.boolean(),
});
const faults = fc.record({ loss: fc.boolean(), duplicate: fc.boolean(), crashes: fc.integer({ min: 0, max: 1 }), effectOrder: fc.constantFrom('multiset' as const, 'sequence' as const) });

describe('check with partialOrder', () => {
  it('visits the same states and gives the same verdicts as the full search, on generated protocols and faults', () => {
    let reducedSome = false;
    fc.assert(
      fc.property(specs, faults, (spec, fault) => {
        const { full, reduced } = both(generated(spec), { ...fault, maxStates: 20_000 });
        if (!full.complete) return;
        assertSameVerdicts(full, reduced, JSON.stringify({ spec, fault }));
        assert.ok(reduced.stats.statesExplored <= full.stats.statesExplored, 'never more steps than the full search');
        if (reduced.stats.statesExplored < full.stats.statesExplored) reducedSome = true;
      }),
      { numRuns: 150, seed: 7 },
    );
    assert.ok(reducedSome, 'the reduction saved steps on some generated protocol');
  });

  // On the first three, some state is reached again with fewer steps asleep than when it was first expanded: without expanding it again for those, states would be missed.
  for (const [name, config, options, expandsAgain] of [
    ['2PC, 4 managers, one crash', twoPhaseCommit(4), { crashes: 1 }, true],
    ['2PC, 3 managers, loss and duplication', twoPhaseCommit(3), { loss: true, duplicate: true }, true],
    ['bank (effects in order)', bank(Account), { maxStates: 100_000, effectOrder: 'sequence' }, true],
    ['broadcast to 4 nodes, with loss', broadcast(4), { loss: true }, false],
    ['Paxos, durable acceptors', paxos('durable'), {}, false],
  ] as const) {
    it(`keeps every state of ${name}`, () => {
      const { full, reduced } = both(config, options as CheckOptions);
      assertSameVerdicts(full, reduced, name);
      assert.equal(reduced.partialOrder?.applied, true);
      assert.equal(reduced.stats.statesExplored + (reduced.partialOrder?.slept ?? 0) >= full.stats.statesExplored, true, 'steps taken and steps slept cover the full search');
      assert.ok(reduced.stats.statesExplored < full.stats.statesExplored, `${name}: fewer steps (${reduced.stats.statesExplored} < ${full.stats.statesExplored})`);
      if (expandsAgain) assert.ok((reduced.partialOrder?.reexpanded ?? 0) > 0, `${name}: some state met again owed steps, and was expanded again`);
    });
  }

  it('keeps two effects recorded in order dependent, so a bug in their order is found', () => {
    const Recorder = node<{ done: boolean }, { type: 'go' }>({
      name: 'Recorder',
      init: () => ({ done: false }),
      start(_state, ctx) {
        if (ctx.self === 'a') ctx.send('b', { type: 'go' });
        if (ctx.self === 'b') ctx.send('a', { type: 'go' });
      },
      on: { go: (state, _msg, ctx) => void ((state.done = true), ctx.effect('done', ctx.self)) },
    });
    const config: SimulationConfig = {
      nodes: { a: Recorder, b: Recorder },
      properties: { 'a records first': always((w) => w.effects.length < 2 || w.effects[0].data === 'a') },
    };
    const reduced = check(config, { partialOrder: true, effectOrder: 'sequence' });
    const verdict = reduced.verdicts.find((v) => v.name === 'a records first');
    assert.equal(verdict?.status, 'fail');
    assert.deepEqual(verdict?.counterexample?.steps, ['deliver go a→b', 'deliver go b→a']);
    assert.equal(check(config, { effectOrder: 'sequence' }).stats.uniqueStates, reduced.stats.uniqueStates);
  });

  it('searches again without the reduction when a handler reads the clock', () => {
    const Clocked = node<{ at: number }, { type: 'ping' }>({
      name: 'Clocked',
      init: () => ({ at: -1 }),
      start: (_state, ctx) => ctx.send(ctx.self === 'a' ? 'b' : 'a', { type: 'ping' }),
      on: { ping: (state, _msg, ctx) => void (state.at = ctx.now) },
    });
    const config: SimulationConfig = { nodes: { a: Clocked, b: Clocked }, properties: { fine: always(() => true) } };
    const reduced = check(config, { partialOrder: true });
    assert.deepEqual(reduced.partialOrder, { applied: false, slept: 0, reexpanded: 0, why: 'a handler reads ctx.now, so the order of independent steps may matter' });
    assert.equal(reduced.stats.uniqueStates, check(config).stats.uniqueStates);
    assert.equal(reduced.complete, true);
  });

  it('is refused where it could change a verdict', () => {
    const config = twoPhaseCommit(3, { liveness: true });
    assert.throws(() => check(config, { partialOrder: true }), /partialOrder cannot judge '.*': a property that must come true on every infinite path/);
    assert.throws(() => check(twoPhaseCommit(3), { partialOrder: true, strategy: 'dfs' }), /partialOrder works with strategy 'bfs' only/);
    assert.throws(() => check(twoPhaseCommit(3), { partialOrder: true, symmetry: true }), /partialOrder and symmetry reduction cannot be combined/);
  });
});
