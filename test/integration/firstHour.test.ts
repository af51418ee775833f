// The first notebook a newcomer writes, in a real VS Code: File > New File >
// Protocol Notebook gives a template with no type error, the first save
// proposes a `*.protocol.md` name and succeeds, and a Problems entry for a
// cell reveals the cell in the notebook. Screenshots: first-hour-*.png.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, extensionId } from './support/extension';
import { clickInWorkbench, harnessAvailable, pressKey, screenshot, workbenchElements } from './support/harness';
import { eventually } from './support/wait';
import { closeAllEditors, codeCells, controllerId } from './notebookSupport';

/** The type errors the analysis shows on a cell (source "ts", see languageFeaturesDiagnostics.ts). */
function typeErrors(cell: vscode.NotebookCell): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(cell.document.uri).filter((d) => d.source === 'ts' && d.severity === vscode.DiagnosticSeverity.Error);
}

/** The new notebook, as File > New File > Protocol Notebook opens it. */
async function newNotebook(): Promise<vscode.NotebookEditor> {
  await activateExtension();
  await vscode.commands.executeCommand('protocol-notebook.newNotebook');
  const editor = await eventually('the new notebook editor', () => vscode.window.activeNotebookEditor);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: controllerId, extension: extensionId });
  return editor;
}

describe('the first hour with a new notebook', function () {
  this.timeout(180_000);
  afterEach(closeAllEditors);

  it('the new-notebook template shows no type error', async () => {
    const editor = await newNotebook();
    const cells = codeCells(editor.notebook);
    assert.equal(cells.length, 2);
    // The analysis checks a newly opened notebook at once; wait for its answer on a cell with an error put in on purpose.
    const probe = new vscode.WorkspaceEdit();
    probe.set(editor.notebook.uri, [vscode.NotebookEdit.insertCells(editor.notebook.cellCount, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'const probe: number = "x";', 'protocol-typescript')])]);
    assert.ok(await vscode.workspace.applyEdit(probe));
    const probeCell = editor.notebook.cellAt(editor.notebook.cellCount - 1);
    await eventually('the analysis to check the notebook', () => typeErrors(probeCell).length > 0, 60_000);
    assert.deepEqual(cells.flatMap((cell) => typeErrors(cell).map((d) => `cell ${cell.index + 1}: ${d.message}`)), []);
    await screenshot('first-hour-new-notebook');
  });

  it('the first save of a new notebook proposes a *.protocol.md name, and saves it as a protocol notebook', async function () {
    if (!harnessAvailable) this.skip(); // the save dialog is answered through the browser
    const editor = await newNotebook();
    assert.equal(editor.notebook.isUntitled, true);
    assert.match(editor.notebook.uri.path, /^Untitled-\d+\.protocol\.md$/);
    const name = editor.notebook.uri.path;
    // Ctrl+S: VS Code for the Web asks for the path in its own dialog, an input box.
    void vscode.commands.executeCommand('workbench.action.files.save');
    // The dialog shows its folder first, then the proposed path.
    let proposed: string | undefined;
    await eventually('the save dialog to propose a file name', async () => {
      proposed = (await workbenchElements('.quick-input-widget input.input')).find((e) => e.value)?.value;
      return proposed && !proposed.endsWith('/');
    }, 20_000).catch(() => undefined);
    assert.ok(proposed?.endsWith(`/${name}`), `the dialog proposes ${proposed}`);
    await screenshot('first-hour-save-dialog');
    await pressKey('Enter');
    const saved = await eventually('the saved notebook', () => vscode.workspace.notebookDocuments.find((n) => n.uri.scheme === 'file' && n.uri.path.endsWith(`/${name}`) && !n.isDirty), 30_000);
    assert.equal(saved.notebookType, 'protocol-notebook');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(saved.uri));
    assert.match(text, /^# A new protocol\n/);
    assert.match(text, /```ts\nsimulate\(\{/);
    await screenshot('first-hour-saved');
    await vscode.workspace.fs.delete(saved.uri);
  });

  it('a Problems entry for a cell reveals the cell in the notebook, not a text tab of the cell', async function () {
    if (!harnessAvailable) this.skip(); // the Problems panel is clicked through the browser
    const editor = await newNotebook();
    const [, simulateCell] = codeCells(editor.notebook);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(simulateCell.document.uri, new vscode.Position(0, 0), 'const wrong: number = "not a number";\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually('the type error in the cell', () => typeErrors(simulateCell).length > 0, 60_000);
    // Somewhere else first: the first cell selected, so that revealing the second is seen.
    editor.selections = [new vscode.NotebookRange(0, 1)];
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await eventually('the Problems row', async () => (await workbenchElements('.markers-panel .monaco-list-row')).some((row) => row.text.includes("Type 'string' is not assignable")), 20_000);
    await screenshot('first-hour-problems');
    await clickInWorkbench('.markers-panel .monaco-list-row', "Type 'string' is not assignable");
    await eventually('the cell to be revealed in the notebook', () => {
      const active = vscode.window.activeNotebookEditor;
      return active?.notebook === editor.notebook && active.selections.some((r) => r.start === simulateCell.index);
    });
    const cellTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'vscode-notebook-cell');
    assert.deepEqual(cellTabs.map((t) => t.label), [], 'no cell opened as a text tab');
    await screenshot('first-hour-problem-revealed');
  });
});
