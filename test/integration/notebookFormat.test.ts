// The *.protocol.md format inside a real VS Code: the notebook editor opens
// these files, saves them byte for byte, refuses files that are not text, and
// File > New File offers a Protocol Notebook.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/harness';
import { workspaceUri } from './support/workspace';
import { closeAllEditors, codeCells, saveNotebook, showNotebook } from './notebookSupport';

describe('protocol notebook files', function () {
  // Kernel runs and editor round trips are slow on a loaded machine; these bounds only catch hangs.
  this.timeout(180_000);
  before(activateExtension);
  afterEach(closeAllEditors);

  it('opens *.protocol.md as a notebook: ts fences are code cells, the rest Markdown', async () => {
    const editor = await showNotebook('test/fixtures/notebooks/calls-above.protocol.md');
    const kinds = editor.notebook.getCells().map((c) => (c.kind === vscode.NotebookCellKind.Code ? `code:${c.document.languageId}` : 'markdown'));
    assert.deepEqual(kinds, ['markdown', 'code:protocol-typescript', 'code:protocol-typescript', 'code:protocol-typescript']);
    assert.equal(editor.notebook.cellAt(0).document.getText().split('\n')[0], '# Errors in code from a cell above');
    assert.equal(codeCells(editor.notebook)[0].document.getText().split('\n')[0], 'const limit = 3;');
  });

  it('saves an edited-then-restored notebook byte for byte (BOM, CRLF, mixed endings, odd fences)', async () => {
    const uri = workspaceUri('test/fixtures/notebooks/formatting.protocol.md');
    const original = await vscode.workspace.fs.readFile(uri);
    const editor = await showNotebook('test/fixtures/notebooks/formatting.protocol.md');
    const cell = codeCells(editor.notebook)[0];
    const text = cell.document.getText();
    const edit = new vscode.WorkspaceEdit();
    edit.replace(cell.document.uri, cell.document.lineAt(0).range, 'const a = 2;');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const restore = new vscode.WorkspaceEdit();
    restore.replace(cell.document.uri, new vscode.Range(0, 0, cell.document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(restore));
    // A metadata key the format does not use makes the notebook dirty without changing its text, so saving serializes it.
    const touch = new vscode.WorkspaceEdit();
    touch.set(editor.notebook.uri, [vscode.NotebookEdit.updateNotebookMetadata({ ...editor.notebook.metadata, touched: true })]);
    assert.ok(await vscode.workspace.applyEdit(touch));
    assert.equal(editor.notebook.isDirty, true);
    await saveNotebook(editor.notebook);
    const saved = await vscode.workspace.fs.readFile(uri);
    assert.deepEqual(Buffer.from(saved).toString('hex'), Buffer.from(original).toString('hex'));
  });

  it('writes added cells as plain Markdown and keeps the rest of the file', async () => {
    const original = '# Scratch\n\n```ts\nconst kept = 0;\n```\n';
    const uri = workspaceUri('scratch/added-cells.protocol.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    const editor = await showNotebook('scratch/added-cells.protocol.md');
    const edit = new vscode.WorkspaceEdit();
    const cell = vscode.NotebookCellData;
    // A new code cell gets the language of the code cells around it, as "+ Code" does.
    const language = codeCells(editor.notebook)[0].document.languageId;
    edit.set(editor.notebook.uri, [
      vscode.NotebookEdit.insertCells(editor.notebook.cellCount, [
        new cell(vscode.NotebookCellKind.Markup, 'A new note.', 'markdown'),
        new cell(vscode.NotebookCellKind.Code, 'const added = 1;', language),
      ]),
    ]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await saveNotebook(editor.notebook);
    const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(saved, `${original}\nA new note.\n\n\`\`\`ts\nconst added = 1;\n\`\`\`\n`);
  });

  it('refuses a file that is not UTF-8 text, with a clear message, and leaves it untouched', async () => {
    const uri = workspaceUri('test/fixtures/notebooks/malformed.protocol.md');
    const before = await vscode.workspace.fs.readFile(uri);
    await assert.rejects(Promise.resolve(vscode.workspace.openNotebookDocument(uri)), (error: Error) => {
      assert.match(error.message, /Cannot open the file as a Protocol Notebook: it is not valid UTF-8 text \(at byte offset 48\)/);
      return true;
    });
    // Opening it the way a user does (the default editor for *.protocol.md) shows no notebook either.
    await vscode.commands.executeCommand('vscode.open', uri).then(undefined, () => undefined);
    assert.equal(vscode.window.activeNotebookEditor?.notebook.uri.toString() === uri.toString(), false);
    await screenshot('malformed-file-refused');
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    const after = await vscode.workspace.fs.readFile(uri);
    assert.deepEqual(Buffer.from(after), Buffer.from(before));
  });

  it('File > New File > Protocol Notebook opens an untitled notebook from the template', async () => {
    await vscode.commands.executeCommand('protocol-notebook.newNotebook');
    const editor = vscode.window.activeNotebookEditor;
    assert.ok(editor, 'a notebook editor is active');
    assert.equal(editor.notebook.notebookType, 'protocol-notebook');
    assert.equal(editor.notebook.isUntitled, true);
    const cells = codeCells(editor.notebook);
    assert.equal(cells.length, 2);
    assert.match(cells[0].document.getText(), /from 'protocol-notebook'/);
    assert.match(cells[1].document.getText(), /^simulate\(/);
    const manifest = vscode.extensions.all.find((e) => e.packageJSON?.name === 'protocol-notebook')?.packageJSON as {
      contributes: { menus: Record<string, { command: string }[]> };
    };
    assert.ok(manifest.contributes.menus['file/newFile'].some((m) => m.command === 'protocol-notebook.newNotebook'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
