/**
 * Rename across cells: every occurrence of a name the notebook declares,
 * in whichever cell it is. Names declared by the API or TypeScript's library
 * cannot be renamed (their declarations are not the user's to change).
 */
import type { CellPosition, CellTextRange } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import type { CellEdit } from '../idempotency/quickFixEdits';
import { cellRangeOfSpan } from './featureLocation';

/** The name a rename at a position would change, or why there is none to change. */
export type RenameTarget = { range: CellTextRange; placeholder: string } | { error: string };

/** The edits of a rename, one per occurrence, or why the rename is refused. */
export type RenameEdits = { edits: CellEdit[] } | { error: string };

/** What a rename at a position in a cell would rename. */
export function renameTargetAt(notebook: NotebookProgram, cellIndex: number, position: CellPosition): RenameTarget {
  const offset = notebook.toOffset(cellIndex, position);
  if (offset === undefined) return { error: 'This cell is not part of the notebook program.' };
  const info = notebook.languageService.getRenameInfo(notebook.fileName, offset, { allowRenameOfImportPath: false });
  if (!info.canRename) return { error: info.localizedErrorMessage };
  if (info.fileToRename) return { error: 'Modules cannot be renamed.' };
  const outside = (notebook.languageService.findRenameLocations(notebook.fileName, offset, false, false, {}) ?? []).some((l) => l.fileName !== notebook.fileName);
  if (outside) return { error: `\`${info.displayName}\` is declared by the protocol-notebook API or TypeScript's library, not in this notebook.` };
  const at = cellRangeOfSpan(notebook, info.triggerSpan);
  if (!at || at.cellIndex !== cellIndex) return { error: 'Nothing to rename here.' };
  return { range: at.range, placeholder: info.displayName };
}

/** The edits renaming the name at a position in a cell to `newName`, in every cell that uses it. */
export function renameEditsAt(notebook: NotebookProgram, cellIndex: number, position: CellPosition, newName: string): RenameEdits {
  const target = renameTargetAt(notebook, cellIndex, position);
  if ('error' in target) return target;
  const offset = notebook.toOffset(cellIndex, position) as number;
  // Prefix and suffix text keep shorthand properties and import aliases meaning what they meant.
  const locations = notebook.languageService.findRenameLocations(notebook.fileName, offset, false, false, { providePrefixAndSuffixTextForRename: true }) ?? [];
  const edits = locations.flatMap((l): CellEdit[] => {
    const at = cellRangeOfSpan(notebook, l.textSpan);
    return at ? [{ cellIndex: at.cellIndex, range: at.range, newText: `${l.prefixText ?? ''}${newName}${l.suffixText ?? ''}` }] : [];
  });
  return { edits };
}
