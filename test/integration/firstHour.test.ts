// The first notebook a newcomer writes, in a real VS Code: File > New File >
// Protocol Notebook gives a template with no type error, the first save
// proposes a `*.protocol.md` name and succeeds, and a Problems entry for a
// cell reveals the cell in the notebook. Then the first runs that go wrong:
// type errors are counted with the run (or stop it, as a setting says), a
// broken cell blocks after a restart only the cells that use it, with a link
// to it, and a long error wraps. Screenshots: first-hour-*.png.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { clickInWebview, clickInWorkbench, harnessAvailable, pressKey, screenshot, webviewElements, workbenchElements } from './support/harness';
import { eventually } from './support/wait';
import { workspaceUri } from './support/workspace';
import { cellError, closeAllEditors, codeCells, selectProtocolKernel, outputItems, runCells, showNotebook } from './notebookSupport';

/** The type errors the analysis shows on a cell (source "ts", see languageFeaturesDiagnostics.ts). */
function typeErrors(cell: vscode.NotebookCell): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(cell.document.uri).filter((d) => d.source === 'ts' && d.severity === vscode.DiagnosticSeverity.Error);
}

/** The new notebook, as File > New File > Protocol Notebook opens it. */
async function newNotebook(): Promise<vscode.NotebookEditor> {
  await activateExtension();
  await vscode.commands.executeCommand('protocol-notebook.newNotebook');
  const editor = await eventually('the new notebook editor', () => vscode.window.activeNotebookEditor);
  await selectProtocolKernel();
  return editor;
}

/** Closes the editors, and the panel a test opened (Problems): later suites need the whole editor area for their notebooks. */
async function closeEditorsAndPanel(): Promise<void> {
  await closeAllEditors();
  await vscode.commands.executeCommand('workbench.action.closePanel');
}

describe('the first hour with a new notebook', function () {
  this.timeout(180_000);
  afterEach(closeEditorsAndPanel);

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
    // And it runs as it is: the chart of its simulation, with no type error note.
    await runCells(editor, cells, 120_000);
    assert.deepEqual(cells.map((cell) => cell.executionSummary?.success), [true, true]);
    assert.ok(!outputItems(cells[1]).some((i) => i.text.includes('type error')), JSON.stringify(outputItems(cells[1]).map((i) => i.mime)));
    editor.revealRange(new vscode.NotebookRange(cells[1].index, cells[1].index + 1), vscode.NotebookEditorRevealType.AtTop);
    if (harnessAvailable) await eventually('the chart to be drawn', async () => (await webviewElements('[data-testid=chart] canvas')).length > 0, 30_000);
    await screenshot('first-hour-template-run');
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
    // The notebook reports saved as the file is written: wait for its content.
    const text = await eventually('the saved file', async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(saved.uri)));
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

/** Writes a scratch notebook of the workspace and opens it with the kernel selected. */
async function scratchNotebook(name: string, lines: string[]): Promise<vscode.NotebookEditor> {
  await vscode.workspace.fs.writeFile(workspaceUri(`scratch/${name}`), new TextEncoder().encode(lines.join('\n')));
  return showNotebook(`scratch/${name}`);
}

/** The cell error as the extension's renderer gets it (application/vnd.protocol-notebook.error+json). */
function shownError(cell: vscode.NotebookCell): { name: string; message: string; links?: { text: string; href: string }[] } | undefined {
  const item = outputItems(cell).find((i) => i.mime === 'application/vnd.protocol-notebook.error+json');
  return item && JSON.parse(item.text);
}

const fence = (...code: string[]) => ['```ts', ...code, '```', ''];

describe('the first runs that go wrong', function () {
  this.timeout(180_000);
  afterEach(closeEditorsAndPanel);

  it('a cell with type errors says how many with its run, and the setting can stop it instead', async () => {
    const editor = await scratchNotebook('type-errors.protocol.md', ['# Type errors', '', ...fence("const n: number = 'not a number';", 'n;')]);
    const [cell] = codeCells(editor.notebook);
    await runCells(editor, [cell]);
    assert.equal(cell.executionSummary?.success, true, 'it ran anyway');
    const texts = outputItems(cell).filter((i) => i.mime === 'text/plain').map((i) => i.text);
    assert.ok(texts.some((t) => /^⚠ 1 type error in this cell .*it ran anyway/.test(t)), JSON.stringify(texts));
    assert.ok(texts.includes("'not a number'"), JSON.stringify(texts));
    await screenshot('first-hour-type-errors-ran');

    const settings = vscode.workspace.getConfiguration('protocolNotebook.run');
    await settings.update('onTypeErrors', 'stop', vscode.ConfigurationTarget.Global);
    try {
      await runCells(editor, [cell]);
      assert.equal(cell.executionSummary?.success, false);
      const stopped = outputItems(cell).filter((i) => i.mime === 'text/plain').map((i) => i.text);
      assert.equal(stopped.length, 1, JSON.stringify(stopped));
      assert.match(stopped[0], /^Not run: 1 type error in this cell .*protocolNotebook\.run\.onTypeErrors to "run"/);
      await screenshot('first-hour-type-errors-stopped');
    } finally {
      await settings.update('onTypeErrors', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('after a restart, a broken cell blocks only the cells that use it, whose error links to it', async () => {
    const editor = await scratchNotebook('broken-above.protocol.md', [
      '# A broken cell above',
      '',
      ...fence("const Echo = node<{ n: number }, { type: 'hi' }>({ init: () => ({ n: 0 }), on: { hi(state) { state.n += 1; } } });"),
      ...fence("const tally = simulate({ nodes: { echo: Echo }, seed: 1, until: 10 });", "throw new Error('this cell is broken on purpose: ' + 'it explains at length why it fails, '.repeat(6) + 'and ends here');"),
      ...fence('simulate({ nodes: { echo: Echo }, seed: 2, until: 10 });'),
      ...fence('tally;'),
    ]);
    const [nodes, broken, independent, dependent] = codeCells(editor.notebook);
    await runCells(editor, [nodes, broken]);
    assert.equal(broken.executionSummary?.success, false);
    // The long error line wraps in the output instead of running off its right edge.
    const drawn = await eventually('the error drawn by the extension', async () => (harnessAvailable ? (await webviewElements('[data-testid=cell-error]')).find((e) => e.text.includes('and ends here')) : true), 30_000);
    assert.ok(drawn);
    editor.revealRange(new vscode.NotebookRange(broken.index, broken.index + 1), vscode.NotebookEditorRevealType.InCenter);
    await screenshot('first-hour-long-error');

    await vscode.commands.executeCommand('protocol-notebook.restartKernel', { notebookEditor: { notebookUri: editor.notebook.uri } });
    await runCells(editor, [independent]);
    assert.equal(independent.executionSummary?.success, true, JSON.stringify(outputItems(independent).map((i) => i.text)));
    const note = outputItems(independent).find((i) => i.mime === 'text/plain' && i.text.startsWith('Re-ran'));
    assert.match(note?.text ?? '', /^Re-ran cell 2 first \(.*\); skipped cell 3, which this cell does not use\.$/);

    await runCells(editor, [dependent]);
    assert.equal(dependent.executionSummary?.success, false);
    assert.match(cellError(dependent)?.message ?? '', /^A cell above \(cell 3\) failed when it was re-run first: Error: this cell is broken on purpose/);
    assert.deepEqual(shownError(dependent)?.links, [{ text: 'cell 3', href: broken.document.uri.toString() }]);
    if (!harnessAvailable) return;
    // Outputs are drawn when their cell is in view.
    editor.revealRange(new vscode.NotebookRange(dependent.index, dependent.index + 1), vscode.NotebookEditorRevealType.InCenter);
    await eventually('the link to cell 3', async () => (await webviewElements('[data-testid=cell-error] a.pn-error-link')).some((a) => a.text === 'cell 3'), 30_000);
    editor.selections = [new vscode.NotebookRange(dependent.index, dependent.index + 1)];
    await screenshot('first-hour-failed-above');
    await clickInWebview('[data-testid=cell-error] a.pn-error-link');
    await eventually('cell 3 to be revealed', () => vscode.window.activeNotebookEditor?.selections.some((r) => r.start === broken.index));
    await screenshot('first-hour-failed-above-revealed');
  });
});
