/**
 * Where a language feature points: a range in one of the notebook's cells, or
 * a range in a file on disk (the `protocol-notebook` API's declarations, the
 * TypeScript library). Converts the language service's spans of the virtual
 * file and of real files into these, so the editor layer never sees offsets.
 */
import * as ts from 'typescript';
import { cellRangeOf, type CellRange, type CellTextRange } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import { kernelGlobalsFileName } from './kernelGlobals';

/** A range in a cell of the notebook, or in a file on disk. */
export type FeatureLocation = { kind: 'cell'; cellIndex: number; range: CellTextRange } | { kind: 'file'; fileName: string; range: CellTextRange };

/** The cell range of a span of the virtual file; a span past the last cell lands at the last cell's end. */
export function cellRangeOfSpan(notebook: NotebookProgram, span: ts.TextSpan): CellRange | undefined {
  const map = notebook.cellMap();
  const last = map.segments[map.segments.length - 1];
  if (!last) return undefined;
  const end = last.start + last.source.length;
  return cellRangeOf(map, Math.min(span.start, end), Math.min(span.start + span.length, end));
}

/** Where a span of a program file is: in a cell for the notebook's file, else in that file on disk (none in the kernel's generated globals). */
export function locationOfSpan(notebook: NotebookProgram, fileName: string, span: ts.TextSpan): FeatureLocation | undefined {
  if (fileName === notebook.fileName) {
    const at = cellRangeOfSpan(notebook, span);
    return at && { kind: 'cell', ...at };
  }
  const file = fileName === kernelGlobalsFileName ? undefined : notebook.program().getSourceFile(fileName);
  if (!file) return undefined;
  const start = ts.getLineAndCharacterOfPosition(file, span.start);
  const end = ts.getLineAndCharacterOfPosition(file, span.start + span.length);
  return { kind: 'file', fileName, range: { start, end } };
}
