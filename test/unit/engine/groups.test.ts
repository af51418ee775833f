// Roles instead of hard-coded ids: ctx.group() names the acceptors (a group
// per node kind, or one given in the configuration), and a send to an id
// that is no node of the run is an error at the send, never a silent drop.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, node, simulate, type NodeDefinition } from '../../../src/api/index';

type Msg = { type: 'hello' };

const Acceptor = node<{ hellos: number }, Msg>({ name: 'Acceptor', init: () => ({ hellos: 0 }), on: { hello: (state) => void state.hellos++ } });

function greeter(group: string) {
  return node<Record<string, never>, Msg>({
    init: () => ({}),
    start(_state, ctx) {
      for (const id of ctx.group(group)) ctx.send(id, { type: 'hello' });
    },
    on: {},
  }) as NodeDefinition;
}

describe('ctx.group and sends to unknown ids', () => {
  it('ctx.group lists the nodes of a kind, and a configured group', () => {
    const nodes = { g: greeter('Acceptor'), a1: Acceptor, a2: Acceptor, other: Acceptor };
    const run = simulate({ nodes });
    assert.deepEqual(Object.values(run.finalState).map((s) => (s as { hellos?: number } | null)?.hellos), [undefined, 1, 1, 1]);
    const grouped = simulate({ nodes: { ...nodes, g: greeter('quorum') }, groups: { quorum: ['a1', 'a2'] } });
    assert.deepEqual([grouped.finalState.a1, grouped.finalState.a2, grouped.finalState.other], [{ hellos: 1 }, { hellos: 1 }, { hellos: 0 }]);
  });

  it('an unknown group is an error that names the groups there are', () => {
    const run = simulate({ nodes: { g: greeter('acceptors'), a1: Acceptor } });
    assert.equal(run.ok, false);
    assert.match(run.error?.message ?? '', /ctx\.group\('acceptors'\): no such group \(groups: Acceptor\)/);
  });

  it('a send to an id that is no node of the run is an error at the send, in simulate and in check', () => {
    const Typo = node<Record<string, never>, Msg>({ init: () => ({}), start: (_state, ctx) => ctx.send('acceptor1', { type: 'hello' }), on: {} });
    const config = { nodes: { t: Typo as NodeDefinition, a1: Acceptor as NodeDefinition } };
    const run = simulate(config);
    assert.equal(run.ok, false);
    assert.equal(run.error?.handler, 'start');
    assert.match(run.error?.message ?? '', /ctx\.send: there is no node 'acceptor1' in this run \(nodes: t, a1\)/);
    const checked = check(config);
    assert.match(checked.verdicts.find((v) => v.name === 'handler error')?.message ?? '', /no node 'acceptor1'/);
  });
});
