// The three search strategies of check() share the model, the fingerprints
// and the replay: on the same protocol they agree on every verdict that is
// complete, each counterexample they report replays as a run that fails the
// same property, and a strategy that cannot prove (random walks, a depth
// bound) never says "pass".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../../src/check/modelCheck/check';
import type { CheckOptions, CheckResult, CheckStrategy } from '../../../../src/check/modelCheck/types';
import { always, eventually, node, type SimulationConfig } from '../../../../src/api/index';
import { togglerConfig } from '../../../fixtures/protocols/toggler';
import { twoPhaseCommit } from '../../../fixtures/protocols/twoPhaseCommit';

/** Counts to `target` one timer step at a time, and breaks its property at `bugAt`: a bug `bugAt` steps deep. */
function counter(target: number, bugAt: number): SimulationConfig {
  const Counter = node<{ n: number; parity: number }>({
    name: 'Counter',
    init: () => ({ n: 0, parity: 0 }),
    start(_state, ctx) {
      ctx.setTimer('tick', 1);
      ctx.setTimer('noise', 1);
    },
    on: {},
    timers: {
      tick(state, ctx) {
        state.n++;
        if (state.n < target) ctx.setTimer('tick', 1);
      },
      // A second timer, first in each state's actions: depth-first search meets most states first on a longer path.
      noise(state, ctx) {
        state.parity = 1 - state.parity;
        ctx.setTimer('noise', 1);
      },
    },
  });
  return { nodes: { c: Counter }, properties: { 'never reaches the bug': always<{ c: { n: number } }>((w) => w.state.c.n !== bugAt) } };
}

function verdictOf(result: CheckResult, name: string) {
  const verdict = result.verdicts.find((v) => v.name === name);
  assert.ok(verdict, `no verdict ${name}`);
  return verdict;
}

describe('check strategies', () => {
  for (const strategy of ['bfs', 'dfs'] as const satisfies readonly CheckStrategy[]) {
    it(`${strategy}: proves the correct two-phase commit over the same states`, () => {
      const result = check(twoPhaseCommit(3), { strategy });
      assert.equal(result.strategy, strategy);
      assert.equal(result.complete, true);
      assert.deepEqual(result.verdicts, [{ name: 'consistent', status: 'pass' }]);
      assert.equal(result.stats.uniqueStates, check(twoPhaseCommit(3)).stats.uniqueStates);
    });
  }

  for (const strategy of ['bfs', 'dfs', 'random-walk'] as const) {
    it(`${strategy}: finds the buggy two-phase commit's violation, and its counterexample replays`, () => {
      const result = check(twoPhaseCommit(3, { commitAfter: 2 }), { strategy, walks: 2000 });
      assert.equal(result.ok, false);
      const verdict = verdictOf(result, 'consistent');
      assert.equal(verdict.status, 'fail');
      const example = verdict.counterexample;
      assert.ok(example);
      assert.equal(example.kind, 'path');
      assert.ok(example.steps.length >= 6, 'the shortest is 6 steps');
      assert.equal(example.run.verdicts.find((v) => v.name === 'consistent')?.status, 'fail', 'the replayed run fails the same property');
      if (strategy === 'bfs') assert.equal(example.steps.length, 6);
      if (strategy === 'dfs') assert.ok(example.steps.length <= 16, 'no longer than the first round\'s bound');
    });
  }

  it('dfs reaches a deep bug with fewer states than bfs needs', () => {
    const config = counter(60, 40);
    const bfs = check(config);
    const dfs = check(config, { strategy: 'dfs' });
    assert.equal(verdictOf(bfs, 'never reaches the bug').status, 'fail');
    assert.equal(verdictOf(dfs, 'never reaches the bug').status, 'fail');
    assert.equal(verdictOf(bfs, 'never reaches the bug').counterexample?.steps.length, 40);
    const dfsSteps = verdictOf(dfs, 'never reaches the bug').counterexample?.steps.length ?? 0;
    assert.ok(dfsSteps >= 40 && dfsSteps <= 64, `${dfsSteps} steps`);
    assert.ok(dfs.stats.uniqueStates <= bfs.stats.uniqueStates, `dfs ${dfs.stats.uniqueStates}, bfs ${bfs.stats.uniqueStates}`);
  });

  it('dfs with a depth bound says unknown, never pass, and says so', () => {
    const result = check(counter(60, 40), { strategy: 'dfs', depth: 20 });
    assert.equal(result.complete, false);
    assert.equal(result.stoppedBy, 'depth');
    const verdict = verdictOf(result, 'never reaches the bug');
    assert.equal(verdict.status, 'unknown');
    assert.match(verdict.message ?? '', /within depth 20/);
  });

  it('dfs finds a state again on a shorter path and expands it from there, so a bound never hides what the shorter path reaches', () => {
    // Within depth 41 the bug at n = 40 needs every step on `tick`: found only if states first met late are expanded again when met early.
    const result = check(counter(60, 40), { strategy: 'dfs', depth: 41 });
    assert.equal(verdictOf(result, 'never reaches the bug').status, 'fail');
  });

  it('random-walk is deterministic for a seed, never complete, and a pass is unknown', () => {
    const config = counter(10, 99);
    const one = check(config, { strategy: 'random-walk', walks: 50, depth: 30, seed: 3 });
    const two = check(config, { strategy: 'random-walk', walks: 50, depth: 30, seed: 3 });
    const strip = (r: CheckResult) => JSON.stringify({ ...r, stats: { ...r.stats, wallMs: 0, statesPerSecond: 0 } });
    assert.equal(strip(one), strip(two));
    assert.equal(one.complete, false);
    assert.equal(one.stoppedBy, 'walks');
    const verdict = verdictOf(one, 'never reaches the bug');
    assert.equal(verdict.status, 'unknown');
    assert.match(verdict.message ?? '', /50 random walks of up to 30 steps/);
  });

  for (const strategy of ['dfs', 'random-walk'] as const) {
    it(`${strategy}: finds the lasso of a protocol that can avoid its eventually property forever`, () => {
      const result = check(togglerConfig, { strategy });
      const verdict = result.verdicts[0];
      assert.equal(verdict.status, 'fail');
      assert.equal(verdict.counterexample?.kind, 'lasso');
      assert.ok((verdict.counterexample?.loopStart ?? -1) >= 0);
    });
  }

  it('eventually over a finite space: dfs proves what bfs proves', () => {
    const Decider = node<{ decided: boolean }>({
      init: () => ({ decided: false }),
      start(_state, ctx) {
        ctx.setTimer('decide', 1);
      },
      on: {},
      timers: {
        decide(state) {
          state.decided = true;
        },
      },
    });
    const config: SimulationConfig = { nodes: { d: Decider }, properties: { decides: eventually<{ d: { decided: boolean } }>((w) => w.state.d.decided) } };
    for (const strategy of ['bfs', 'dfs'] as const) assert.deepEqual(check(config, { strategy }).verdicts, [{ name: 'decides', status: 'pass' }]);
  });

  it('refuses an unknown strategy, bad walks, and symmetry with a strategy other than bfs', () => {
    assert.throws(() => check(twoPhaseCommit(2), { strategy: 'astar' as CheckStrategy }), /strategy must be 'bfs', 'dfs' or 'random-walk'/);
    assert.throws(() => check(twoPhaseCommit(2), { strategy: 'random-walk', walks: 0 }), /walks must be a positive integer/);
    assert.throws(() => check(twoPhaseCommit(2), { strategy: 'dfs', symmetry: true }), /symmetry reduction works with strategy 'bfs' only/);
  });
});

describe('check strategies: coverage', () => {
  it('dfs and random walks report coverage too; a complete dfs finds the same new states per message type as bfs', () => {
    const bfs = check(twoPhaseCommit(3), { coverage: true });
    const dfs = check(twoPhaseCommit(3), { coverage: true, strategy: 'dfs' });
    const newStates = (r: CheckResult) => r.coverage?.messages.map((m) => [m.type, m.newStates]);
    assert.ok((bfs.coverage?.messages.length ?? 0) > 0);
    assert.deepEqual(newStates(dfs), newStates(bfs));
    assert.deepEqual(dfs.coverage?.neverRan, bfs.coverage?.neverRan);
    const walk = check(twoPhaseCommit(3), { coverage: true, strategy: 'random-walk', walks: 20 });
    assert.ok((walk.coverage?.handlers.length ?? 0) > 0);
  });
});

describe('check options', () => {
  it('refuses an option it does not know, so a misspelt one never leaves a verdict computed without it', () => {
    assert.throws(() => check(twoPhaseCommit(2), { fairnes: { timers: 'weak' } } as CheckOptions), /unknown option 'fairnes'/);
    assert.throws(() => check(twoPhaseCommit(2), { timeModel: { delay: [1, 2] } } as CheckOptions), /unknown option 'timeModel' \(.*time/);
  });
});
