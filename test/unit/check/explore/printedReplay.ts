/**
 * The replay line explore() prints must replay: evaluated as it is printed,
 * in a scope that has the configuration as `config` and the API, it gives the
 * counterexample's run with a byte-identical trace. Every explore() of the
 * unit tests goes through `exploreReplayed`, so every failure they produce is checked.
 */
import assert from 'node:assert/strict';
import * as api from '../../../../src/api/index';
import { exploreText } from '../../../../src/check/explore/resultText';
import type { ExploreOptions, ExploreResult, RunResult, SimulationConfig } from '../../../../src/api/index';

/** Runs the printed `replay:` lines of `result` and checks each against its counterexample. */
export function assertPrintedReplays(config: SimulationConfig, result: ExploreResult): void {
  const lines = exploreText(result).filter((line) => line.trimStart().startsWith('replay: '));
  const shrunk = result.failures.filter((f) => f.counterexample);
  assert.equal(lines.length, shrunk.length, 'one replay line per shrunk counterexample');
  const names = Object.keys(api);
  const values = names.map((name) => (api as Record<string, unknown>)[name]);
  shrunk.forEach((failure, i) => {
    const call = lines[i].trim().slice('replay: '.length);
    const run = new Function('config', ...names, `return ${call};`)(config, ...values) as RunResult;
    const expected = failure.counterexample?.run as RunResult;
    assert.equal(JSON.stringify(run.trace), JSON.stringify(expected.trace), `the printed replay of '${failure.property}' gives the counterexample's trace: ${call}`);
    assert.deepEqual(run.verdicts, expected.verdicts);
  });
}

/** `explore(config, options)`, with every printed replay checked. */
export function exploreReplayed(config: SimulationConfig, options: ExploreOptions = {}): ExploreResult {
  const result = api.explore(config, options);
  assertPrintedReplays(config, result);
  return result;
}
