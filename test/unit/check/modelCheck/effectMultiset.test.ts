// Deciding through effects must not blow the state count up factorially:
// when no property depends on the order of the effects, check() holds them as
// a multiset, so the orders in which nodes decide meet in one state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreement, always, check, cluster, node, termination, type NodeDefinition } from '../../../../src/api/index';

/** Decides 1 when its timer fires: five of them decide in any of 5! orders. */
const Decider = node<{ decided: boolean }>({
  init: () => ({ decided: false }),
  start(_state, ctx) {
    ctx.setTimer('decide', 1);
  },
  on: {},
  timers: {
    decide(state, ctx) {
      state.decided = true;
      ctx.effect('decide', 1);
    },
  },
});

const nodes = cluster(Decider as NodeDefinition, 5, 'n');

describe('check: effects as a multiset', () => {
  it('is the default for order-insensitive built-ins, with far fewer states and the same verdicts', () => {
    const properties = { agree: agreement(), terminate: termination() };
    const multiset = check({ nodes, properties });
    const sequence = check({ nodes, properties }, { effectOrder: 'sequence' });
    assert.equal(multiset.effects, 'multiset');
    assert.equal(sequence.effects, 'sequence');
    assert.deepEqual(multiset.verdicts, sequence.verdicts);
    assert.deepEqual(multiset.verdicts.map((v) => v.status), ['pass', 'pass']);
    // 2^5 subsets of decided nodes, against every ordered prefix of decisions.
    assert.equal(multiset.stats.uniqueStates, 32);
    assert.equal(sequence.stats.uniqueStates, 326);
  });

  it('keeps the order when a property may read it', () => {
    const result = check({ nodes, properties: { first: always((w) => w.effects.length === 0 || w.effects[0].node !== 'n5') } });
    assert.equal(result.effects, 'sequence');
    assert.equal(result.verdicts[0].status, 'fail', 'n5 deciding first is found');
  });
});
