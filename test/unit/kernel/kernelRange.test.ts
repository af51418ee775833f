import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KernelHost } from '../../../src/kernel/host';
import type { CellResult, KernelCell } from '../../../src/common/kernelMessages';
import { kernelHosts } from './kernelBundles';
import { notebookDependencies } from '../../../src/analysis/cellDependencies';

function cells(...sources: string[]): KernelCell[] {
  return sources.map((source, i) => ({ id: `c${i}`, index: 2 * i, source }));
}

/** The code cells of a notebook without Markdown: cell n of the notebook is at position n - 1. */
function numbered(...sources: string[]): KernelCell[] {
  return sources.map((source, i) => ({ id: `c${i}`, index: i, source }));
}

/** What a result says, without its timing. */
function essence(result: CellResult): unknown {
  const { durationMs: _, ...rest } = result;
  return rest;
}

/** The results of running every cell with `execute`, one request each. */
async function oneByOne(host: KernelHost, notebook: KernelCell[]): Promise<CellResult[]> {
  const results: CellResult[] = [];
  for (let i = 0; i < notebook.length; i++) results.push(await host.execute(notebook, i));
  return results;
}

describe('KernelHost.executeRange', () => {
  const kernels = kernelHosts({ stepBudget: 5_000_000, timeoutMs: 20_000, memoryMb: 256 });
  const newHost = kernels.newHost;
  before(() => kernels.setUp());
  after(() => kernels.disposeAll());

  it('gives each cell the result execute gives it, in order, as each arrives', async () => {
    const notebook = cells(
      'let total = 0;',
      'total += 2; console.log("now", total); total',
      'throw new Error("broken on purpose")',
      'display({ total }); total * 10',
      'while (true) {}',
      'total + 1',
      'const total = 5;',
      'Math.random()',
    );
    const expected = await oneByOne(newHost(), notebook);
    const heard: number[] = [];
    const results = await newHost().executeRange(notebook, 0, notebook.length - 1, undefined, { onResult: (index) => heard.push(index) });
    assert.deepEqual(heard, [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(results.map(essence), expected.map(essence));
    assert.equal(results[4].error?.stoppedBy, 'step-budget');
    assert.match(results[6].error?.message ?? '', /already declared in cell 1/);
  });

  it('runs a range after cells that already ran without replaying them, and replays them after an edit', async () => {
    const host = newHost();
    const notebook = cells('let n = 1;', 'n += 1; n', 'n * 100');
    await host.execute(notebook, 0);
    const [second, third] = await host.executeRange(notebook, 1, 2);
    assert.equal(second.replayed, undefined);
    assert.equal(third.outputs.at(-1)?.data, 200);
    const edited = cells('let n = 5;', 'n += 1; n', 'n * 100');
    const [again] = await host.executeRange(edited, 1, 2);
    assert.deepEqual(again.replayed, ['c0']);
    assert.equal(again.outputs.at(-1)?.data, 6);
  });

  it('gives each cell a time limit of its own, and after a cell ends the kernel, says so in each cell below it (without the dependency analysis)', async () => {
    // Cells that each take a tenth of the limit at most: together about twice the limit, each well within it.
    const slow = "{ let spin = 0; for (let i = 0; i < 2e7; i++) spin += i; 'done' }";
    const warm = newHost({ stepBudget: 1e12 });
    await warm.execute(cells('1'), 0);
    const single = await warm.execute(cells(slow), 0);
    const limit = Math.max(2000, 10 * single.durationMs);
    const count = Math.ceil((2 * limit) / Math.max(1, single.durationMs));
    const host = newHost({ timeoutMs: limit, stepBudget: 1e12 });
    const notebook = cells(...Array.from({ length: count }, () => slow), "/^(a+)+$/.test('a'.repeat(41) + 'b')", '"below"');
    const results = await host.executeRange(notebook, 0, notebook.length - 1);
    assert.deepEqual(
      results.map((r) => r.ok),
      [...Array.from({ length: count }, () => true), false, false],
    );
    assert.equal(results[count].error?.stoppedBy, 'timeout');
    // The cell below it fails at once, naming the cell that ended the kernel, instead of timing out again.
    assert.match(results[count + 1].error?.message ?? '', new RegExp(`^A cell above \\(cell ${2 * count + 1}\\) failed when it was re-run first: Timeout`));
    assert.deepEqual(results[count + 1].replayed, [`c${count}`]);
  });

  it('goes on in a fresh kernel after a cell that ran out of memory', async () => {
    const host = newHost({ memoryMb: 64, stepBudget: 1e12 });
    const notebook = cells('const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1));', '1 + 1');
    const results = await host.executeRange(notebook, 0, 1);
    assert.equal(results[0].error?.stoppedBy, 'memory');
    assert.match(results[1].error?.message ?? '', /^A cell above \(cell 1\) failed when it was re-run first: OutOfMemory/);
    assert.equal((await host.execute(cells('1 + 1'), 0)).outputs.at(-1)?.data, 2);
  });

  it('after a cell runs out of memory, runs the cells below that do not need it in a fresh kernel, and tells those that do which cell they need', async () => {
    // Cells 1 to 6 of a notebook of code cells only: cell 2 runs out of memory, 3 uses it, 4 does not, 5 uses 3.
    const notebook = numbered(
      'const base = 20;',
      'const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1));',
      'const size = hog.length;',
      'base + 22',
      'console.log("size");\nsize * 2',
      'Math.random()',
    );
    const host = newHost({ memoryMb: 64, stepBudget: 1e12 });
    const results = await host.executeRange(notebook, 0, notebook.length - 1, undefined, { dependencies: async () => notebookDependencies(notebook, []) });
    assert.deepEqual(
      results.map((r) => r.ok),
      [true, false, false, true, false, true],
    );
    assert.equal(results[1].error?.stoppedBy, 'memory');
    assert.deepEqual(results[2].error, {
      name: 'DependencyFailed',
      message: 'This cell needs `hog` from cell 2, which ended the kernel (out of memory), so it was not run.',
      position: { cellId: 'c2', line: 0, column: 13 },
    });
    assert.equal(results[3].outputs.at(-1)?.data, 42);
    assert.equal(results[4].error?.message, 'This cell needs `size` from cell 3, which needs `hog` from cell 2, which ended the kernel (out of memory), so it was not run.');
    assert.deepEqual(results[4].error?.position, { cellId: 'c4', line: 1, column: 0 });
    assert.deepEqual(results[4].logs, []);
    // Each cell keeps its position, and so its random stream: the value of a run from the top without the failing cell.
    const harmless = numbered('const base = 20;', 'const hog: number[][] = [];', 'const size = hog.length;', 'base + 22', 'size * 2', 'Math.random()');
    const reference = await newHost().executeRange(harmless, 0, harmless.length - 1);
    assert.equal(results[5].outputs.at(-1)?.data, reference[5].outputs.at(-1)?.data);
    assert.equal(results[3].outputs.at(-1)?.data, reference[3].outputs.at(-1)?.data);
  });

  it('after a cell runs out of time, goes on the same way, and again after a second one does', async () => {
    const notebook = numbered('let count = 1;', 'while (true) count++;', 'count', '"between"', 'let spins = 0;\nwhile (true) spins++;', 'spins', '"after both"');
    const host = newHost({ timeoutMs: 1500, stepBudget: 0 });
    const results = await host.executeRange(notebook, 0, notebook.length - 1, undefined, { dependencies: async () => notebookDependencies(notebook, []) });
    assert.deepEqual(
      results.map((r) => r.error?.stoppedBy ?? r.error?.name ?? 'ok'),
      ['ok', 'timeout', 'DependencyFailed', 'ok', 'timeout', 'DependencyFailed', 'ok'],
    );
    assert.equal(results[2].error?.message, 'This cell needs `count` from cell 2, which ended the kernel (out of time), so it was not run.');
    assert.equal(results[3].outputs.at(-1)?.data, 'between');
    assert.match(results[5].error?.message ?? '', /^This cell needs `spins` from cell 5, which ended the kernel \(out of time\)/);
    assert.equal(results[6].outputs.at(-1)?.data, 'after both');
  });

  it('fails every cell below one that ended the kernel, as before, when the dependency analysis does not load', async () => {
    const notebook = numbered('const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1));', '1 + 1', '2 + 2');
    const host = newHost({ memoryMb: 64, stepBudget: 1e12 });
    const results = await host.executeRange(notebook, 0, 2, undefined, { dependencies: () => Promise.reject(new Error('not bundled')) });
    assert.equal(results[0].error?.stoppedBy, 'memory');
    for (const result of results.slice(1)) assert.match(result.error?.message ?? '', /^A cell above \(cell 1\) failed when it was re-run first: OutOfMemory/);
  });

  it('ends a range when its signal aborts: the running cell and every cell after it come back cancelled, and the kernel serves the next request', async () => {
    const host = newHost({ stepBudget: 1e12 });
    const controller = new AbortController();
    const notebook = cells('const before = 1;', 'while (true) {}', 'before + 1', 'before + 2');
    const heard: number[] = [];
    const running = host.executeRange(notebook, 0, 3, controller.signal, {
      onResult: (index) => {
        heard.push(index);
        if (index === 0) setTimeout(() => controller.abort(), 200);
      },
    });
    const results = await running;
    assert.deepEqual(heard, [0, 1, 2, 3]);
    assert.ok(results[0].ok);
    assert.deepEqual(
      results.slice(1).map((r) => r.error?.stoppedBy),
      ['cancelled', 'cancelled', 'cancelled'],
    );
    assert.equal((await host.execute(cells('"after"'), 0)).outputs.at(-1)?.data, 'after');
  });

  it('refuses a range outside the cells', async () => {
    await assert.rejects(newHost().executeRange(cells('1'), 0, 1), RangeError);
  });
});
