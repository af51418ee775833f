// The packaged extension: installed from the .vsix (no development path), it
// is found under the extensions folder and activates, so the bundles in the
// package stand on their own.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, extensionId } from './support/extension';
import { screenshot } from './support/harness';

describe('the installed .vsix', () => {
  it('is loaded from the extensions folder, not from source', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);
    assert.match(extension.extensionUri.path, new RegExp(`/extensions/${extensionId}-[^/]+$`));
  });

  it('activates without error', async () => {
    await activateExtension();
    await screenshot('activated');
  });
});
