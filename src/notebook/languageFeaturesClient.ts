/**
 * Asks the analysis worker (the notebook programs the idempotency analysis
 * uses too) for one editing feature at a cell, and converts what comes back
 * into VS Code's types.
 */
import * as vscode from 'vscode';
import type { LanguageFeature, LanguageFeatureAnswers, LanguageFeatureQueries, LanguageFeatureQuery } from '../analysis/languageFeatures';
import type { FeatureLocation } from '../analysis/languageFeatures';
import type { CellPosition } from '../analysis/cellMap';
import { notebookOfCell, programCellsOf, toVscodeRange } from './idempotencyDiagnostics';
import type { LanguageServiceWorker } from './languageServiceWorker';

/** A code cell of an open protocol notebook. */
export interface NotebookCellAt {
  notebook: vscode.NotebookDocument;
  cellIndex: number;
}

/** The notebook and index of a cell document; undefined for a document that is not a protocol notebook's cell. */
export function notebookCellOf(document: vscode.TextDocument): NotebookCellAt | undefined {
  const notebook = notebookOfCell(document.uri);
  if (!notebook) return undefined;
  const uri = document.uri.toString();
  const cell = notebook.getCells().find((c) => c.document.uri.toString() === uri);
  return cell && { notebook, cellIndex: cell.index };
}

/** A VS Code position as a cell position. */
export function cellPosition(position: vscode.Position): CellPosition {
  return { line: position.line, character: position.character };
}

/** A feature location as a VS Code location: a cell's document, or a file on disk (the API's declarations). */
export function toVscodeLocation(notebook: vscode.NotebookDocument, location: FeatureLocation): vscode.Location | undefined {
  if (location.kind === 'file') return new vscode.Location(vscode.Uri.file(location.fileName), toVscodeRange(location.range));
  if (location.cellIndex >= notebook.cellCount) return undefined;
  return new vscode.Location(notebook.cellAt(location.cellIndex).document.uri, toVscodeRange(location.range));
}

export class LanguageFeaturesClient {
  constructor(private readonly worker: LanguageServiceWorker) {}

  /** Answers a query over the notebook's current cells. */
  async ask<F extends LanguageFeature>(notebook: vscode.NotebookDocument, query: { feature: F } & LanguageFeatureQueries[F]): Promise<LanguageFeatureAnswers[F]> {
    const response = await this.worker.request({ kind: 'language-feature', notebook: notebook.uri.toString(), cells: programCellsOf(notebook), query: query as LanguageFeatureQuery });
    if (response.kind === 'error') throw new Error(response.message);
    if (response.kind !== 'language-feature' || response.answer.feature !== query.feature) throw new Error(`the analysis answered ${response.kind} to a ${query.feature} query`);
    return response.answer.result as LanguageFeatureAnswers[F];
  }
}
