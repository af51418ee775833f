// What faithful protocols need from properties: the durable storage of every
// node (`w.durable[id]`), in simulate and in check alike, and an `always`
// predicate that says why it failed, in the verdict and on the chart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { always, check, crash, eventually, node, simulate, type NodeDefinition } from '../../../src/api/index';

/** Keeps its term only in durable storage (as Raft does), bumping it on each tick and again after a crash. */
const Termed = node<Record<string, never>, { type: 'noop' }, { term: number }>({
  init: () => ({}),
  durable: () => ({ term: 0 }),
  start(_state, ctx) {
    ctx.durable.term++;
    ctx.setTimer('tick', 10);
  },
  on: {},
  timers: {
    tick(_state, ctx) {
      if (ctx.durable.term < 2) ctx.durable.term++;
    },
  },
});

describe('properties see durable storage', () => {
  const nodes = { n: Termed as NodeDefinition };
  const termAtMostOne = always((w) => w.durable.n.term <= 1 || `term ${w.durable.n.term} at t=${w.now}`);

  it('in simulate, through a crash and restart', () => {
    const run = simulate({ nodes, faults: [crash('n', { at: 5, restart: 8 })], properties: { 'term at most 1': termAtMostOne, 'term reaches 2': eventually((w) => w.durable.n.term === 2) } });
    const [atMostOne, reaches] = run.verdicts;
    assert.equal(atMostOne.status, 'fail');
    assert.equal(atMostOne.message, 'term 2 at t=8', 'the restart bumped the term');
    assert.equal(reaches.status, 'pass');
  });

  it('in check', () => {
    const result = check({ nodes, properties: { 'term at most 1': termAtMostOne } });
    assert.equal(result.verdicts[0].status, 'fail');
    assert.match(result.verdicts[0].message ?? '', /^term 2 at t=/);
  });
});

describe('always() can say why', () => {
  it('takes a returned string as the failure message, shown on the violation event the chart draws', () => {
    const Counter = node<{ n: number }>({
      init: () => ({ n: 0 }),
      start(_state, ctx) {
        ctx.setTimer('tick', 1);
      },
      on: {},
      timers: {
        tick(state, ctx) {
          state.n++;
          if (state.n < 5) ctx.setTimer('tick', 1);
        },
      },
    });
    const run = simulate({ nodes: { c: Counter }, properties: { small: always((w) => w.state.c.n < 3 || `n reached ${w.state.c.n} at t=${w.now}`) } });
    assert.equal(run.verdicts[0].message, 'n reached 3 at t=3');
    const violation = run.trace.events.find((e) => e.kind === 'violation');
    assert.equal(violation?.data, 'n reached 3 at t=3');
    assert.equal(simulate({ nodes: { c: Counter }, properties: { small: always((w) => w.state.c.n < 3) } }).verdicts[0].message, 'the predicate became false');
  });
});
