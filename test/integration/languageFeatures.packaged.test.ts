// The editing features from the installed .vsix: the cells' language, its
// grammar and snippets are in the package, and the analysis worker finds the
// API's declarations and TypeScript's library next to its bundle.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, extensionId } from './support/extension';
import { eventually, within } from './support/wait';
import { closeAllEditors, codeCells, showNotebook } from './notebookSupport';

describe('language features of the installed .vsix', function () {
  this.timeout(180_000);
  before(activateExtension);
  after(closeAllEditors);

  it('ships the language, its grammar and snippets', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    for (const path of ['language-configuration.json', 'syntaxes/protocol-typescript.tmLanguage.json', 'snippets/protocol-typescript.code-snippets']) {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, path));
      assert.ok(bytes.length > 0, `${path} is in the package`);
    }
  });

  it("completes the API and goes to its declarations in the package", async () => {
    const editor = await showNotebook('test/integration/fixtures/languageFeatures.protocol.md');
    const [account] = codeCells(editor.notebook);
    assert.equal(account.document.languageId, 'protocol-typescript');
    const text = account.document.getText();
    const afterCtx = account.document.positionAt(text.indexOf('ctx.') + 'ctx.'.length);
    await eventually('ctx.send offered', async () => {
      const list = await within('a completion request', vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', account.document.uri, afterCtx, '.'), 50_000);
      return list.items.some((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'send');
    }, 90_000);
    const onNode = account.document.positionAt(text.indexOf('= node<') + 3);
    const [definition] = await within('a go-to-definition request', vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', account.document.uri, onNode), 50_000);
    const uri = 'targetUri' in definition ? definition.targetUri : definition.uri;
    assert.match(uri.path, new RegExp(`/extensions/${extensionId}-[^/]+/dist/protocol-api/engine/api/node\\.d\\.ts$`));
  });
});
