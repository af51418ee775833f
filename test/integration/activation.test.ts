// The extension loads in a real VS Code, activates without error, and opens
// *.protocol.md files as notebooks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, extensionId } from './support/extension';
import { harnessAvailable, screenshot, webviewElements } from './support/harness';
import { openAsUserWould } from './support/openNotebook';
import { eventually } from './support/wait';

const notebookType = 'protocol-notebook';

describe('activation', () => {
  it('runs in a trusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it('activates without error', async () => {
    await activateExtension();
  });

  it(`contributes the ${notebookType} notebook type for *.protocol.md`, () => {
    const notebooks = vscode.extensions.getExtension(extensionId)?.packageJSON.contributes?.notebooks ?? [];
    const contributed = notebooks.find((n: { type: string }) => n.type === notebookType);
    assert.ok(contributed, `no ${notebookType} in contributes.notebooks`);
    assert.deepEqual(contributed.selector, [{ filenamePattern: '*.protocol.md' }]);
  });

  it('opens a *.protocol.md file in a notebook editor, prose and code as cells', async () => {
    const editor = await openAsUserWould('test/integration/fixtures/hello.protocol.md');
    assert.equal(editor.notebook.notebookType, notebookType);
    const cells = editor.notebook.getCells().map((cell) => ({ kind: cell.kind, language: cell.document.languageId }));
    assert.deepEqual(cells, [
      { kind: vscode.NotebookCellKind.Markup, language: 'markdown' },
      { kind: vscode.NotebookCellKind.Code, language: 'protocol-typescript' },
    ]);
    await screenshot('notebook-open');
  });

  it('renders the prose cells in the notebook webview', async function () {
    if (!harnessAvailable) this.skip(); // the webview is out of the vscode API's reach
    await openAsUserWould('test/integration/fixtures/hello.protocol.md');
    const headings = await eventually('the heading in the notebook webview', async () => {
      const found = await webviewElements('h1');
      return found.some((h) => h.text.includes('Hello, protocol')) ? found : undefined;
    });
    assert.ok(headings.length >= 1);
  });
});
