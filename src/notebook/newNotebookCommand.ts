/**
 * `File > New File… > Protocol Notebook`: an untitled notebook that starts
 * from a short template which runs as it is.
 */
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE, newNotebookTemplate, parseNotebookText } from '../document';
import { toNotebookData } from './serializer';

/** The command id, contributed to the `file/newFile` menu. */
export const NEW_NOTEBOOK_COMMAND = 'protocol-notebook.newNotebook';

/** Opens a new untitled protocol notebook with the template; resolves to its editor. */
export async function createNewNotebook(): Promise<vscode.NotebookEditor> {
  const document = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, toNotebookData(parseNotebookText(newNotebookTemplate)));
  return vscode.window.showNotebookDocument(document);
}

/** Registers the "new notebook" command. */
export function registerNewNotebookCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_NOTEBOOK_COMMAND, createNewNotebook);
}
