// Opening a notebook the way a user does: `vscode.open` on the file, which
// picks the editor registered for its name.
import * as vscode from 'vscode';
import { eventually } from './wait';
import { workspaceUri } from './workspace';

/** Opens a workspace file (by its repository path) and resolves with the notebook editor that shows it. */
export async function openAsUserWould(relativePath: string): Promise<vscode.NotebookEditor> {
  const uri = workspaceUri(relativePath);
  // The editor can be showing before the command's promise settles, so wait
  // for the editor, and let the command only report a failure.
  let failure: unknown;
  void vscode.commands.executeCommand('vscode.open', uri).then(undefined, (error: unknown) => (failure = error ?? 'vscode.open failed'));
  return eventually(`a notebook editor for ${relativePath}`, () => {
    if (failure !== undefined) throw failure;
    const active = vscode.window.activeNotebookEditor;
    return active?.notebook.uri.toString() === uri.toString() ? active : undefined;
  });
}
