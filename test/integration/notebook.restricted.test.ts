// Restricted Mode: in an untrusted workspace a protocol notebook opens, but
// no cell runs; each code cell says why in an error output.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/harness';
import { eventually } from './support/wait';
import { workspaceUri } from './support/workspace';
import { cellError, codeCells, outputItems, showNotebook } from './notebookSupport';

describe('protocol notebooks in Restricted Mode', function () {
  // Kernel runs and editor round trips are slow on a loaded machine; these bounds only catch hangs.
  this.timeout(180_000);
  before(activateExtension);

  it('the workspace is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('opens the notebook and explains under each code cell why it does not run', async () => {
    const editor = await showNotebook('test/fixtures/notebooks/infinite-loop.protocol.md');
    const cells = codeCells(editor.notebook);
    await eventually('every code cell to explain Restricted Mode', () => cells.every((cell) => cellError(cell) !== undefined));
    for (const cell of cells) {
      const error = cellError(cell);
      assert.equal(error?.name, 'RestrictedMode');
      assert.match(error?.message ?? '', /not run: the workspace is in Restricted Mode/);
      assert.match(error?.message ?? '', /trust this folder/);
      // Nothing ran: the only output is the explanation (as the extension draws errors, and as VS Code does).
      assert.deepEqual(cell.outputs.length, 1);
      assert.deepEqual(outputItems(cell).map((i) => i.mime), ['application/vnd.protocol-notebook.error+json', 'application/vnd.code.notebook.error']);
      assert.equal(cell.executionSummary?.executionOrder, undefined);
    }
    await screenshot('restricted-mode');
  });

  it('explains as soon as a notebook is opened the way a user opens it, with no kernel picked', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(workspaceUri('test/fixtures/notebooks/calls-above.protocol.md'));
    await vscode.window.showNotebookDocument(notebook);
    await eventually('the first code cell to explain Restricted Mode', () => cellError(codeCells(notebook)[0])?.name === 'RestrictedMode');
  });
});
