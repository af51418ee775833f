// Symmetry reduction must never pass what the full search fails. A node
// whose behaviour depends on its id (here `ctx.self === 'c'`), or a node that
// tells interchangeable nodes apart by id, makes the reduction unsound: the
// check refuses it with an error that says why, and no property passes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { always, check, node, type NodeDefinition, type SimulationConfig } from '../../../../src/api/index';
import { twoPhaseCommit } from '../../../fixtures/protocols/twoPhaseCommit';

type M = { type: 'ask' } | { type: 'bid' } | { type: 'won' };

/** Asks three racers for bids and grants the first bid it hears. */
const Referee = node<{ granted: boolean }, M>({
  init: () => ({ granted: false }),
  start(_state, ctx) {
    for (const racer of ['a', 'b', 'c']) ctx.send(racer, { type: 'ask' });
  },
  on: {
    bid(state, msg, ctx) {
      if (state.granted) return;
      state.granted = true;
      ctx.reply(msg, { type: 'won' });
    },
  },
});

function racer(misbehaves: (self: string) => boolean): NodeDefinition {
  return node<{ won: boolean }, M>({
    init: () => ({ won: false }),
    on: {
      ask(_state, msg, ctx) {
        ctx.reply(msg, { type: 'bid' });
      },
      won(state, _msg, ctx) {
        state.won = true;
        if (misbehaves(ctx.self)) ctx.effect('bad');
      },
    },
  }) as NodeDefinition;
}

function race(definition: NodeDefinition): SimulationConfig {
  return {
    nodes: { ref: Referee as NodeDefinition, a: definition, b: definition, c: definition },
    properties: { 'nothing bad': always((w) => !w.effects.some((e) => e.kind === 'bad')) },
  };
}

describe('check: symmetry reduction is refused when it would be unsound', () => {
  it('refuses, with a reason, nodes whose behaviour depends on ctx.self, where the full search fails', () => {
    const config = race(racer((self) => self === 'c'));
    assert.equal(check(config).verdicts[0].status, 'fail', 'the full search finds the bad winner');
    const reduced = check(config, { symmetry: true });
    assert.equal(reduced.ok, false);
    assert.ok(!reduced.verdicts.some((v) => v.status === 'pass'), JSON.stringify(reduced.verdicts));
    const refusal = reduced.verdicts.find((v) => v.name === 'handler error');
    assert.match(refusal?.message ?? '', /symmetry: true refused: [abc], [abc] are copies of one definition.*'won'.*ctx\.self.*run without symmetry/);
  });

  it('refuses a node that tells interchangeable nodes apart by id', () => {
    const Picky = node<{ granted: boolean }, M>({
      init: () => ({ granted: false }),
      start(_state, ctx) {
        for (const racer of ['a', 'b', 'c']) ctx.send(racer, { type: 'ask' });
      },
      on: {
        bid(_state, _msg, ctx) {
          if (ctx.from === 'b') ctx.effect('bad');
        },
      },
    });
    const reduced = check({ ...race(racer(() => false)), nodes: { ref: Picky as NodeDefinition, a: racer(() => false), b: racer(() => false), c: racer(() => false) } }, { symmetry: true });
    assert.equal(reduced.verdicts.find((v) => v.name === 'nothing bad')?.status !== 'pass', true);
  });

  it('refuses a property that names one of the interchangeable nodes, where the reduced search passed', () => {
    const named = { ...twoPhaseCommit(3), properties: { 'rm3 never aborts while rm1 works': always((w) => !(w.state.rm3.phase === 'aborted' && w.state.rm1.phase === 'working')) } };
    assert.equal(check(named).verdicts[0].status, 'fail');
    const reduced = check(named, { symmetry: true });
    assert.ok(!reduced.verdicts.some((v) => v.status === 'pass'), JSON.stringify(reduced.verdicts));
    assert.match(reduced.verdicts.find((v) => v.name === 'handler error')?.message ?? '', /refused: the property 'rm3 never aborts while rm1 works' tells rm\d and rm\d apart/);
  });

  it('keeps reducing interchangeable nodes that only pass their ids around', () => {
    const honest = race(racer(() => false));
    const reduced = check(honest, { symmetry: true });
    assert.deepEqual(reduced.verdicts, [{ name: 'nothing bad', status: 'pass' }]);
    assert.ok(reduced.stats.uniqueStates < check(honest).stats.uniqueStates);
    assert.deepEqual(check(twoPhaseCommit(4), { symmetry: true }).verdicts, [{ name: 'consistent', status: 'pass' }]);
  });
});
