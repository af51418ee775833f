// Opening and running protocol notebooks from the integration suites.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, extensionId } from './support/extension';
import { eventually, within } from './support/wait';
import { workspaceUri } from './support/workspace';

/** The controller's id (src/notebook/controller.ts). */
export const controllerId = 'protocol-notebook-kernel';

/** Opens a notebook of the test workspace in an editor, with the Protocol Notebook kernel selected. */
export async function showNotebook(relativePath: string): Promise<vscode.NotebookEditor> {
  await activateExtension();
  const notebook = await vscode.workspace.openNotebookDocument(workspaceUri(relativePath));
  assert.equal(notebook.notebookType, 'protocol-notebook');
  const editor = await vscode.window.showNotebookDocument(notebook);
  await selectProtocolKernel();
  return editor;
}

/**
 * Selects the Protocol Notebook kernel for the active notebook. The command
 * selects it without a pick when VS Code knows it for the notebook; when it
 * shows a picker instead (the kernel not yet matched to a notebook just
 * opened), the picker is closed and the command asked again.
 */
export async function selectProtocolKernel(): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await within('selecting the Protocol Notebook kernel', vscode.commands.executeCommand('notebook.selectKernel', { id: controllerId, extension: extensionId }), 15_000);
      return;
    } catch (error) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      if (attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** The code cells of a notebook, in order. */
export function codeCells(notebook: vscode.NotebookDocument): vscode.NotebookCell[] {
  return notebook.getCells().filter((cell) => cell.kind === vscode.NotebookCellKind.Code);
}

/**
 * Runs `cells` (as the run button does) and resolves once each has finished:
 * its execution summary has an end time from this run and a success flag.
 * (Execution order numbers start again at 1 after a kernel restart, so they
 * cannot tell one run from the last.)
 */
export async function runCells(editor: vscode.NotebookEditor, cells: readonly vscode.NotebookCell[], timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  for (const cell of cells) {
    await vscode.commands.executeCommand('notebook.cell.execute', {
      ranges: [{ start: cell.index, end: cell.index + 1 }],
      document: editor.notebook.uri,
    });
  }
  await eventually(
    `cells ${cells.map((c) => c.index + 1).join(', ')} to finish`,
    () => cells.every((cell) => finishedSince(cell, started)),
    timeoutMs,
  );
}

/** Whether `cell` finished a run that ended at or after `time` (ms since the epoch). */
export function finishedSince(cell: vscode.NotebookCell, time: number): boolean {
  const summary = cell.executionSummary;
  return summary?.success !== undefined && (summary.timing?.endTime ?? 0) >= time;
}

/** The output items of a cell, flattened: MIME type and decoded text. */
export function outputItems(cell: vscode.NotebookCell): { mime: string; text: string }[] {
  const decoder = new TextDecoder();
  return cell.outputs.flatMap((output) => output.items.map((item) => ({ mime: item.mime, text: decoder.decode(item.data) })));
}

/** The error a cell's error output carries (name, message, stack), or undefined. */
export function cellError(cell: vscode.NotebookCell): { name: string; message: string; stack?: string } | undefined {
  const item = outputItems(cell).find((i) => i.mime === 'application/vnd.code.notebook.error');
  return item ? (JSON.parse(item.text) as { name: string; message: string; stack?: string }) : undefined;
}

/**
 * Reverts every unsaved notebook and closes every editor, so the next test
 * starts from an empty workbench (closing a dirty editor would ask to save).
 */
export async function closeAllEditors(): Promise<void> {
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (!notebook.isDirty) continue;
    await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Saves a notebook. A save that races another edit of the notebook (language
 * features react to edits) is refused by VS Code; it is tried again until the
 * notebook is saved.
 */
export async function saveNotebook(notebook: vscode.NotebookDocument): Promise<void> {
  await eventually(`${notebook.uri.path} to be saved`, async () => (await notebook.save()) || !notebook.isDirty);
}

/** The diagnostics the kernel reported on a cell (the analysis reports others, under other sources). */
export function kernelDiagnostics(cell: vscode.NotebookCell): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(cell.document.uri).filter((d) => d.source === 'protocol-notebook (kernel)');
}
