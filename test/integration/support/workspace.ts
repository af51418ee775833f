// The test workspace: a temporary copy of notebooks/, samples/ and the test
// fixtures, laid out as in the repository, so tests can edit and save freely.
import * as vscode from 'vscode';

/** The URI of a file in the test workspace, by its path in the repository (e.g. 'notebooks/raft.protocol.md'). */
export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder (the harness opens one)');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

