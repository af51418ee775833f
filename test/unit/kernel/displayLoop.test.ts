// A loop of display(simulate(...)) shows each run once: display() returns its
// value, which is also the loop's completion value, and a value the cell has
// already displayed is not shown again as its result.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MIME, type KernelCell } from '../../../src/common/kernelMessages';
import { kernelHosts } from './kernelBundles';

const protocol = `const Echo = node<{ n: number }>({ init: () => ({ n: 0 }), start(s) { s.n = 1; }, on: {} });`;

function cell(source: string): KernelCell[] {
  return [{ id: 'c0', index: 0, source }];
}

describe('display() in a loop', () => {
  const kernels = kernelHosts({ stepBudget: 5_000_000, timeoutMs: 20_000, memoryMb: 256 });
  before(() => kernels.setUp());
  after(() => kernels.disposeAll());

  it('shows each of three runs once, in order', async () => {
    const result = await kernels.newHost().execute(cell(`${protocol}\nfor (const seed of [1, 2, 3]) display(simulate({ nodes: { e: Echo }, seed }));`), 0);
    assert.ok(result.ok, JSON.stringify(result.error));
    const runs = result.outputs.filter((o) => o.mime === MIME.run).map((o) => (o.data as { trace: { seed: number } }).trace.seed);
    assert.deepEqual(runs, [1, 2, 3]);
  });

  it('still shows a last value that was not displayed', async () => {
    const result = await kernels.newHost().execute(cell(`${protocol}\ndisplay(simulate({ nodes: { e: Echo }, seed: 1 }));\nsimulate({ nodes: { e: Echo }, seed: 2 })`), 0);
    const runs = result.outputs.filter((o) => o.mime === MIME.run).map((o) => (o.data as { trace: { seed: number } }).trace.seed);
    assert.deepEqual(runs, [1, 2]);
  });
});
