import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../../src/check/modelCheck/check';
import { node, simulate, type NodeDefinition } from '../../../../src/api/index';
import { fragileConfig, togglerConfig } from '../../../fixtures/protocols/toggler';
import { twoPhaseCommit } from '../../../fixtures/protocols/twoPhaseCommit';

describe('check: exhaustive model checking', () => {
  it('proves the correct two-phase commit consistent over every interleaving', () => {
    const result = check(twoPhaseCommit(3));
    assert.equal(result.kind, 'protocol-notebook/check');
    assert.equal(result.ok, true);
    assert.equal(result.complete, true);
    assert.deepEqual(result.verdicts, [{ name: 'consistent', status: 'pass' }]);
    // TLA+'s TwoPhase has 288 states for 3 managers; this encoding also counts timers and consumed messages.
    assert.ok(result.stats.uniqueStates > 288 && result.stats.uniqueStates < 5000, `${result.stats.uniqueStates} states`);
    assert.ok(result.stats.statesExplored >= result.stats.uniqueStates);
    assert.equal(result.trace, undefined);
  });

  it('finds a shortest counterexample in the buggy two-phase commit and replays it as a run', () => {
    const result = check(twoPhaseCommit(3, { commitAfter: 2 }));
    assert.equal(result.ok, false);
    const verdict = result.verdicts.find((v) => v.name === 'consistent');
    assert.equal(verdict?.status, 'fail');
    const example = verdict?.counterexample;
    assert.ok(example);
    assert.equal(example.kind, 'path');
    // One manager aborts, two prepare, the manager commits, one hears the commit: 6 steps.
    assert.equal(example.steps.length, 6);
    assert.equal(check(twoPhaseCommit(3, { commitAfter: 2 }), { depth: 5 }).ok, true, 'no violation is shorter');
    const run = example.run;
    assert.equal(run.kind, 'protocol-notebook/run');
    assert.equal(run.ok, false);
    assert.equal(run.verdicts[0].status, 'fail');
    assert.ok(run.trace.events.some((e) => e.kind === 'violation'));
    assert.equal(result.trace, run.trace);
    assert.deepEqual(JSON.parse(JSON.stringify(result)).kind, 'protocol-notebook/check', 'plain data');
  });

  it('agrees with simulation: a correct protocol that passes check passes random runs too', () => {
    const config = twoPhaseCommit(3);
    for (let seed = 1; seed <= 20; seed++) assert.equal(simulate({ ...config, seed }).ok, true);
  });

  it('reports an end-of-run liveness failure when messages can be lost', () => {
    const lossless = check(twoPhaseCommit(3, { liveness: true }));
    assert.equal(lossless.ok, true);
    const lossy = check(twoPhaseCommit(3, { liveness: true }), { loss: true, keepGoing: true });
    const verdict = lossy.verdicts.find((v) => v.name === 'all decided');
    assert.equal(verdict?.status, 'fail');
    assert.match(verdict?.message ?? '', /no step is left/);
    assert.ok(verdict?.counterexample?.steps.some((s) => s.startsWith('drop')));
    assert.equal(lossy.verdicts.find((v) => v.name === 'consistent')?.status, 'pass');
  });

  it('reports a lasso when an eventually property can be avoided forever', () => {
    const result = check(togglerConfig);
    const verdict = result.verdicts[0];
    assert.equal(verdict.status, 'fail');
    assert.equal(verdict.counterexample?.kind, 'lasso');
    assert.equal(verdict.counterexample?.loopStart, 0);
    assert.deepEqual(verdict.counterexample?.steps, ['timer tick on t', 'timer tick on t']);
    assert.match(verdict.message ?? '', /repeat forever/);
    assert.equal(verdict.counterexample?.run.verdicts[0].status, 'fail');
  });

  it('reports a liveness property not reached within the depth bound as unknown, with the bound', () => {
    const result = check(togglerConfig, { depth: 1 });
    assert.equal(result.complete, false);
    assert.equal(result.stoppedBy, 'depth');
  });

  it('catches a handler that throws on some interleaving', () => {
    const result = check(fragileConfig);
    const verdict = result.verdicts.find((v) => v.name === 'handler error');
    assert.equal(verdict?.status, 'fail');
    assert.match(verdict?.message ?? '', /ping 2 before ping 1/);
    assert.deepEqual(verdict?.counterexample?.steps, ['deliver ping{n: 2} a→b']);
    assert.equal(verdict?.counterexample?.run.error?.message, 'ping 2 before ping 1');
  });

  it('injects crashes as choices: a manager that forgets its decision breaks consistency', () => {
    const result = check(twoPhaseCommit(2), { crashes: 1 });
    assert.equal(result.verdicts[0].status, 'fail');
    assert.ok(result.verdicts[0].counterexample?.steps.some((s) => s.startsWith('crash')));
    assert.ok(result.verdicts[0].counterexample?.run.trace.events.some((e) => e.kind === 'crash'));
  });

  it('crashNodes limits the crashes to the nodes it names', () => {
    const all = check(twoPhaseCommit(2), { crashes: 1, keepGoing: true });
    const onlyTm = check(twoPhaseCommit(2), { crashes: 1, crashNodes: ['tm'] });
    const crashed = (r: typeof all) => r.verdicts.flatMap((v) => v.counterexample?.steps ?? []).filter((s) => s.startsWith('crash'));
    assert.ok(crashed(all).some((s) => /rm/.test(s)), crashed(all).join(' | '));
    assert.ok(crashed(onlyTm).every((s) => s === 'crash tm'), crashed(onlyTm).join(' | '));
    assert.ok(onlyTm.stats.uniqueStates < all.stats.uniqueStates);
    assert.deepEqual(onlyTm.faults.crashNodes, ['tm']);
    assert.throws(() => check(twoPhaseCommit(2), { crashes: 1, crashNodes: ['rm9'] }), /crashNodes: 'rm9' is no node of the run/);
    assert.throws(() => check(twoPhaseCommit(2), { crashes: 1, crashNodes: ['tm'], symmetry: true }), /crashNodes and symmetry reduction cannot be combined/);
  });

  it('symmetry reduction visits one state per renaming of interchangeable managers, with the same verdicts', () => {
    const full = check(twoPhaseCommit(4));
    const reduced = check(twoPhaseCommit(4), { symmetry: true });
    assert.equal(reduced.ok, true);
    assert.equal(reduced.complete, true);
    // 4 managers can be renamed 4! = 24 ways: the reduced space is at least that much smaller, up to ties.
    assert.ok(reduced.stats.uniqueStates * 4 < full.stats.uniqueStates, `${reduced.stats.uniqueStates} vs ${full.stats.uniqueStates}`);
    assert.ok(reduced.stats.uniqueStates * 24 >= full.stats.uniqueStates);
    const buggy = check(twoPhaseCommit(4, { commitAfter: 3 }), { symmetry: true });
    const shortest = check(twoPhaseCommit(4, { commitAfter: 3 }));
    assert.equal(buggy.verdicts[0].status, 'fail');
    assert.equal(buggy.verdicts[0].counterexample?.steps.length, shortest.verdicts[0].counterexample?.steps.length);
    assert.equal(buggy.verdicts[0].counterexample?.run.ok, false);
  });

  it('symmetry reduction still reports lassos, replayed on concrete nodes', () => {
    const result = check({ ...togglerConfig, nodes: { t: togglerConfig.nodes.t, u: togglerConfig.nodes.t } }, { symmetry: true });
    assert.equal(result.verdicts[0].counterexample?.kind, 'lasso');
    assert.ok((result.verdicts[0].counterexample?.steps.length ?? 0) >= 2);
  });

  it('symmetry reduction refuses nodes that draw random numbers', () => {
    const Dice = node<{ roll: number }>({ init: () => ({ roll: 0 }), on: {}, start: (state, ctx) => void (state.roll = ctx.randomInt(1, 6)) });
    const result = check({ nodes: { a: Dice as NodeDefinition, b: Dice as NodeDefinition } }, { symmetry: true });
    assert.match(result.verdicts[0].message ?? '', /symmetry: true needs nodes that do not draw random numbers/);
  });

  it('stops at the state limit and says so', () => {
    const result = check(twoPhaseCommit(4), { maxStates: 100 });
    assert.equal(result.complete, false);
    assert.equal(result.stoppedBy, 'states');
    assert.equal(result.verdicts[0].status, 'unknown');
  });
});
