/**
 * The editing features as plain-data queries and answers, so that they run
 * where the notebook's program lives (the analysis worker, beside the
 * idempotency analysis: one program per notebook serves both) and are tested
 * without it. Each answer is plain data in cell coordinates.
 */
import type { CellPosition } from '../cellMap';
import { cellDependencies } from '../cellDependencies';
import type { NotebookProgram } from '../notebookProgram';
import { completionDocumentation, completionsAt, type CellCompletion, type CellCompletions } from './completions';
import type { SymbolDocumentation } from './documentation';
import type { FeatureLocation } from './featureLocation';
import { hoverAt, type CellHover } from './hover';
import { definitionsAt, referencesAt, typeDefinitionsAt } from './navigation';
import { renameEditsAt, renameTargetAt, type RenameEdits, type RenameTarget } from './rename';
import { signatureHelpAt, type CellSignatureHelp } from './signatureHelp';
import { cellTypeDiagnostics, typeDiagnostics, type CellTypeDiagnostic } from './typeDiagnostics';

/** A position in a code cell, the subject of most queries. */
interface At {
  cellIndex: number;
  position: CellPosition;
}

/** What each query asks, by feature. */
export interface LanguageFeatureQueries {
  completions: At & { triggerCharacter?: string };
  'completion-documentation': At & { item: Pick<CellCompletion, 'name' | 'source' | 'data'> };
  hover: At;
  'signature-help': At & { triggerCharacter?: string };
  definitions: At;
  'type-definitions': At;
  references: At & { includeDeclaration: boolean };
  'rename-target': At;
  rename: At & { newName: string };
  'type-diagnostics': object;
  'cell-type-diagnostics': { cellIndices: number[] };
  /** The code cells above `cellIndex` that it needs (see cellDependencies.ts). */
  'cell-dependencies': { cellIndex: number };
}

/** What each query answers, by feature. */
export interface LanguageFeatureAnswers {
  completions: CellCompletions | undefined;
  'completion-documentation': SymbolDocumentation | undefined;
  hover: CellHover | undefined;
  'signature-help': CellSignatureHelp | undefined;
  definitions: FeatureLocation[];
  'type-definitions': FeatureLocation[];
  references: FeatureLocation[];
  'rename-target': RenameTarget;
  rename: RenameEdits;
  'type-diagnostics': CellTypeDiagnostic[];
  'cell-type-diagnostics': CellTypeDiagnostic[];
  /** Notebook indices of the needed cells, or undefined when it cannot be told (every cell above is needed). */
  'cell-dependencies': number[] | undefined;
}

export type LanguageFeature = keyof LanguageFeatureQueries;

/** One query: the feature and its arguments. */
export type LanguageFeatureQuery = { [F in LanguageFeature]: { feature: F } & LanguageFeatureQueries[F] }[LanguageFeature];

/** One answer: the feature and its result. */
export type LanguageFeatureAnswer = { [F in LanguageFeature]: { feature: F; result: LanguageFeatureAnswers[F] } }[LanguageFeature];

/** Answers a query over a notebook's program (already updated with the notebook's cells). */
export function answerLanguageFeatureQuery(notebook: NotebookProgram, query: LanguageFeatureQuery): LanguageFeatureAnswer {
  switch (query.feature) {
    case 'completions':
      return { feature: query.feature, result: completionsAt(notebook, query.cellIndex, query.position, query.triggerCharacter) };
    case 'completion-documentation':
      return { feature: query.feature, result: completionDocumentation(notebook, query.cellIndex, query.position, query.item) };
    case 'hover':
      return { feature: query.feature, result: hoverAt(notebook, query.cellIndex, query.position) };
    case 'signature-help':
      return { feature: query.feature, result: signatureHelpAt(notebook, query.cellIndex, query.position, query.triggerCharacter) };
    case 'definitions':
      return { feature: query.feature, result: definitionsAt(notebook, query.cellIndex, query.position) };
    case 'type-definitions':
      return { feature: query.feature, result: typeDefinitionsAt(notebook, query.cellIndex, query.position) };
    case 'references':
      return { feature: query.feature, result: referencesAt(notebook, query.cellIndex, query.position, query.includeDeclaration) };
    case 'rename-target':
      return { feature: query.feature, result: renameTargetAt(notebook, query.cellIndex, query.position) };
    case 'rename':
      return { feature: query.feature, result: renameEditsAt(notebook, query.cellIndex, query.position, query.newName) };
    case 'type-diagnostics':
      return { feature: query.feature, result: typeDiagnostics(notebook) };
    case 'cell-type-diagnostics':
      return { feature: query.feature, result: cellTypeDiagnostics(notebook, query.cellIndices) };
    case 'cell-dependencies': {
      const cells = notebook.cellMap().segments.map((segment) => ({ index: segment.cellIndex, source: segment.source }));
      const target = cells.findIndex((cell) => cell.index === query.cellIndex);
      return { feature: query.feature, result: target < 0 ? undefined : cellDependencies(cells, target, notebook.apiValues) };
    }
  }
}
