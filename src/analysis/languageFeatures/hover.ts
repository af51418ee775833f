/** Hover in a cell: the declaration as TypeScript prints it and the API's JSDoc. */
import type { CellPosition, CellTextRange } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import { cellRangeOfSpan } from './featureLocation';
import { symbolDocumentation, type SymbolDocumentation } from './documentation';

/** What a hover shows, and the range of the word it is about. */
export interface CellHover extends SymbolDocumentation {
  range: CellTextRange;
}

/** The hover at a position in a cell, or undefined over nothing TypeScript knows. */
export function hoverAt(notebook: NotebookProgram, cellIndex: number, position: CellPosition): CellHover | undefined {
  const offset = notebook.toOffset(cellIndex, position);
  if (offset === undefined) return undefined;
  const info = notebook.languageService.getQuickInfoAtPosition(notebook.fileName, offset);
  if (!info) return undefined;
  const at = cellRangeOfSpan(notebook, info.textSpan);
  if (!at || at.cellIndex !== cellIndex) return undefined;
  return { ...symbolDocumentation(info.displayParts, info.documentation, info.tags), range: at.range };
}
