// The installed .vsix runs cells: its kernel worker and engine bundle are in
// the package, not only in the source tree.
import * as assert from 'node:assert/strict';
import { activateExtension } from './support/extension';
import { closeAllEditors, codeCells, outputItems, runCells, showNotebook } from './notebookSupport';

describe('protocol notebooks from the installed .vsix', function () {
  // Kernel runs are slow on a loaded machine; this bound only catches hangs.
  this.timeout(180_000);
  before(activateExtension);
  after(closeAllEditors);

  it('runs a simulation cell against the packaged engine', async () => {
    const editor = await showNotebook('notebooks/bank-account.protocol.md');
    const cells = codeCells(editor.notebook);
    await runCells(editor, cells.slice(0, 3), 120_000);
    assert.ok(cells.slice(0, 3).every((cell) => cell.executionSummary?.success === true));
    const mimes = outputItems(cells[2]).map((item) => item.mime);
    assert.ok(mimes.includes('application/vnd.protocol-notebook.run+json'), JSON.stringify(mimes));
  });
});
