import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { notebookDependencies } from '../../../src/analysis/cellDependencies';
import type { CellError, CellResult, KernelCell } from '../../../src/common/kernelMessages';
import { RangeRecovery } from '../../../src/kernel/rangeRecovery';

/** Code cells at notebook indices 0, 2, 4, … (Markdown between them): cell n of the notebook is `cell ${index + 1}`. */
function cells(...sources: string[]): KernelCell[] {
  return sources.map((source, i) => ({ id: `c${i}`, index: 2 * i, source }));
}

const ok = (cell: KernelCell): CellResult => ({ cellId: cell.id, ok: true, outputs: [], logs: [], durationMs: 1 });
const failed = (cell: KernelCell, error: CellError): CellResult => ({ cellId: cell.id, ok: false, outputs: [], logs: [], error, durationMs: 1 });
const outOfMemory: CellError = { name: 'OutOfMemory', message: 'The cell used more than the kernel may.', stoppedBy: 'memory' };
const sources = (sent: readonly KernelCell[]) => sent.map((c) => c.source);

/** A recovery that has seen `results` for the first cells and planned the rest. */
function recovered(notebook: KernelCell[], results: CellResult[]): RangeRecovery {
  const recovery = new RangeRecovery(notebook, notebook.length - 1);
  results.forEach((result, i) => recovery.shown(i, result));
  recovery.replan(results.length, notebookDependencies(notebook, []));
  return recovery;
}

describe('what a fresh kernel is sent after a cell of a range ended the kernel', () => {
  const notebook = cells('const a = 1;', 'const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1));', 'hog.length', 'a + 1', 'const size = hog.length;', '// twice\nsize * 2', "'alone'");

  it('sends the cell that ended it, and the cells below that need it, empty in their places, and the rest as they are', () => {
    const recovery = recovered(notebook, [ok(notebook[0]), failed(notebook[1], outOfMemory)]);
    assert.deepEqual(sources(recovery.sent), [notebook[0].source, '', '', 'a + 1', '', '', "'alone'"]);
  });

  it('answers a cell that uses its names with an error naming it, at the line that names them', () => {
    const recovery = recovered(notebook, [ok(notebook[0]), failed(notebook[1], outOfMemory)]);
    const shown = recovery.shown(2, ok({ ...notebook[2], source: '' }));
    assert.equal(shown.ok, false);
    assert.equal(shown.cellId, 'c2');
    assert.deepEqual(shown.error, {
      name: 'DependencyFailed',
      message: 'This cell needs `hog` from cell 3, which ended the kernel (out of memory), so it was not run.',
      position: { cellId: 'c2', line: 0, column: 0 },
    });
  });

  it('follows a chain: a cell that needs a cell that was not run says which, and why that one was not', () => {
    const recovery = recovered(notebook, [ok(notebook[0]), failed(notebook[1], outOfMemory)]);
    const shown = recovery.shown(5, ok({ ...notebook[5], source: '' }));
    assert.equal(shown.error?.message, 'This cell needs `size` from cell 9, which needs `hog` from cell 3, which ended the kernel (out of memory), so it was not run.');
    assert.deepEqual(shown.error?.position, { cellId: 'c5', line: 1, column: 0 });
  });

  it("passes on the kernel's result of a cell that runs, without the empty cells among those it replayed", () => {
    const recovery = recovered(notebook, [ok(notebook[0]), failed(notebook[1], outOfMemory)]);
    const result: CellResult = { ...ok(notebook[3]), outputs: [{ mime: 'text/plain', data: 2, text: '2' }], replayed: ['c0', 'c1', 'c2'] };
    assert.deepEqual(recovery.shown(3, result), { ...result, replayed: ['c0'] });
    assert.deepEqual(recovery.shown(6, ok(notebook[6])), ok(notebook[6]));
  });

  it('leaves out a cell that failed above, which would fail again, and says so in the cells that need it', () => {
    const thrown: CellError = { name: 'TypeError', message: 'x is not a function' };
    const withFailure = cells('const x = (1 as any)();', 'while (true) {}', 'x', "'alone'");
    const recovery = recovered(withFailure, [failed(withFailure[0], thrown), failed(withFailure[1], { name: 'Timeout', message: 'too long', stoppedBy: 'timeout' })]);
    assert.deepEqual(sources(recovery.sent), ['', '', '', "'alone'"]);
    assert.equal(recovery.shown(2, ok(withFailure[2])).error?.message, 'This cell needs `x` from cell 1, which failed (TypeError), so it was not run.');
  });

  it('does not run a cell whose needs cannot be told (nor any below it), with the error it had before', () => {
    const unsure = cells('const a = 1;', 'while (true) {}', 'globalThis.a', 'a');
    const recovery = recovered(unsure, [ok(unsure[0]), failed(unsure[1], { name: 'Timeout', message: 'too long', stoppedBy: 'timeout' })]);
    assert.deepEqual(sources(recovery.sent), ['', '', '', '']);
    for (const position of [2, 3]) {
      const shown = recovery.shown(position, ok({ ...unsure[position], source: '' }));
      assert.deepEqual(shown.error, { name: 'Timeout', message: 'A cell above (cell 3) failed when it was re-run first: Timeout: too long' });
      assert.deepEqual(shown.replayed, ['c1']);
    }
  });

  it('plans again after a second cell ends the kernel, keeping what was lost before', () => {
    const twice = cells('const a = 1;', 'const big = [0];\nwhile (true) big.push(1);', "'between'", 'const huge = [0];\nwhile (true) huge.push(1);', 'big', 'huge', 'a * 3');
    const recovery = recovered(twice, [ok(twice[0]), failed(twice[1], outOfMemory)]);
    recovery.shown(2, ok(twice[2]));
    recovery.shown(3, failed(twice[3], outOfMemory));
    recovery.replan(4, notebookDependencies(twice, []));
    assert.deepEqual(sources(recovery.sent), ['const a = 1;', '', '', '', '', '', 'a * 3']);
    assert.match(recovery.shown(4, ok(twice[4])).error?.message ?? '', /needs `big` from cell 3/);
    assert.match(recovery.shown(5, ok(twice[5])).error?.message ?? '', /needs `huge` from cell 7/);
  });
});
