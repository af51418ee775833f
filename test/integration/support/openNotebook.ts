// Opening a notebook the way a user does: `vscode.open` on the file, which
// picks the editor registered for its name.
import * as vscode from 'vscode';
import { eventually } from './wait';
import { workspaceUri } from './workspace';

/** Opens a workspace file (by its repository path) and resolves with the notebook editor that shows it. */
export async function openAsUserWould(relativePath: string): Promise<vscode.NotebookEditor> {
  const uri = workspaceUri(relativePath);
  await vscode.commands.executeCommand('vscode.open', uri);
  return eventually(`a notebook editor for ${relativePath}`, () => {
    const active = vscode.window.activeNotebookEditor;
    return active?.notebook.uri.toString() === uri.toString() ? active : undefined;
  });
}
