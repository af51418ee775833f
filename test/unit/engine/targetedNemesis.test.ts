// Faults that react to the run: a nemesis with a target asks the world whom
// to hit each time it strikes (the current leader), crashes it or cuts it off.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nemesis, node, simulate, always, type NodeDefinition, type SimulationConfig } from '../../../src/api/index';
import { exploreReplayed as explore } from '../check/explore/printedReplay';

/** Leads while its durable flag says so; `c` hands leadership from a to b at t=50. */
type Msg = { type: 'lead' } | { type: 'step down' };
const Member = node<Record<string, never>, Msg, { leader: boolean }>({
  init: () => ({}),
  durable: () => ({ leader: false }),
  start(_state, ctx) {
    if (ctx.self === 'c') ctx.setTimer('handover', 50);
  },
  on: {
    lead: (_state, _msg, ctx) => void (ctx.durable.leader = true),
    'step down': (_state, _msg, ctx) => void (ctx.durable.leader = false),
  },
  timers: {
    handover(_state, ctx) {
      ctx.send('a', { type: 'step down' });
      ctx.send('b', { type: 'lead' });
    },
  },
});

const Starter = node<Record<string, never>, Msg>({ init: () => ({}), start: (_state, ctx) => ctx.send('a', { type: 'lead' }), on: {} });

/** The node whose durable flag says it leads, if it is up. */
const leader = (w: { nodes: readonly { id: string }[]; durable: Record<string, { leader?: boolean }>; up: Record<string, boolean> }) => w.nodes.find((n) => w.up[n.id] && w.durable[n.id].leader)?.id;

function config(kinds: ('crash' | 'partition')[]): SimulationConfig {
  return { nodes: { s: Starter as NodeDefinition, a: Member as NodeDefinition, b: Member as NodeDefinition, c: Member as NodeDefinition }, network: { latency: 1 }, faults: [nemesis({ every: 30, duration: 10, kinds, target: leader, from: 30, to: 100 })], until: 120 };
}

describe('a nemesis that targets the leader', () => {
  it('crashes whoever leads when it strikes', () => {
    const run = simulate(config(['crash']));
    const crashes = run.trace.events.filter((e) => e.kind === 'crash').map((e) => `${e.node}@${e.t}`);
    assert.deepEqual(crashes, ['a@30', 'b@60', 'b@90']);
    assert.equal(JSON.stringify(simulate(config(['crash'])).trace), JSON.stringify(run.trace), 'deterministic');
  });

  it('partitions the leader away from the others, taking its kinds in turn', () => {
    const run = simulate(config(['partition', 'crash']));
    assert.deepEqual(run.trace.partitions.map((p) => [p.groups, p.start, p.end]), [[[['a'], ['s', 'b', 'c']], 30, 40], [[['b'], ['s', 'a', 'c']], 90, 100]]);
    assert.deepEqual(run.trace.events.filter((e) => e.kind === 'crash').map((e) => `${e.node}@${e.t}`), ['b@60']);
  });

  it('is shrunk as one fault, and its replay line names it', () => {
    const failing = { ...config(['crash']), properties: { 'b never crashes': always((w) => w.up.b) } };
    const result = explore(failing, { seeds: 2 });
    assert.equal(result.failures[0].counterexample?.replay.faults.length, 1);
  });
});
