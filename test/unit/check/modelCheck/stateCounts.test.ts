import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../../src/check/modelCheck/check';
import type { CheckOptions } from '../../../../src/check/modelCheck/types';
import type { SimulationConfig } from '../../../../src/api/index';
import { fragileConfig, togglerConfig } from '../../../fixtures/protocols/toggler';
import { twoPhaseCommit } from '../../../fixtures/protocols/twoPhaseCommit';

/** Exact figures of searches over every kind of choice: a change to how the search stores or fingerprints states must not move them. */
const cases: { name: string; config: SimulationConfig; options: CheckOptions; explored: number; unique: number; depth: number; steps: Record<string, number> }[] = [
  { name: 'two-phase commit, 3 managers', config: twoPhaseCommit(3), options: {}, explored: 1935, unique: 575, depth: 9, steps: {} },
  { name: 'with symmetry', config: twoPhaseCommit(3), options: { symmetry: true }, explored: 478, unique: 148, depth: 9, steps: {} },
  { name: 'buggy, 4 managers', config: twoPhaseCommit(4, { commitAfter: 3 }), options: {}, explored: 11458, unique: 2910, depth: 8, steps: { consistent: 8 } },
  { name: 'liveness on a lossy network', config: twoPhaseCommit(3, { liveness: true }), options: { loss: true, keepGoing: true }, explored: 9064, unique: 1852, depth: 10, steps: { 'all decided': 6 } },
  { name: 'duplicating network', config: twoPhaseCommit(3), options: { duplicate: true }, explored: 29091, unique: 5030, depth: 10, steps: {} },
  { name: 'a crash', config: twoPhaseCommit(3), options: { crashes: 1, keepGoing: true }, explored: 38884, unique: 9634, depth: 15, steps: { consistent: 10 } },
  { name: 'depth bound with liveness', config: twoPhaseCommit(4, { liveness: true }), options: { depth: 5 }, explored: 3019, unique: 1013, depth: 5, steps: { 'all decided': 5 } },
  { name: 'lasso of two nodes', config: { ...togglerConfig, nodes: { t: togglerConfig.nodes.t, u: togglerConfig.nodes.t } }, options: {}, explored: 8, unique: 4, depth: 2, steps: { 'eventually done': 2 } },
  { name: 'handler error, duplicates', config: fragileConfig, options: { keepGoing: true, duplicate: true }, explored: 15, unique: 16, depth: 3, steps: { 'handler error': 1, 'at most two pings': 3 } },
];

describe('check: state counts', () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = check(c.config, c.options);
      assert.deepEqual([result.stats.statesExplored, result.stats.uniqueStates, result.stats.depth], [c.explored, c.unique, c.depth]);
      const steps = Object.fromEntries(result.verdicts.filter((v) => v.counterexample).map((v) => [v.name, v.counterexample?.steps.length]));
      assert.deepEqual(steps, c.steps);
    });
  }
});
