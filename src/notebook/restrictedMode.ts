/**
 * Restricted Mode: in an untrusted workspace no cell runs. VS Code itself asks
 * for trust before running a cell; on top of that every code cell of an open
 * protocol notebook says, in an error output, why it does not run and how to
 * trust the workspace, and the controller refuses to run anything it is
 * handed. Trusting the workspace clears these outputs.
 */
import * as vscode from 'vscode';
import { CODE_CELL_LANGUAGES, NOTEBOOK_TYPE } from '../document';
import { errorOutput } from './cellOutputs';
import { restrictedModeMessage } from './executionMessages';

/** The error name of the Restricted Mode output (tests and users can search for it). */
export const RESTRICTED_MODE_ERROR = 'RestrictedMode';

export class RestrictedMode implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly explained = new Set<vscode.NotebookCell>();

  /** `select` makes this controller the kernel of the active notebook editor. */
  constructor(
    private readonly controller: vscode.NotebookController,
    private readonly select: () => Thenable<unknown>,
  ) {
    if (vscode.workspace.isTrusted) return;
    this.subscriptions.push(
      controller.onDidChangeSelectedNotebooks(({ notebook, selected }) => {
        if (selected) this.explainNotebook(notebook);
      }),
      // Nothing runs, so no run would pick a kernel: pick it on opening, to explain at once.
      vscode.window.onDidChangeActiveNotebookEditor((editor) => this.selectFor(editor)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.clear()),
    );
    this.selectFor(vscode.window.activeNotebookEditor);
  }

  private selectFor(editor: vscode.NotebookEditor | undefined): void {
    if (!editor || editor.notebook.notebookType !== NOTEBOOK_TYPE || vscode.workspace.isTrusted) return;
    void Promise.resolve(this.select()).catch(() => undefined);
  }

  /** Shows the Restricted Mode explanation under each of `cells` that is code. */
  explain(cells: readonly vscode.NotebookCell[]): void {
    for (const cell of cells) {
      if (cell.kind !== vscode.NotebookCellKind.Code || !CODE_CELL_LANGUAGES.includes(cell.document.languageId)) continue;
      const execution = this.controller.createNotebookCellExecution(cell);
      execution.start();
      // As a cell's error is shown: wrapped, since the explanation is one long line.
      void execution.replaceOutput(errorOutput({ name: RESTRICTED_MODE_ERROR, message: restrictedModeMessage, stack: '' }));
      execution.end(false);
      this.explained.add(cell);
    }
  }

  private explainNotebook(notebook: vscode.NotebookDocument): void {
    if (vscode.workspace.isTrusted) return;
    this.explain(notebook.getCells().filter((cell) => cell.outputs.length === 0));
  }

  private clear(): void {
    for (const cell of this.explained) {
      if (cell.notebook.isClosed) continue;
      try {
        const execution = this.controller.createNotebookCellExecution(cell);
        execution.start();
        void execution.clearOutput();
        execution.end(undefined);
      } catch {
        // Another kernel was chosen for this notebook since: the explanation is its to replace.
      }
    }
    this.explained.clear();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
