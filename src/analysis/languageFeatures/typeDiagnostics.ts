/**
 * Syntax and type errors of the notebook as one program, each on the cell and
 * line it is about. The idempotency warnings are a separate analysis with its
 * own diagnostics: nothing here repeats them.
 */
import * as ts from 'typescript';
import type { CellTextRange } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import { protocolApiModule } from '../protocolApi';
import { cellRangeOfSpan, locationOfSpan, type FeatureLocation } from './featureLocation';

/** One syntax or type error (or warning) of a cell. */
export interface CellTypeDiagnostic {
  cellIndex: number;
  range: CellTextRange;
  message: string;
  /** TypeScript's error number (e.g. 2322). */
  code: number;
  severity: 'error' | 'warning';
  /** Other places the message refers to, e.g. where the expected type is declared. */
  related: { location: FeatureLocation; message: string }[];
}

/**
 * TypeScript checks only the statements in some ranges of a file with this
 * (what its server does for the visible part of a large file); it is not in
 * the published declarations, so it is optional here.
 */
interface RegionChecking {
  getRegionSemanticDiagnostics?(fileName: string, ranges: ts.TextRange[]): { diagnostics: ts.Diagnostic[] } | undefined;
}

/** Every syntax and type error of the notebook's code cells. */
export function typeDiagnostics(notebook: NotebookProgram): CellTypeDiagnostic[] {
  const service = notebook.languageService;
  return toCellDiagnostics(notebook, [...service.getSyntacticDiagnostics(notebook.fileName), ...service.getSemanticDiagnostics(notebook.fileName)]);
}

/**
 * The syntax and type errors of some cells only: checking one edited cell is
 * a fraction of checking the notebook, so its errors show at once; the other
 * cells (which may use what changed) are checked by `typeDiagnostics` after.
 */
export function cellTypeDiagnostics(notebook: NotebookProgram, cellIndices: readonly number[]): CellTypeDiagnostic[] {
  const service = notebook.languageService as ts.LanguageService & RegionChecking;
  const wanted = new Set(cellIndices);
  const ranges = notebook
    .cellMap()
    .segments.filter((s) => wanted.has(s.cellIndex) && s.source.trim() !== '')
    .map((s) => ({ pos: s.start, end: s.start + s.source.length }));
  const semantic = ranges.length === 0 ? [] : (service.getRegionSemanticDiagnostics?.(notebook.fileName, ranges)?.diagnostics ?? service.getSemanticDiagnostics(notebook.fileName));
  return toCellDiagnostics(notebook, [...service.getSyntacticDiagnostics(notebook.fileName), ...semantic]).filter((d) => wanted.has(d.cellIndex));
}

/** TypeScript's "Duplicate identifier" error. */
const duplicateIdentifier = 2300;

/**
 * Whether a diagnostic is TypeScript objecting to two cells importing the
 * same name from the API: one file to TypeScript, but the kernel runs each
 * cell on its own and allows it (src/kernel/rewriteCell.ts).
 */
function isRepeatedApiImport(notebook: NotebookProgram, d: ts.Diagnostic): boolean {
  if (d.code !== duplicateIdentifier || d.start === undefined) return false;
  const start = d.start;
  const statement = notebook.sourceFile().statements.find((s) => s.getStart() <= start && start < s.getEnd());
  return !!statement && ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === protocolApiModule;
}

function toCellDiagnostics(notebook: NotebookProgram, found: readonly ts.Diagnostic[]): CellTypeDiagnostic[] {
  return found.flatMap((d): CellTypeDiagnostic[] => {
    if (d.start === undefined || (d.category !== ts.DiagnosticCategory.Error && d.category !== ts.DiagnosticCategory.Warning)) return [];
    if (isRepeatedApiImport(notebook, d)) return [];
    const at = cellRangeOfSpan(notebook, { start: d.start, length: d.length ?? 0 });
    if (!at) return [];
    const related = (d.relatedInformation ?? []).flatMap((r) => {
      const location = r.file && r.start !== undefined ? locationOfSpan(notebook, r.file.fileName, { start: r.start, length: r.length ?? 0 }) : undefined;
      return location ? [{ location, message: ts.flattenDiagnosticMessageText(r.messageText, '\n') }] : [];
    });
    return [{
      cellIndex: at.cellIndex,
      range: at.range,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      code: d.code,
      severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
      related,
    }];
  });
}
