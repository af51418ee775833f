// The packaged extension: installed from the .vsix (no development path), it
// is found under the extensions folder and activates, so the bundles in the
// package stand on their own.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, extensionId } from './support/extension';
import { screenshot } from './support/harness';
import { openAsUserWould } from './support/openNotebook';

describe('the installed .vsix', () => {
  it('is loaded from the extensions folder, not from source', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);
    assert.match(extension.extensionUri.path, new RegExp(`/extensions/${extensionId}-[^/]+$`));
  });

  it('activates without error', async () => {
    await activateExtension();
  });

  it('opens a *.protocol.md file as a notebook', async () => {
    const editor = await openAsUserWould('test/integration/fixtures/hello.protocol.md');
    assert.equal(editor.notebook.notebookType, 'protocol-notebook');
    assert.equal(editor.notebook.cellCount, 2);
    await screenshot('notebook-open');
  });
});
