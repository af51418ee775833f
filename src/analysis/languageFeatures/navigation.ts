/**
 * Go to definition and find references in a cell: across cells, and into
 * the `protocol-notebook` API's declaration files and TypeScript's library.
 */
import type { CellPosition } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import { locationOfSpan, type FeatureLocation } from './featureLocation';
import { kernelGlobalsFileName } from './kernelGlobals';

/** Where the name at a position in a cell is declared. */
export function definitionsAt(notebook: NotebookProgram, cellIndex: number, position: CellPosition): FeatureLocation[] {
  const offset = notebook.toOffset(cellIndex, position);
  if (offset === undefined) return [];
  const definitions = notebook.languageService.getDefinitionAtPosition(notebook.fileName, offset) ?? [];
  return distinct(definitions.flatMap((d) => (d.fileName === kernelGlobalsFileName ? apiDefinitionsOfGlobal(notebook, d.textSpan.start) : (locationOfSpan(notebook, d.fileName, d.textSpan) ?? []))));
}

/** The locations without repeats (a global and the API declaration it stands for lead to the same place). */
function distinct(locations: FeatureLocation[]): FeatureLocation[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const key = JSON.stringify(l);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A name used without its import is declared in the kernel's globals as
 * `const name: typeof import("protocol-notebook").name;`: its definition is
 * that of the last `name` on the line, in the API (none for `display`).
 */
function apiDefinitionsOfGlobal(notebook: NotebookProgram, offset: number): FeatureLocation[] {
  const text = notebook.program().getSourceFile(kernelGlobalsFileName)?.text ?? '';
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  const member = line.lastIndexOf(').');
  if (member < 0) return [];
  const definitions = notebook.languageService.getDefinitionAtPosition(kernelGlobalsFileName, offset + member + 2) ?? [];
  return definitions.flatMap((d) => (d.fileName === kernelGlobalsFileName ? [] : (locationOfSpan(notebook, d.fileName, d.textSpan) ?? [])));
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
