/**
 * A `*.protocol.md` file's code cells as the notebook program takes them, and
 * the line of the file each starts on, so that findings can be reported as
 * `file:line:col` outside the editor.
 */
import { parseNotebookText } from '../document';
import type { ProgramCell } from './cellMap';

export interface NotebookTextCells {
  /** The code cells in order; `index` is the cell's position among all cells. */
  cells: ProgramCell[];
  /** 0-based line of the file holding the first source line of the cell at position `index`. */
  firstLineOf(index: number): number;
}

/** Splits notebook text into code cells and finds the file line each cell's source starts on. */
export function notebookTextCells(text: string): NotebookTextCells {
  const notebook = parseNotebookText(text);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const cells: ProgramCell[] = [];
  const firstLines = new Map<number, number>();
  let cursor = 0;
  notebook.cells.forEach((cell, index) => {
    const sourceLines = cell.source.split('\n');
    if (cell.kind !== 'code') {
      // Step over the Markdown, so a fence quoted in prose is not taken for the next cell's.
      const at = findLines(lines, sourceLines, cursor);
      if (at >= 0) cursor = at + sourceLines.length;
      return;
    }
    // The source starts on the line after the opening fence.
    const fence = (cell.metadata.fence ?? '```').trimEnd();
    let line = cursor;
    while (line < lines.length && !(lines[line].trimEnd() === fence && matchesAt(lines, cell.source === '' ? [] : sourceLines, line + 1))) line++;
    const first = line < lines.length ? line + 1 : cursor;
    firstLines.set(index, first);
    cursor = first + (cell.source === '' ? 0 : sourceLines.length);
    cells.push({ index, source: cell.source });
  });
  return { cells, firstLineOf: (index) => firstLines.get(index) ?? 0 };
}

function matchesAt(lines: readonly string[], wanted: readonly string[], at: number): boolean {
  return wanted.every((w, i) => lines[at + i] === w);
}

function findLines(lines: readonly string[], wanted: readonly string[], from: number): number {
  for (let at = from; at + wanted.length <= lines.length; at++) if (matchesAt(lines, wanted, at)) return at;
  return -1;
}
