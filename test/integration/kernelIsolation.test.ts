// The kernel as a sandbox, seen from a real VS Code: a notebook that tries to
// leave its sandbox reaches nothing, and one that takes its kernel down
// (memory on and off the heap) ends only its own kernel process: the
// extension host, and other extensions in it, keep answering, and each cell
// says what happened.
import * as assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/harness';
import { cellError, closeAllEditors, codeCells, outputItems, runCells, showNotebook } from './notebookSupport';

const MARKER = '/tmp/protocol-notebook-escape-marker';

describe('the kernel as a sandbox', function () {
  this.timeout(300_000);
  before(async () => {
    rmSync(MARKER, { force: true });
    await activateExtension();
  });
  afterEach(closeAllEditors);

  it('a notebook that tries to leave its sandbox reaches nothing, and its last cell runs', async () => {
    const editor = await showNotebook('test/fixtures/notebooks/escape.protocol.md');
    const cells = codeCells(editor.notebook);
    await runCells(editor, cells, 240_000);
    const shown = cells.flatMap((cell) => outputItems(cell).map((item) => item.text)).join('\n');
    assert.doesNotMatch(shown, /LEAKED|ESCAPED/, shown);
    assert.ok(!existsSync(MARKER), 'the marker file was written');
    const last = cells[cells.length - 1];
    assert.equal(last.executionSummary?.success, true, shown);
    assert.ok(outputItems(last).some((item) => item.text.includes('the kernel is still here')), shown);
    assert.equal(cellError(cells[4 - 1])?.name, 'ImportError', 'import() is refused at compile time');
    await screenshot('escape-notebook');
  });

  it('a cell that takes its kernel down ends only that process: the extension host and other extensions answer', async () => {
    const editor = await showNotebook('test/fixtures/notebooks/abort.protocol.md');
    const [heap, offHeap, independent] = codeCells(editor.notebook);
    await runCells(editor, [heap, offHeap, independent], 240_000);
    for (const cell of [heap, offHeap]) {
      assert.equal(cell.executionSummary?.success, false);
      assert.equal(cellError(cell)?.name, 'OutOfMemory', JSON.stringify(outputItems(cell)));
    }
    // Another extension's command, served by the same extension host.
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', '# still here');
    assert.match(html, /still here/);
    assert.equal(independent.executionSummary?.success, true, JSON.stringify(outputItems(independent)));
    assert.ok(outputItems(independent).some((item) => item.text.includes('a fresh kernel runs this')));
    await screenshot('abort-notebook');
  });
});
