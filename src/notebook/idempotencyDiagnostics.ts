/**
 * Warnings on handlers that are not idempotent, while the user types: keeps
 * one warm notebook program per open protocol notebook, re-analyses it shortly
 * after each edit, and shows each finding as a warning on its cell with the
 * handler as related information.
 */
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../document';
import type { IdempotencyFinding } from '../analysis/idempotency/finding';
import { idempotencyFindings } from '../analysis/idempotency/idempotencyFindings';
import type { CellTextRange } from '../analysis/cellMap';
import { createNotebookProgram, type NotebookProgram } from '../analysis/notebookProgram';

/** Waiting this long after a keystroke lets a burst of edits cost one analysis (well within the 50 ms budget). */
const debounceMs = 15;

/** Where the diagnostics come from, as shown in the Problems panel. */
export const idempotencyDiagnosticSource = 'protocol-notebook';

export function toVscodeRange(range: CellTextRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export class IdempotencyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('protocol-notebook-idempotency');
  private readonly programs = new Map<string, NotebookProgram>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The last findings of each notebook, for the quick fixes. */
  private readonly findings = new Map<string, IdempotencyFinding[]>();
  /** The cells each notebook's diagnostics were set on, so they can be cleared. */
  private readonly reported = new Map<string, vscode.Uri[]>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidOpenNotebookDocument((notebook) => this.schedule(notebook, 0)),
      vscode.workspace.onDidChangeNotebookDocument((event) => this.schedule(event.notebook)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        const notebook = notebookOfCell(event.document.uri);
        if (notebook) this.schedule(notebook);
      }),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.forget(notebook)),
    );
    for (const notebook of vscode.workspace.notebookDocuments) this.schedule(notebook, 0);
  }

  /** Analyses the notebook now (cancelling a scheduled run) and returns its program, up to date. */
  refresh(notebook: vscode.NotebookDocument): NotebookProgram | undefined {
    if (notebook.notebookType !== NOTEBOOK_TYPE) return undefined;
    const key = notebook.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    let program = this.programs.get(key);
    if (!program) this.programs.set(key, (program = createNotebookProgram()));
    program.update(
      notebook
        .getCells()
        .filter((cell) => cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'typescript')
        .map((cell) => ({ index: cell.index, source: cell.document.getText() })),
    );
    const findings = idempotencyFindings(program);
    this.findings.set(key, findings);
    this.publish(notebook, findings);
    return program;
  }

  /** The findings last reported for a notebook. */
  findingsOf(notebook: vscode.NotebookDocument): readonly IdempotencyFinding[] {
    return this.findings.get(notebook.uri.toString()) ?? [];
  }

  private schedule(notebook: vscode.NotebookDocument, delay = debounceMs): void {
    if (notebook.notebookType !== NOTEBOOK_TYPE) return;
    const key = notebook.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (notebook.isClosed) return;
        try {
          this.refresh(notebook);
        } catch (error) {
          // A bug in the analysis must not take the extension host's timers down with it.
          console.error('protocol-notebook: idempotency analysis failed', error);
        }
      }, delay),
    );
  }

  private publish(notebook: vscode.NotebookDocument, findings: readonly IdempotencyFinding[]): void {
    const key = notebook.uri.toString();
    const byCell = new Map<string, vscode.Diagnostic[]>();
    const uriOf = (cellIndex: number) => (cellIndex < notebook.cellCount ? notebook.cellAt(cellIndex).document.uri : undefined);
    for (const finding of findings) {
      const uri = uriOf(finding.cellIndex);
      if (!uri) continue;
      const diagnostic = new vscode.Diagnostic(toVscodeRange(finding.range), finding.message, vscode.DiagnosticSeverity.Warning);
      diagnostic.code = finding.code;
      diagnostic.source = idempotencyDiagnosticSource;
      diagnostic.relatedInformation = finding.related.flatMap((related) => {
        const at = uriOf(related.location.cellIndex);
        return at ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(at, toVscodeRange(related.location.range)), related.message)] : [];
      });
      const list = byCell.get(uri.toString()) ?? [];
      list.push(diagnostic);
      byCell.set(uri.toString(), list);
    }
    for (const uri of this.reported.get(key) ?? []) if (!byCell.has(uri.toString())) this.collection.delete(uri);
    const reported: vscode.Uri[] = [];
    for (const cell of notebook.getCells()) {
      const diagnostics = byCell.get(cell.document.uri.toString());
      if (!diagnostics) continue;
      this.collection.set(cell.document.uri, diagnostics);
      reported.push(cell.document.uri);
    }
    this.reported.set(key, reported);
  }

  private forget(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    for (const uri of this.reported.get(key) ?? []) this.collection.delete(uri);
    this.reported.delete(key);
    this.findings.delete(key);
    this.programs.get(key)?.dispose();
    this.programs.delete(key);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const program of this.programs.values()) program.dispose();
    this.programs.clear();
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The open protocol notebook a cell document belongs to. */
export function notebookOfCell(uri: vscode.Uri): vscode.NotebookDocument | undefined {
  if (uri.scheme !== 'vscode-notebook-cell') return undefined;
  const target = uri.toString();
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.notebookType === NOTEBOOK_TYPE && notebook.getCells().some((cell) => cell.document.uri.toString() === target));
}
