// Editing a protocol notebook's cells in a real VS Code: completion, hover,
// go to definition and rename see the notebook as one program (names from
// earlier cells, the protocol-notebook API), type errors land on the right
// cell and line, and no false errors appear on the sample notebooks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/harness';
import { eventually } from './support/wait';
import { workspaceUri } from './support/workspace';
import { closeAllEditors, codeCells, showNotebook } from './notebookSupport';

const fixture = 'test/integration/fixtures/languageFeatures.protocol.md';

/** The position just after the first `marker` in a cell. */
function after(cell: vscode.NotebookCell, marker: string): vscode.Position {
  const offset = cell.document.getText().indexOf(marker);
  assert.ok(offset >= 0, `${JSON.stringify(marker)} is in cell ${cell.index}`);
  return cell.document.positionAt(offset + marker.length);
}

async function completionLabels(cell: vscode.NotebookCell, position: vscode.Position, trigger?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', cell.document.uri, position, trigger);
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

function errors(cell: vscode.NotebookCell): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(cell.document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
}

/** Appends a code cell holding one known type error, and waits until the notebook's check reports it (so the check has run). */
async function checkedWithProbe(editor: vscode.NotebookEditor): Promise<vscode.NotebookCell> {
  const notebook = editor.notebook;
  const edit = new vscode.WorkspaceEdit();
  const probe = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, "const probe: number = 'not a number';", 'protocol-typescript');
  edit.set(notebook.uri, [vscode.NotebookEdit.insertCells(notebook.cellCount, [probe])]);
  assert.ok(await vscode.workspace.applyEdit(edit));
  const cell = notebook.cellAt(notebook.cellCount - 1);
  await eventually('the type error of the probe cell', () => errors(cell).some((d) => d.code === 2322));
  return cell;
}

describe('language features', function () {
  // Editor round trips are slow on a loaded machine; these bounds only catch hangs.
  this.timeout(120_000);
  before(activateExtension);
  afterEach(closeAllEditors);

  it('opens code cells in the TypeScript (Protocol Notebook) language', async () => {
    const editor = await showNotebook(fixture);
    assert.deepEqual(codeCells(editor.notebook).map((c) => c.document.languageId), ['protocol-typescript', 'protocol-typescript', 'protocol-typescript']);
    const language = vscode.extensions.all.flatMap((e) => (e.packageJSON?.contributes?.languages ?? []) as { id: string; aliases?: string[] }[]).find((l) => l.id === 'protocol-typescript');
    assert.deepEqual(language?.aliases, ['TypeScript (Protocol Notebook)']);
  });

  it('completes `ctx.` members inside a handler and names from earlier cells', async () => {
    const editor = await showNotebook(fixture);
    const [account, , run] = codeCells(editor.notebook);
    const members = await eventually('ctx members', async () => {
      const labels = await completionLabels(account, after(account, 'ctx.'), '.');
      return labels.includes('send') ? labels : undefined;
    });
    for (const member of ['reply', 'broadcast', 'setTimer']) assert.ok(members.includes(member), `ctx.${member} is offered`);
    const names = await completionLabels(run, after(run, 'account: '));
    assert.ok(names.includes('Account'), 'Account (cell 1) is offered in cell 3');
    assert.ok(names.includes('greeting'), 'greeting (cell 2) is offered in cell 3');
  });

  it('shows a completion list in the cell editor', async () => {
    const editor = await showNotebook(fixture);
    const [account] = codeCells(editor.notebook);
    const position = after(account, 'ctx.');
    await vscode.window.showTextDocument(account.document, { selection: new vscode.Range(position, position) });
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    // Let the suggest widget draw (the API cannot see it); the picture is what this test is for.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await screenshot('language-features-completion');
  });

  it("hovers with the API's documentation", async () => {
    const editor = await showNotebook(fixture);
    const [account] = codeCells(editor.notebook);
    const [hover] = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', account.document.uri, after(account, 'ctx.rep'));
    const text = hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /reply\(request: Msg, response: Msg\): void/);
    assert.match(text, /Sends `response` to the sender of `request`/);
  });

  it('puts a type error in cell 3 about a message shape of cell 1 on its line', async () => {
    const editor = await showNotebook(fixture);
    const [account, , run] = codeCells(editor.notebook);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(run.document.uri, new vscode.Position(1, 0), "const wrong: Msg = { type: 'deposit', id: 'b', amount: 'ten' };\n");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const [error] = await eventually('a type error in cell 3', () => (errors(run).length ? errors(run) : undefined));
    assert.equal(error.range.start.line, 1);
    assert.equal(run.document.getText(error.range), 'amount');
    assert.equal(error.code, 2322);
    assert.match(error.message, /Type 'string' is not assignable to type 'number'/);
    assert.deepEqual(errors(account), [], 'no error in cell 1');
    editor.revealRange(new vscode.NotebookRange(run.index, run.index + 1), vscode.NotebookEditorRevealType.InCenter);
    await screenshot('language-features-type-error');
    const undo = new vscode.WorkspaceEdit();
    undo.delete(run.document.uri, new vscode.Range(1, 0, 2, 0));
    assert.ok(await vscode.workspace.applyEdit(undo));
    await eventually('the error gone once the line is', () => errors(run).length === 0);
  });

  it('goes to definition across cells and into the API declarations', async () => {
    const editor = await showNotebook(fixture);
    const [account, , run] = codeCells(editor.notebook);
    const [definition] = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', run.document.uri, after(run, 'account: Acc'));
    const target = 'targetUri' in definition ? { uri: definition.targetUri, range: definition.targetRange } : definition;
    assert.equal(target.uri.toString(), account.document.uri.toString());
    assert.equal(target.range.start.line, after(account, 'const Account').line);

    const [api] = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', account.document.uri, after(account, 'const Account = no'));
    const apiUri = 'targetUri' in api ? api.targetUri : api.uri;
    assert.match(apiUri.path, /protocol-api\/engine\/api\/node\.d\.ts$/);
    const declarations = await vscode.workspace.openTextDocument(apiUri);
    assert.match(declarations.getText(), /export declare function node</);
  });

  it('renames a name in every cell that uses it', async () => {
    const editor = await showNotebook(fixture);
    const [account, , run] = codeCells(editor.notebook);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', run.document.uri, after(run, 'account: Acc'), 'Bank');
    const touched = edit.entries().map(([uri, edits]) => [uri.toString(), edits.map((e) => e.newText)]);
    assert.deepEqual(touched.sort(), [[account.document.uri.toString(), ['Bank']], [run.document.uri.toString(), ['Bank']]].sort());
  });

  it('reports no errors on the notebooks and the samples', async () => {
    const inFolder = async (folder: string) =>
      (await vscode.workspace.fs.readDirectory(workspaceUri(folder))).map(([name]) => name).filter((name) => name.endsWith('.protocol.md')).map((name) => `${folder}/${name}`);
    const samples = [...(await inFolder('notebooks')), ...(await inFolder('samples'))];
    assert.ok(samples.some((s) => s.startsWith('notebooks/')) && samples.some((s) => s.startsWith('samples/')));
    for (const sample of [...samples, 'test/integration/fixtures/hello.protocol.md']) {
      const editor = await showNotebook(sample);
      const probe = await checkedWithProbe(editor);
      const reported = codeCells(editor.notebook)
        .filter((cell) => cell !== probe)
        .flatMap((cell) => errors(cell).map((d) => `${sample} cell ${cell.index}:${d.range.start.line}: ${d.message}`));
      // Other suites open the samples too: leave them as they were.
      const removal = new vscode.WorkspaceEdit();
      removal.set(editor.notebook.uri, [vscode.NotebookEdit.deleteCells(new vscode.NotebookRange(probe.index, probe.index + 1))]);
      assert.ok(await vscode.workspace.applyEdit(removal));
      assert.deepEqual(reported, []);
      await closeAllEditors();
    }
  });
});
