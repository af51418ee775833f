// The extension loads in a real VS Code and activates without error.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/harness';

describe('activation', () => {
  it('runs in a trusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it('activates without error', async () => {
    await activateExtension();
    await screenshot('activated');
  });
});
