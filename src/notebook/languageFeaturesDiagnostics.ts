/**
 * Syntax and type errors of a protocol notebook, checked as one program,
 * shortly after each edit: each on its cell and line, with related places
 * (where an expected type is declared, in whichever cell). The cells' own
 * language keeps VS Code's per-cell TypeScript checking (and its false
 * "cannot find name" errors) away, so these are the only type errors shown.
 */
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../document';
import type { CellTypeDiagnostic } from '../analysis/languageFeatures';
import { notebookOfCell, toVscodeRange } from './idempotencyDiagnostics';
import { type LanguageFeaturesClient, toVscodeLocation } from './languageFeaturesClient';

/** A burst of keystrokes costs one check of the edited cell (bench/languageFeatures.bench.ts has its latency). */
const debounceMs = 15;
/** The rest of the notebook (cells that may use what changed) is checked once typing pauses this long. */
const wholeNotebookDelayMs = 250;

/** Where the diagnostics come from, as VS Code's own TypeScript features say it. */
export const typeDiagnosticSource = 'ts';

export class LanguageFeaturesDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('protocol-notebook-types');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pendingWhole = new Map<string, ReturnType<typeof setTimeout>>();
  /** Cells edited since their last check, per notebook. */
  private readonly edited = new Map<string, Set<number>>();
  /** The latest check asked for, per notebook: an older answer arriving late is dropped. */
  private readonly latest = new Map<string, number>();
  private readonly reported = new Map<string, vscode.Uri[]>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private checks = 0;

  constructor(private readonly client: LanguageFeaturesClient) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenNotebookDocument((notebook) => this.schedule(notebook, 0)),
      // Cells added, removed or moved; a cell's text edits come through onDidChangeTextDocument, outputs do not matter.
      vscode.workspace.onDidChangeNotebookDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.notebook);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        const notebook = notebookOfCell(event.document.uri);
        const cell = notebook?.getCells().find((c) => c.document === event.document);
        if (notebook && cell) this.scheduleCell(notebook, cell.index);
      }),
      // A cell switched to another language is a new document: it may have joined or left the program.
      vscode.workspace.onDidOpenTextDocument((document) => {
        const notebook = notebookOfCell(document.uri);
        if (notebook) this.schedule(notebook);
      }),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.forget(notebook)),
    );
    for (const notebook of vscode.workspace.notebookDocuments) this.schedule(notebook, 0);
  }

  /** Checks the whole notebook after `delay` (cells added, removed or moved, or typing paused). */
  private schedule(notebook: vscode.NotebookDocument, delay = debounceMs): void {
    if (notebook.notebookType !== NOTEBOOK_TYPE) return;
    const key = notebook.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.edited.delete(key);
    clearTimeout(this.pendingWhole.get(key));
    this.pendingWhole.set(key, setTimeout(() => this.run(notebook, this.pendingWhole, undefined), delay));
  }

  /** Checks an edited cell at once, and the whole notebook when typing pauses. */
  private scheduleCell(notebook: vscode.NotebookDocument, cellIndex: number): void {
    const key = notebook.uri.toString();
    const edited = this.edited.get(key) ?? new Set<number>();
    edited.add(cellIndex);
    this.edited.set(key, edited);
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => this.run(notebook, this.pending, [...(this.edited.get(key) ?? [])]), debounceMs));
    clearTimeout(this.pendingWhole.get(key));
    this.pendingWhole.set(key, setTimeout(() => this.run(notebook, this.pendingWhole, undefined), wholeNotebookDelayMs));
  }

  private run(notebook: vscode.NotebookDocument, timers: Map<string, ReturnType<typeof setTimeout>>, cellIndices: number[] | undefined): void {
    const key = notebook.uri.toString();
    timers.delete(key);
    if (cellIndices) this.edited.delete(key);
    if (notebook.isClosed) return;
    this.check(notebook, cellIndices).catch((error: unknown) => console.error('protocol-notebook: type check failed', error));
  }

  /** Checks some cells (or all) and shows their errors, unless a newer check was asked for meanwhile. */
  private async check(notebook: vscode.NotebookDocument, cellIndices: number[] | undefined): Promise<void> {
    const key = notebook.uri.toString();
    const check = ++this.checks;
    this.latest.set(key, check);
    const found = cellIndices ? await this.client.ask(notebook, { feature: 'cell-type-diagnostics', cellIndices }) : await this.client.ask(notebook, { feature: 'type-diagnostics' });
    if (this.latest.get(key) !== check || notebook.isClosed) return;
    this.publish(notebook, found, cellIndices);
  }

  /** Shows the errors of the cells checked (`checked`, or every cell). */
  private publish(notebook: vscode.NotebookDocument, found: readonly CellTypeDiagnostic[], checked: readonly number[] | undefined): void {
    const key = notebook.uri.toString();
    const byCell = new Map<number, vscode.Diagnostic[]>();
    for (const d of found) {
      if (d.cellIndex >= notebook.cellCount) continue;
      const diagnostic = new vscode.Diagnostic(toVscodeRange(d.range), d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diagnostic.source = typeDiagnosticSource;
      diagnostic.code = d.code;
      diagnostic.relatedInformation = d.related.flatMap((r) => {
        const location = toVscodeLocation(notebook, r.location);
        return location ? [new vscode.DiagnosticRelatedInformation(location, r.message)] : [];
      });
      byCell.set(d.cellIndex, [...(byCell.get(d.cellIndex) ?? []), diagnostic]);
    }
    // The checked cells are set in one pass, so what they show is always one check's result.
    const checkedUris = new Set((checked ?? notebook.getCells().map((c) => c.index)).filter((i) => i < notebook.cellCount).map((i) => notebook.cellAt(i).document.uri.toString()));
    const kept = (this.reported.get(key) ?? []).filter((uri) => !checkedUris.has(uri.toString()));
    for (const uri of this.reported.get(key) ?? []) if (checkedUris.has(uri.toString()) || !checked) this.collection.delete(uri);
    const reported = checked ? kept : [];
    for (const [cellIndex, diagnostics] of byCell) {
      const uri = notebook.cellAt(cellIndex).document.uri;
      this.collection.set(uri, diagnostics);
      reported.push(uri);
    }
    this.reported.set(key, reported);
  }

  private forget(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    clearTimeout(this.pendingWhole.get(key));
    this.pendingWhole.delete(key);
    this.edited.delete(key);
    this.latest.delete(key);
    for (const uri of this.reported.get(key) ?? []) this.collection.delete(uri);
    this.reported.delete(key);
  }

  dispose(): void {
    for (const timer of [...this.pending.values(), ...this.pendingWhole.values()]) clearTimeout(timer);
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
