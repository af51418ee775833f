/**
 * Go to definition and find references in a cell: across cells, and into
 * the `protocol-notebook` API's declaration files and TypeScript's library.
 */
import type { CellPosition } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import { locationOfSpan, type FeatureLocation } from './featureLocation';

/** Where the name at a position in a cell is declared. */
export function definitionsAt(notebook: NotebookProgram, cellIndex: number, position: CellPosition): FeatureLocation[] {
  const offset = notebook.toOffset(cellIndex, position);
  if (offset === undefined) return [];
  const definitions = notebook.languageService.getDefinitionAtPosition(notebook.fileName, offset) ?? [];
  return definitions.flatMap((d) => locationOfSpan(notebook, d.fileName, d.textSpan) ?? []);
}

/** Where the type of the name at a position in a cell is declared. */
export function typeDefinitionsAt(notebook: NotebookProgram, cellIndex: number, position: CellPosition): FeatureLocation[] {
  const offset = notebook.toOffset(cellIndex, position);
  if (offset === undefined) return [];
  const definitions = notebook.languageService.getTypeDefinitionAtPosition(notebook.fileName, offset) ?? [];
  return definitions.flatMap((d) => locationOfSpan(notebook, d.fileName, d.textSpan) ?? []);
}

/** Every use of the name at a position in a cell (its declaration included when `includeDeclaration`). */
export function referencesAt(notebook: NotebookProgram, cellIndex: number, position: CellPosition, includeDeclaration: boolean): FeatureLocation[] {
  const offset = notebook.toOffset(cellIndex, position);
  if (offset === undefined) return [];
  const references = (notebook.languageService.findReferences(notebook.fileName, offset) ?? []).flatMap((symbol) => symbol.references);
  return references.filter((r) => includeDeclaration || !r.isDefinition).flatMap((r) => locationOfSpan(notebook, r.fileName, r.textSpan) ?? []);
}
