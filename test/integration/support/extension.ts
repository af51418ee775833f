// The extension under test, as VS Code knows it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import packageJson from '../../../package.json';

export const extensionId = `${packageJson.publisher}.${packageJson.name}`;

/** Activates the extension (or fails with its activation error) and returns it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  await extension.activate();
  assert.equal(extension.isActive, true);
  return extension;
}
