/**
 * "Protocol Notebook: Restart Kernel" (Command Palette and notebook toolbar):
 * drops every definition of the notebook's kernel.
 */
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../document';
import type { ProtocolNotebookController } from './controller';

/** The command id, contributed to the palette and the `notebook/toolbar` menu. */
export const RESTART_KERNEL_COMMAND = 'protocol-notebook.restartKernel';

/** What the notebook toolbar passes to its commands. */
interface ToolbarContext {
  notebookEditor?: { notebookUri?: vscode.Uri };
}

/** Registers the command; it restarts the kernel of the notebook it was invoked on (or the active one). */
export function registerRestartKernelCommand(controller: ProtocolNotebookController): vscode.Disposable {
  return vscode.commands.registerCommand(RESTART_KERNEL_COMMAND, async (context?: ToolbarContext | vscode.Uri) => {
    const uri = context instanceof vscode.Uri ? context : context?.notebookEditor?.notebookUri;
    const notebook = uri
      ? vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri.toString())
      : vscode.window.activeNotebookEditor?.notebook;
    if (!notebook || notebook.notebookType !== NOTEBOOK_TYPE) {
      void vscode.window.showInformationMessage('Open a Protocol Notebook to restart its kernel.');
      return;
    }
    await controller.restartKernel(notebook);
    void vscode.window.setStatusBarMessage('Protocol Notebook: kernel restarted', 3000);
  });
}
