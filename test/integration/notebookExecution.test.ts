// Running cells in a real VS Code: outputs, errors mapped to the cell's line
// with a diagnostic there, a runaway loop stopped without losing the next
// cell, cells above re-run first after a restart.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/harness';
import { eventually } from './support/wait';
import { workspaceUri } from './support/workspace';
import { cellError, closeAllEditors, codeCells, finishedSince, kernelDiagnostics, outputItems, runCells, showNotebook } from './notebookSupport';

describe('running protocol notebook cells', function () {
  // Kernel runs and editor round trips are slow on a loaded machine; these bounds only catch hangs.
  this.timeout(180_000);
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
    const diagnostics = kernelDiagnostics(throwing);
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
    assert.deepEqual(kernelDiagnostics(throwing), []);
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
    const diagnostics = kernelDiagnostics(defining);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 3);
    assert.deepEqual(kernelDiagnostics(calling), []);
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
    // Code cells 1 and 2 are notebook cells 2 and 3 (the Markdown introduction is cell 1);
    // `check(2)` in cell 3 changes nothing the calling cell uses, so it is not re-run.
    assert.match(note.text, /^Re-ran cell 2 first \(.*\); skipped cell 3, which this cell does not use\.$/);
    assert.equal(cellError(calling)?.name, 'RangeError');
  });

  it('cancelling a running cell stops it, says so, and restarts the kernel', async () => {
    await vscode.workspace.fs.writeFile(workspaceUri('scratch/cancel.protocol.md'), new TextEncoder().encode("# Cancel me\n\n```ts\n'first run';\n```\n"));
    const editor = await showNotebook('scratch/cancel.protocol.md');
    const [cell] = codeCells(editor.notebook);
    await runCells(editor, [cell]);
    assert.ok(outputItems(cell).some((item) => item.text.includes('first run')), JSON.stringify(outputItems(cell)));

    // Now the cell runs a regular expression that backtracks for minutes (the step budget does not see inside it).
    const edit = new vscode.WorkspaceEdit();
    edit.replace(cell.document.uri, cell.document.lineAt(0).range, "/^(a+)+$/.test('a'.repeat(40) + 'b');");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const range = { ranges: [{ start: cell.index, end: cell.index + 1 }], document: editor.notebook.uri };
    const started = Date.now();
    void vscode.commands.executeCommand('notebook.cell.execute', range);
    // A run starts by clearing the cell's outputs: from then on it is running.
    await eventually('the second run to start', () => cell.outputs.length === 0);
    await vscode.commands.executeCommand('notebook.cell.cancelExecution', range);
    await eventually('the cancelled run to end', () => finishedSince(cell, started), 30_000);
    assert.equal(cell.executionSummary?.success, false);
    const error = cellError(cell);
    assert.equal(error?.name, 'Cancelled');
    assert.match(error?.message ?? '', /^Stopped: the run was cancelled\./);
    assert.match(error?.message ?? '', /The kernel was restarted/);
  });

  it('the step budget is a setting, applied to the next run', async () => {
    const settings = vscode.workspace.getConfiguration('protocolNotebook.kernel');
    await settings.update('stepBudget', 50_000, vscode.ConfigurationTarget.Global);
    try {
      const text = '# Budget\n\n```ts\nlet n = 0;\nfor (let i = 0; i < 1_000_000; i++) n += i;\nn;\n```\n';
      await vscode.workspace.fs.writeFile(workspaceUri('scratch/budget.protocol.md'), new TextEncoder().encode(text));
      const editor = await showNotebook('scratch/budget.protocol.md');
      const [cell] = codeCells(editor.notebook);
      await runCells(editor, [cell]);
      assert.equal(cellError(cell)?.name, 'StepBudgetExceeded');
      assert.match(cellError(cell)?.message ?? '', /Stopped after 50,000 steps/);

      await settings.update('stepBudget', undefined, vscode.ConfigurationTarget.Global);
      await runCells(editor, [cell]);
      assert.equal(cell.executionSummary?.success, true);
      assert.ok(outputItems(cell).some((item) => item.mime === 'text/plain' && item.text === '499999500000'), JSON.stringify(outputItems(cell)));
    } finally {
      await settings.update('stepBudget', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
