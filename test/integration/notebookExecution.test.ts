// Running cells in a real VS Code: outputs, errors mapped to the cell's line
// with a diagnostic there, a runaway loop stopped without losing the next
// cell, cells above re-run first after a restart.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/harness';
import { cellError, closeAllEditors, codeCells, outputItems, runCells, showNotebook } from './notebookSupport';

describe('running protocol notebook cells', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('a throwing cell gives an error output with its line and a diagnostic on that line', async () => {
    const editor = await showNotebook('test/fixtures/notebooks/throwing.protocol.md');
    const [throwing] = codeCells(editor.notebook);
    await runCells(editor, [throwing]);
    assert.equal(throwing.executionSummary?.success, false);
    const error = cellError(throwing);
    assert.ok(error, 'an error output');
    assert.equal(error.name, 'Error');
    assert.equal(error.message, 'total is 6');
    // The Error is made by `new Error(…)` on the cell's third line, at column 7.
    assert.match(error.stack ?? '', /at cell 2, line 3, col 7/, `the stack names the cell line: ${error.stack}`);
    const diagnostics = vscode.languages.getDiagnostics(throwing.document.uri);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 2);
    assert.equal(diagnostics[0].range.start.character, 6);
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostics[0].message, /total is 6/);
    await screenshot('throwing-cell');

    // Fixed and re-run: the error output and the diagnostic are gone.
    const fix = new vscode.WorkspaceEdit();
    fix.replace(throwing.document.uri, throwing.document.lineAt(2).range, 'total;');
    assert.ok(await vscode.workspace.applyEdit(fix));
    await runCells(editor, [throwing]);
    assert.equal(throwing.executionSummary?.success, true);
    assert.equal(cellError(throwing), undefined);
    assert.deepEqual(vscode.languages.getDiagnostics(throwing.document.uri), []);
    assert.ok(outputItems(throwing).some((item) => item.mime === 'text/plain' && item.text === '6'), JSON.stringify(outputItems(throwing)));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('an error thrown by code from a cell above is reported on that cell', async () => {
    const editor = await showNotebook('test/fixtures/notebooks/calls-above.protocol.md');
    const [defining, , calling] = codeCells(editor.notebook);
    await runCells(editor, [defining, calling]);
    assert.equal(calling.executionSummary?.success, false);
    assert.equal(cellError(calling)?.name, 'RangeError');
    assert.equal(cellError(calling)?.message, '7 is over the limit of 3');
    const diagnostics = vscode.languages.getDiagnostics(defining.document.uri);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 3);
    assert.deepEqual(vscode.languages.getDiagnostics(calling.document.uri), []);
  });

  it('stops a loop that never ends, says so, and the next cell still runs', async () => {
    const editor = await showNotebook('test/fixtures/notebooks/infinite-loop.protocol.md');
    const [loop, after] = codeCells(editor.notebook);
    await runCells(editor, [loop, after], 120_000);
    assert.equal(loop.executionSummary?.success, false);
    const error = cellError(loop);
    assert.ok(error, 'the loop cell has an error output');
    assert.equal(error.name, 'StepBudgetExceeded');
    assert.match(error.message, /^Stopped: the cell ran out of its step budget\./);
    assert.match(error.message, /kernel was not restarted/);
    assert.equal(after.executionSummary?.success, true);
    const items = outputItems(after);
    assert.ok(items.some((item) => item.mime === 'application/vnd.protocol-notebook.value+json'), JSON.stringify(items));
    assert.ok(items.some((item) => item.mime === 'text/plain' && item.text.includes('the kernel is still here')), JSON.stringify(items));
    await screenshot('infinite-loop-stopped');
  });

  it('after Restart Kernel, running a cell re-runs the cells above first and says so', async () => {
    const editor = await showNotebook('test/fixtures/notebooks/calls-above.protocol.md');
    const [defining, , calling] = codeCells(editor.notebook);
    await runCells(editor, [defining]);
    await vscode.commands.executeCommand('protocol-notebook.restartKernel', { notebookEditor: { notebookUri: editor.notebook.uri } });
    await runCells(editor, [calling]);
    const note = outputItems(calling).find((item) => item.mime === 'text/plain' && item.text.startsWith('Re-ran'));
    assert.ok(note, JSON.stringify(outputItems(calling)));
    // Code cells 1 and 2 are notebook cells 2 and 3 (the Markdown introduction is cell 1).
    assert.match(note.text, /^Re-ran cells 2–3 first/);
    assert.equal(cellError(calling)?.name, 'RangeError');
  });
});
