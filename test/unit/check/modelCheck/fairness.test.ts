// Fairness in check()'s lasso search: an unfair lasso is not a
// counterexample, a fair one still is, and weak and strong fairness differ
// exactly where TLA+'s WF and SF do (a step enabled only now and then).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../../src/check/modelCheck/check';
import type { FairnessOptions } from '../../../../src/check/modelCheck/fairness';
import type { CheckOptions } from '../../../../src/check/modelCheck/types';
import { eventually, node, type NodeDefinition, type SimulationConfig } from '../../../../src/api/index';

/** Ticks forever; a second timer, armed from the start and never cancelled, decides. */
const Ticker = node<{ phase: number; decided: boolean }>({
  name: 'Ticker',
  init: () => ({ phase: 0, decided: false }),
  start(_state, ctx) {
    ctx.setTimer('tick', 1);
    ctx.setTimer('decide', 5);
  },
  on: {},
  timers: {
    tick(state, ctx) {
      state.phase = 1 - state.phase;
      ctx.setTimer('tick', 1);
    },
    decide(state) {
      state.decided = true;
    },
  },
});

/** Like Ticker, but `decide` is armed only in phase 0: every other tick cancels it, the next arms it again. */
const Blinker = node<{ phase: number; decided: boolean }>({
  name: 'Blinker',
  init: () => ({ phase: 0, decided: false }),
  start(_state, ctx) {
    ctx.setTimer('tick', 1);
    ctx.setTimer('decide', 5);
  },
  on: {},
  timers: {
    tick(state, ctx) {
      state.phase = 1 - state.phase;
      if (state.phase === 0) ctx.setTimer('decide', 5);
      else ctx.cancelTimer('decide');
      ctx.setTimer('tick', 1);
    },
    decide(state) {
      state.decided = true;
    },
  },
});

type Hello = { type: 'hello' };

/** Says hello once. */
const Greeter = node<Record<string, never>, Hello>({
  name: 'Greeter',
  init: () => ({}),
  start(_state, ctx) {
    ctx.send('listener', { type: 'hello' });
  },
  on: {},
});

/** Ticks forever, and is done once it heard hello. */
const Listener = node<{ heard: boolean; phase: number }, Hello>({
  name: 'Listener',
  init: () => ({ heard: false, phase: 0 }),
  start(_state, ctx) {
    ctx.setTimer('tick', 1);
  },
  on: {
    hello(state) {
      state.heard = true;
    },
  },
  timers: {
    tick(state, ctx) {
      state.phase = 1 - state.phase;
      ctx.setTimer('tick', 1);
    },
  },
});

type Request = { type: 'request' };

/** Sends a request and resends it on every retry, forever. */
const Retrier = node<Record<string, never>, Request>({
  name: 'Retrier',
  init: () => ({}),
  start(_state, ctx) {
    ctx.send('server', { type: 'request' });
    ctx.setTimer('retry', 10);
  },
  on: {},
  timers: {
    retry(_state, ctx) {
      ctx.send('server', { type: 'request' });
      ctx.setTimer('retry', 10);
    },
  },
});

const Server = node<{ served: boolean }, Request>({
  name: 'Server',
  init: () => ({ served: false }),
  on: {
    request(state) {
      state.served = true;
    },
  },
});

function decides(definition: NodeDefinition): SimulationConfig {
  return { nodes: { n: definition }, properties: { 'eventually decided': eventually<{ n: { decided: boolean } }>((w) => w.state.n.decided) } };
}

const greeting: SimulationConfig = {
  nodes: { greeter: Greeter as NodeDefinition, listener: Listener as NodeDefinition },
  properties: { 'eventually heard': eventually<{ listener: { heard: boolean } }>((w) => w.state.listener.heard) },
};

const retrying: SimulationConfig = {
  nodes: { client: Retrier as NodeDefinition, server: Server as NodeDefinition },
  properties: { 'eventually served': eventually<{ server: { served: boolean } }>((w) => w.state.server.served) },
};

function only(config: SimulationConfig, options: CheckOptions) {
  const result = check(config, options);
  assert.equal(result.verdicts.length, 1);
  return { result, verdict: result.verdicts[0] };
}

describe('check: fairness', () => {
  it('without fairness, a timer that fires forever starves the one that decides: a lasso', () => {
    const { verdict } = only(decides(Ticker as NodeDefinition), {});
    assert.equal(verdict.status, 'fail');
    assert.equal(verdict.counterexample?.kind, 'lasso');
    const loop = verdict.counterexample?.steps.slice(verdict.counterexample.loopStart) ?? [];
    assert.ok(loop.length > 0 && loop.every((s) => /tick/.test(s)), loop.join(' | '));
  });

  for (const timers of ['weak', 'strong'] as const) {
    it(`${timers} fairness on timers: that lasso is unfair, so eventually holds, as a proof`, () => {
      const { result, verdict } = only(decides(Ticker as NodeDefinition), { fairness: { timers } });
      assert.deepEqual(verdict, { name: 'eventually decided', status: 'pass' });
      assert.equal(result.complete, true);
      assert.deepEqual(result.fairness, { timers });
    });
  }

  it('a timer enabled only every other state: weak fairness still admits the lasso, strong fairness does not', () => {
    const weak = only(decides(Blinker as NodeDefinition), { fairness: { timers: 'weak' } }).verdict;
    assert.equal(weak.status, 'fail');
    assert.equal(weak.counterexample?.kind, 'lasso');
    assert.match(weak.message ?? '', /repeat forever, fairly/);
    const loop = weak.counterexample?.steps.slice(weak.counterexample.loopStart) ?? [];
    assert.ok(loop.length >= 2 && loop.every((s) => /tick/.test(s)), `the fair loop passes the state where decide is disabled: ${loop.join(' | ')}`);
    assert.equal(weak.counterexample?.run.kind, 'protocol-notebook/run', 'the lasso replays as a run');
    assert.equal(only(decides(Blinker as NodeDefinition), { fairness: { timers: 'strong' } }).verdict.status, 'pass');
  });

  it('weak fairness on delivery: a message in flight while another node ticks forever is delivered', () => {
    assert.equal(only(greeting, {}).verdict.status, 'fail');
    assert.deepEqual(only(greeting, { fairness: { delivery: 'weak' } }).verdict, { name: 'eventually heard', status: 'pass' });
  });

  it('fairness hides no real bug: when the network may lose the hello, the fair lasso after the loss is reported', () => {
    const { verdict } = only(greeting, { loss: true, fairness: { delivery: 'strong', timers: 'weak' } });
    assert.equal(verdict.status, 'fail');
    const example = verdict.counterexample;
    assert.equal(example?.kind, 'lasso');
    const prefix = example?.steps.slice(0, example.loopStart) ?? [];
    const loop = example?.steps.slice(example.loopStart) ?? [];
    assert.ok(prefix.some((s) => /^drop/.test(s)), prefix.join(' | '));
    assert.ok(loop.every((s) => /tick/.test(s)), loop.join(' | '));
  });

  it('per node: fairness for another node than the starved one changes nothing', () => {
    assert.equal(only(greeting, { fairness: { nodes: { greeter: { delivery: 'weak' } } } }).verdict.status, 'fail');
    assert.equal(only(greeting, { fairness: { nodes: { listener: { delivery: 'weak' } } } }).verdict.status, 'pass');
    assert.equal(only(greeting, { fairness: { delivery: 'weak', nodes: { listener: { delivery: 'none' } } } }).verdict.status, 'fail');
  });

  it('a retry lost every time: a lasso without fairness, and not a counterexample under strong fairness on delivery', () => {
    const options: CheckOptions = { loss: true, maxStates: 3000 };
    const unfair = only(retrying, options).verdict;
    assert.equal(unfair.status, 'fail');
    assert.ok(unfair.counterexample?.steps.some((s) => /^drop/.test(s)));
    const fair = only(retrying, { ...options, fairness: { delivery: 'strong' } });
    // The copies of the request in flight make the space infinite: the search is bounded, so the verdict is unknown, never a pass and never the unfair lasso.
    assert.equal(fair.verdict.status, 'unknown', fair.verdict.message);
    assert.equal(fair.result.complete, false);
  });

  it('refuses options that are not fairness options, and fairness with symmetry', () => {
    const bad = (fairness: unknown, pattern: RegExp) => assert.throws(() => check(greeting, { fairness: fairness as FairnessOptions }), pattern);
    bad('strong', /fairness must be an object/);
    bad({ delivery: 'always' }, /fairness\.delivery must be 'none', 'weak' or 'strong'/);
    bad({ timer: 'weak' }, /unknown option 'timer'/);
    bad({ nodes: { nobody: { timers: 'weak' } } }, /'nobody' is no node of the run/);
    assert.throws(() => check(greeting, { fairness: { delivery: 'weak' }, symmetry: true }), /fairness and symmetry reduction cannot be combined/);
  });
});
