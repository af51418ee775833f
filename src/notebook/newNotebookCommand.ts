/**
 * `File > New File… > Protocol Notebook`: an untitled notebook that starts
 * from a short template which runs as it is.
 *
 * The untitled notebook is named `Untitled-N.protocol.md`, not opened from
 * bare notebook data: VS Code proposes an untitled notebook's own name when it
 * is first saved, and only a `*.protocol.md` name can be saved as a protocol
 * notebook. The name also lets the notebook's cell URIs match the notebook's
 * file pattern, so a Problems entry for a cell reveals the cell in the
 * notebook instead of opening the cell as a text tab.
 */
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE, newNotebookTemplate, parseNotebookText } from '../document';
import { toNotebookData } from './serializer';

/** The command id, contributed to the `file/newFile` menu. */
export const NEW_NOTEBOOK_COMMAND = 'protocol-notebook.newNotebook';

/** The file name extension of a protocol notebook (the contributed `filenamePattern`). */
const notebookExtension = '.protocol.md';

/** `untitled:Untitled-N.protocol.md` for the smallest N no open document uses. */
export function untitledNotebookUri(): vscode.Uri {
  const taken = new Set([...vscode.workspace.notebookDocuments, ...vscode.workspace.textDocuments].map((d) => d.uri.path.replace(/^.*\//, '')));
  let n = 1;
  while (taken.has(`Untitled-${n}${notebookExtension}`)) n++;
  return vscode.Uri.from({ scheme: 'untitled', path: `Untitled-${n}${notebookExtension}` });
}

/** Opens a new untitled protocol notebook with the template; resolves to its editor. */
export async function createNewNotebook(): Promise<vscode.NotebookEditor> {
  const document = await vscode.workspace.openNotebookDocument(untitledNotebookUri());
  const template = toNotebookData(parseNotebookText(newNotebookTemplate));
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, [vscode.NotebookEdit.insertCells(0, template.cells), vscode.NotebookEdit.updateNotebookMetadata(template.metadata ?? {})]);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the new notebook could not be filled with its template');
  if (document.notebookType !== NOTEBOOK_TYPE) throw new Error(`${document.uri.toString()} opened as ${document.notebookType}, not as a protocol notebook`);
  return vscode.window.showNotebookDocument(document);
}

/** Registers the "new notebook" command. */
export function registerNewNotebookCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_NOTEBOOK_COMMAND, createNewNotebook);
}
