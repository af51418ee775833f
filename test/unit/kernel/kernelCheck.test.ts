import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIME, type CellResult, type KernelCell } from '../../../src/common/kernelMessages';
import { decodeValue } from '../../../src/common/valueEncoding';
import type { JsonValue } from '../../../src/common/traceFormat';
import type { CheckResult } from '../../../src/check/modelCheck/types';
import { kernelHosts } from './kernelBundles';

/** The two-phase commit fixture as a notebook cell: the module's code without its imports and exports. */
function twoPhaseCell(): KernelCell {
  const file = join(__dirname, '..', '..', 'fixtures', 'protocols', 'twoPhaseCommit.ts');
  const source = readFileSync(file, 'utf8')
    .replace(/^import .*$/m, "import { always, cluster, eventually, node, type NodeDefinition, type SimulationConfig } from 'protocol-notebook';")
    .replace(/^export /gm, '');
  return { id: 'protocol', index: 0, source };
}

function checkResult(result: CellResult): CheckResult {
  assert.ok(result.ok, `cell failed: ${JSON.stringify(result.error)}`);
  return decodeValue(result.outputs.find((o) => o.mime === MIME.value)?.data as JsonValue) as CheckResult;
}

/** The result without what depends on timing. */
function untimed(result: CheckResult): string {
  return JSON.stringify(result, (key, value: unknown) => (key === 'wallMs' || key === 'statesPerSecond' ? 0 : value));
}

describe('check({ workers }) in the kernel: helper threads run the cells up to the same check()', () => {
  const kernels = kernelHosts({ stepBudget: 0, timeoutMs: 120_000, memoryMb: 256 });
  const newHost = kernels.newHost;
  before(() => kernels.setUp());
  after(() => kernels.disposeAll());

  async function run(source: string): Promise<CheckResult> {
    return checkResult(await newHost().execute([twoPhaseCell(), { id: 'check', index: 1, source }], 1));
  }

  it('finds the same states and verdict in two threads as in one, and the same result twice', async () => {
    const one = await run('check(twoPhaseCommit(4), { workers: 1 })');
    const two = await run('check(twoPhaseCommit(4), { workers: 2 })');
    const again = await run('check(twoPhaseCommit(4), { workers: 2 })');
    assert.equal(one.ok, true);
    assert.equal(two.ok, true);
    assert.equal(two.complete, true);
    assert.equal(two.stats.workers, 2);
    assert.equal(two.stats.uniqueStates, one.stats.uniqueStates);
    assert.equal(two.stats.statesExplored, one.stats.statesExplored);
    assert.equal(two.stats.depth, one.stats.depth);
    assert.equal(two.stats.perWorker?.reduce((n, w) => n + w.uniqueStates, 0), one.stats.uniqueStates);
    assert.ok(untimed(again) === untimed(two), 'the same result, byte for byte');
  });

  it('gives a counterexample of the same length that replays and fails', async () => {
    const one = await run('check(twoPhaseCommit(3, { commitAfter: 2 }))');
    const two = await run('check(twoPhaseCommit(3, { commitAfter: 2 }), { workers: 2 })');
    assert.equal(one.ok, false);
    assert.equal(two.ok, false);
    const [a, b] = [one, two].map((r) => r.verdicts.find((v) => v.name === 'consistent'));
    assert.equal(b?.status, 'fail');
    assert.equal(b?.counterexample?.steps.length, a?.counterexample?.steps.length, 'a shortest path in both');
    assert.equal(b?.counterexample?.run.ok, false, 'the replay fails');
    assert.equal(b?.counterexample?.run.verdicts.find((v) => v.name === 'consistent')?.status, 'fail', 'consistent fails in the replay');
  });

  it('refuses what needs the whole graph, with its reason', async () => {
    const host = newHost();
    const result = await host.execute([twoPhaseCell(), { id: 'check', index: 1, source: "check(twoPhaseCommit(3, { liveness: true }), { workers: 2 })" }], 1);
    assert.equal(result.ok, false);
    assert.match(result.error?.message ?? '', /workers above 1 cannot judge 'all decided'/);
  });
});
