/**
 * Problems for cells that threw: a diagnostic at the line and column the
 * kernel reports, in the cell that contains it (which may be a cell above the
 * one that ran, when a replayed cell failed). A cell's diagnostics are
 * replaced each time it runs.
 */
import * as vscode from 'vscode';
import type { CellError } from '../common/kernelMessages';

/** The source of these diagnostics in the Problems view (the analysis reports under other sources). */
export const KERNEL_ERROR_SOURCE = 'protocol-notebook (kernel)';

export class CellDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('protocol-notebook-kernel');
  /** For each cell that ran, the cells its last error was reported on. */
  private readonly reportedBy = new Map<string, vscode.Uri[]>();

  /** Clears what the last run of `ran` reported, then reports `error` (if any) on `errorCell`. */
  report(ran: vscode.NotebookCell, error: CellError | undefined, errorCell: vscode.NotebookCell | undefined): void {
    const key = ran.document.uri.toString();
    for (const uri of this.reportedBy.get(key) ?? []) this.collection.delete(uri);
    this.reportedBy.delete(key);
    // A cell that runs again also drops what a cell below reported in it: that error came from its old code.
    this.collection.delete(ran.document.uri);
    if (!error?.position || !errorCell) return;
    const document = errorCell.document;
    const line = Math.min(error.position.line, Math.max(document.lineCount - 1, 0));
    const start = new vscode.Position(line, Math.max(error.position.column, 0));
    const range = document.getWordRangeAtPosition(start) ?? new vscode.Range(start, document.lineAt(line).range.end);
    const diagnostic = new vscode.Diagnostic(range, `${error.name}: ${error.message}`, vscode.DiagnosticSeverity.Error);
    diagnostic.source = KERNEL_ERROR_SOURCE;
    this.collection.set(document.uri, [diagnostic]);
    this.reportedBy.set(key, [document.uri]);
  }

  /** Forgets every diagnostic of a notebook's cells (when it closes). */
  clearNotebook(notebook: vscode.NotebookDocument): void {
    for (const cell of notebook.getCells()) {
      this.collection.delete(cell.document.uri);
      this.reportedBy.delete(cell.document.uri.toString());
    }
  }

  dispose(): void {
    this.collection.dispose();
  }
}
