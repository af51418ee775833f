/**
 * Warnings on handlers that are not idempotent, while the user types: shortly
 * after each edit of a protocol notebook, its code cells go to the analysis
 * worker (one warm notebook program per notebook, off the extension host's
 * thread), and each finding comes back as a warning on its cell with the
 * handler as related information.
 */
import * as vscode from 'vscode';
import { CODE_CELL_LANGUAGES, NOTEBOOK_TYPE } from '../document';
import type { CellTextRange, ProgramCell } from '../analysis/cellMap';
import type { IdempotencyFinding } from '../analysis/idempotency/finding';
import type { LanguageServiceWorker } from './languageServiceWorker';
import type { RunEvidence } from './idempotencyWitnessEvidence';
import { rankFindings } from './idempotencyWitnessMerge';

/** What runs showed about a notebook's handlers (IdempotencyWitnessDiagnostics); a handler a run found idempotent is downgraded to a hint. */
export interface RunEvidenceSource {
  evidenceOf(notebook: vscode.NotebookDocument): RunEvidence[];
  onDidChange: vscode.Event<vscode.NotebookDocument>;
}

/** Waiting this long after a keystroke lets a burst of edits cost one analysis (well within the 50 ms budget). */
const debounceMs = 15;

/** Where the diagnostics come from, as shown in the Problems panel. */
export const idempotencyDiagnosticSource = 'protocol-notebook';

export function toVscodeRange(range: CellTextRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The notebook's TypeScript code cells, as the analysis (and the language features: one program) takes them. */
export function programCellsOf(notebook: vscode.NotebookDocument): ProgramCell[] {
  return notebook
    .getCells()
    .filter((cell) => cell.kind === vscode.NotebookCellKind.Code && CODE_CELL_LANGUAGES.includes(cell.document.languageId))
    .map((cell) => ({ index: cell.index, source: cell.document.getText() }));
}

export class IdempotencyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('protocol-notebook-idempotency');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The latest analysis asked for, per notebook: an older answer arriving late is dropped. */
  private readonly latest = new Map<string, number>();
  /** The last findings of each notebook, for the quick fixes. */
  private readonly findings = new Map<string, IdempotencyFinding[]>();
  /** The cells each notebook's diagnostics were set on, so they can be cleared. */
  private readonly reported = new Map<string, vscode.Uri[]>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private analyses = 0;

  constructor(
    private readonly worker: LanguageServiceWorker,
    private readonly runEvidence?: RunEvidenceSource,
  ) {
    if (runEvidence) {
      this.subscriptions.push(
        runEvidence.onDidChange((notebook) => {
          const findings = this.findings.get(notebook.uri.toString());
          if (findings && !notebook.isClosed) this.publish(notebook, findings);
        }),
      );
    }
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

  /** Analyses the notebook now and shows the findings (unless a newer analysis was asked for meanwhile). */
  async refresh(notebook: vscode.NotebookDocument): Promise<void> {
    if (notebook.notebookType !== NOTEBOOK_TYPE) return;
    const key = notebook.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    const analysis = ++this.analyses;
    this.latest.set(key, analysis);
    const response = await this.worker.request({ kind: 'findings', notebook: key, cells: programCellsOf(notebook) });
    if (this.latest.get(key) !== analysis || notebook.isClosed) return;
    if (response.kind === 'error') throw new Error(response.message);
    if (response.kind !== 'findings') return;
    this.findings.set(key, response.findings);
    this.publish(notebook, response.findings);
  }

  /** The findings last shown for a notebook. */
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
        this.refresh(notebook).catch((error: unknown) => {
          // A bug in the analysis must not surface as an unhandled rejection in the extension host.
          console.error('protocol-notebook: idempotency analysis failed', error);
        });
      }, delay),
    );
  }

  private publish(notebook: vscode.NotebookDocument, findings: readonly IdempotencyFinding[]): void {
    const key = notebook.uri.toString();
    const byCell = new Map<string, vscode.Diagnostic[]>();
    const uriOf = (cellIndex: number) => (cellIndex < notebook.cellCount ? notebook.cellAt(cellIndex).document.uri : undefined);
    for (const { finding, severity, message } of rankFindings(findings, this.runEvidence?.evidenceOf(notebook) ?? [])) {
      const uri = uriOf(finding.cellIndex);
      if (!uri) continue;
      const diagnostic = new vscode.Diagnostic(toVscodeRange(finding.range), message, severity === 'hint' ? vscode.DiagnosticSeverity.Hint : vscode.DiagnosticSeverity.Warning);
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
    this.latest.delete(key);
    for (const uri of this.reported.get(key) ?? []) this.collection.delete(uri);
    this.reported.delete(key);
    this.findings.delete(key);
    this.worker.request({ kind: 'close', notebook: key }).catch(() => undefined);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
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
