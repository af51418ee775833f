// Liveness under check(): a node that polls forever and never decides must
// fail `eventually` and `termination()` alike, whether its endless path
// passes through one state (a self-loop) or several, as simulate() says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, eventually, node, simulate, termination, type NodeDefinition, type SimulationConfig } from '../../../../src/api/index';

/** Re-arms its polling timer forever and never decides: one state, whose only step leads back to it. */
const Poller = node<{ decided: boolean }>({
  name: 'Poller',
  init: () => ({ decided: false }),
  start(_state, ctx) {
    ctx.setTimer('poll', 1);
  },
  on: {},
  timers: {
    poll(_state, ctx) {
      ctx.setTimer('poll', 1);
    },
  },
});

/** Flips between two states forever and never decides: a two-state cycle. */
const Flipper = node<{ phase: number; decided: boolean }>({
  name: 'Flipper',
  init: () => ({ phase: 0, decided: false }),
  start(_state, ctx) {
    ctx.setTimer('poll', 1);
  },
  on: {},
  timers: {
    poll(state, ctx) {
      state.phase = 1 - state.phase;
      ctx.setTimer('poll', 1);
    },
  },
});

function config(definition: NodeDefinition): SimulationConfig {
  return {
    nodes: { n: definition },
    properties: {
      'eventually decided': eventually((w) => (w.state.n as { decided: boolean }).decided),
      terminates: termination(),
    },
    until: 50,
  };
}

describe('check: liveness over cycles', () => {
  for (const [shape, definition] of [['a self-loop', Poller], ['a two-state cycle', Flipper]] as const) {
    it(`fails eventually and termination() alike on ${shape}, as simulate does`, () => {
      const simulated = simulate(config(definition as NodeDefinition));
      assert.deepEqual(simulated.verdicts.map((v) => v.status), ['fail', 'fail']);
      const result = check(config(definition as NodeDefinition));
      assert.equal(result.ok, false);
      for (const verdict of result.verdicts) {
        assert.equal(verdict.status, 'fail', `${verdict.name}: ${verdict.message}`);
        assert.equal(verdict.counterexample?.kind, 'lasso');
        assert.match(verdict.message ?? '', /repeat forever/);
        const loop = verdict.counterexample.steps.slice(verdict.counterexample.loopStart);
        assert.ok(loop.length >= 1 && loop.every((step) => /poll/.test(step)), loop.join(' | '));
      }
    });
  }

  it('still passes termination when every path ends decided', () => {
    const Decider = node<{ decided: boolean }>({
      init: () => ({ decided: false }),
      start(state, ctx) {
        ctx.effect('decide', 1);
        state.decided = true;
      },
      on: {},
    });
    const result = check(config(Decider as NodeDefinition));
    assert.deepEqual(result.verdicts.map((v) => v.status), ['pass', 'pass']);
    assert.equal(result.complete, true);
  });
});
