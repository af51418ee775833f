// Restricted Mode: the workspace is untrusted, and the extension still
// activates (it declares limited support for untrusted workspaces).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/harness';

describe('activation in Restricted Mode', () => {
  it('runs in an untrusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('activates without error', async () => {
    await activateExtension();
    await screenshot('activated');
  });
});
