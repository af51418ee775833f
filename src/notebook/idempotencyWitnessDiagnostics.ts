/**
 * The simulator's proof that a handler is not idempotent, in the editor: after
 * a cell runs, each handler a replayed delivery showed not to be idempotent
 * gets a warning on its line, in the cell that defines it (often a cell above
 * the one that ran), saying what the duplicate did and pointing at the run.
 *
 * The evidence of each run (witnesses, and handlers that held up) is kept per
 * run cell, by cell document, so cells moving does not misplace it. It is
 * replaced when that cell runs again, dropped when a cell defining one of its
 * handlers is edited (the code it speaks of is gone) and on kernel restart.
 * `onDidChange` lets the static warnings re-rank themselves against it.
 */
import * as vscode from 'vscode';
import { MIME, type CellResult } from '../common/kernelMessages';
import { nonIdempotentHandlerCode } from '../analysis/idempotency/finding';
import { runEvidenceOf, type HandlerHeldUp, type HandlerWitness, type RunEvidence } from './idempotencyWitnessEvidence';

/** Where run-time findings come from, as shown in the Problems panel. */
export const witnessDiagnosticSource = 'protocol-notebook (run)';

/** What the controller tells about runs (ProtocolNotebookController's events). */
export interface CellRunEvents {
  onDidRunCell: vscode.Event<{ notebook: vscode.NotebookDocument; cell: vscode.NotebookCell; result: CellResult | undefined }>;
  onDidRestartKernel: vscode.Event<vscode.NotebookDocument>;
}

/** One simulation's evidence with each handler's cell held as its document URI. */
interface StoredSimulation {
  seed: number;
  witnesses: (HandlerWitness & { cellUri?: string })[];
  heldUp: (HandlerHeldUp & { cellUri?: string })[];
}

/** What the last run of a cell showed: one entry per simulation it ran. */
interface StoredRun {
  runCell: vscode.Uri;
  simulations: StoredSimulation[];
}

export class IdempotencyWitnessDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('protocol-notebook-run-idempotency');
  /** Per notebook, per run cell (URI), the evidence of its last run. */
  private readonly runs = new Map<string, Map<string, StoredRun>>();
  /** The cells each notebook's diagnostics were set on, so they can be cleared. */
  private readonly reported = new Map<string, vscode.Uri[]>();
  private readonly changed = new vscode.EventEmitter<vscode.NotebookDocument>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires when a notebook's run evidence changes. */
  readonly onDidChange = this.changed.event;

  constructor(runs: CellRunEvents) {
    this.subscriptions.push(
      this.collection,
      this.changed,
      runs.onDidRunCell(({ notebook, cell, result }) => this.recordRun(notebook, cell, result)),
      runs.onDidRestartKernel((notebook) => this.clearNotebook(notebook)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.dropRunsDefinedIn(event.document.uri);
      }),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.clearNotebook(notebook)),
    );
  }

  /** Replaces what the last run of `cell` showed with what `result` shows. */
  recordRun(notebook: vscode.NotebookDocument, cell: vscode.NotebookCell, result: CellResult | undefined): void {
    const key = notebook.uri.toString();
    const byCell = this.runs.get(key) ?? new Map<string, StoredRun>();
    this.runs.set(key, byCell);
    const had = byCell.delete(cell.document.uri.toString());
    const uriOfCell = (index: number | undefined) => (index !== undefined && index < notebook.cellCount ? notebook.cellAt(index).document.uri.toString() : undefined);
    const evidence = (result?.outputs ?? []).filter((o) => o.mime === MIME.run).map((o) => runEvidenceOf(o.data)).filter((e): e is RunEvidence => e !== undefined);
    if (evidence.length > 0) {
      const placed = <T extends HandlerWitness | HandlerHeldUp>(item: T): T & { cellUri?: string } => {
        const cellUri = uriOfCell(item.place?.cell);
        return cellUri ? { ...item, cellUri } : item;
      };
      const simulations = evidence.map((e) => ({ seed: e.seed, witnesses: e.witnesses.map(placed), heldUp: e.heldUp.map(placed) }));
      byCell.set(cell.document.uri.toString(), { runCell: cell.document.uri, simulations });
    }
    if (had || evidence.length > 0) this.update(notebook);
  }

  /** Forgets every run of a notebook (kernel restart, notebook closed). */
  clearNotebook(notebook: vscode.NotebookDocument): void {
    if (!this.runs.delete(notebook.uri.toString())) return;
    this.update(notebook);
  }

  /** The evidence of the notebook's runs, with handler places in the notebook's current cell indices. */
  evidenceOf(notebook: vscode.NotebookDocument): RunEvidence[] {
    const indexOf = cellIndexer(notebook);
    const here = <T extends HandlerWitness | HandlerHeldUp>(item: T & { cellUri?: string }): T => {
      const { cellUri, place, ...rest } = item;
      const cell = cellUri === undefined ? undefined : indexOf(cellUri);
      return (place && cell !== undefined ? { ...rest, place: { ...place, cell } } : rest) as T;
    };
    return [...(this.runs.get(notebook.uri.toString())?.values() ?? [])].flatMap((run) =>
      run.simulations.map((simulation) => ({ seed: simulation.seed, witnesses: simulation.witnesses.map(here), heldUp: simulation.heldUp.map(here) })),
    );
  }

  private dropRunsDefinedIn(cellUri: vscode.Uri): void {
    const target = cellUri.toString();
    for (const [key, byCell] of this.runs) {
      let dropped = false;
      for (const [runCell, run] of byCell) {
        if (run.simulations.some((sim) => sim.witnesses.some((w) => w.cellUri === target) || sim.heldUp.some((h) => h.cellUri === target))) {
          byCell.delete(runCell);
          dropped = true;
        }
      }
      const notebook = dropped ? vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key) : undefined;
      if (notebook) this.update(notebook);
    }
  }

  private update(notebook: vscode.NotebookDocument): void {
    this.publish(notebook);
    this.changed.fire(notebook);
  }

  private publish(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    const byCell = new Map<string, vscode.Diagnostic[]>();
    const documentOf = new Map(notebook.getCells().map((cell) => [cell.document.uri.toString(), cell.document]));
    for (const run of this.runs.get(key)?.values() ?? []) {
      for (const { seed, witnesses } of run.simulations) for (const witness of witnesses) {
        // A handler the kernel could not place is reported on the cell that ran.
        const document = documentOf.get(witness.cellUri ?? run.runCell.toString());
        if (!document) continue;
        const diagnostic = new vscode.Diagnostic(witnessRange(document, witness.cellUri ? witness.place : undefined), `\`${witness.msgType}\` is not idempotent: ${witness.witness}`, vscode.DiagnosticSeverity.Warning);
        diagnostic.code = nonIdempotentHandlerCode;
        diagnostic.source = witnessDiagnosticSource;
        const runDocument = documentOf.get(run.runCell.toString());
        if (runDocument) {
          diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(run.runCell, runDocument.lineAt(0).range), `the run (seed ${seed}) that replayed the delivery, event #${witness.event}`)];
        }
        const list = byCell.get(document.uri.toString()) ?? [];
        list.push(diagnostic);
        byCell.set(document.uri.toString(), list);
      }
    }
    for (const uri of this.reported.get(key) ?? []) if (!byCell.has(uri.toString())) this.collection.delete(uri);
    const reported: vscode.Uri[] = [];
    for (const [uri, diagnostics] of byCell) {
      const document = documentOf.get(uri)!;
      this.collection.set(document.uri, diagnostics);
      reported.push(document.uri);
    }
    this.reported.set(key, reported);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The handler's name at its place (the whole line when the name cannot be found there). */
function witnessRange(document: vscode.TextDocument, place: { line: number; column: number } | undefined): vscode.Range {
  if (!place || place.line >= document.lineCount) return document.lineAt(0).range;
  const start = new vscode.Position(place.line, place.column);
  return document.getWordRangeAtPosition(start) ?? document.lineAt(place.line).range;
}

function cellIndexer(notebook: vscode.NotebookDocument): (uri: string) => number | undefined {
  const indexes = new Map(notebook.getCells().map((cell) => [cell.document.uri.toString(), cell.index]));
  return (uri) => indexes.get(uri);
}
