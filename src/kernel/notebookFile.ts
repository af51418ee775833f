/**
 * A `*.protocol.md` file as the kernel runs it outside VS Code: its code
 * cells as KernelCells, and where each cell's lines are in the file, so an
 * error in a cell can be reported as `file:line:col`.
 */
import { parseNotebookText } from '../document';
import type { KernelCell } from '../common/kernelMessages';

export interface NotebookCells {
  /** The code cells in order; `index` is the cell's position among all cells, `id` is `cell-<index>`. */
  cells: KernelCell[];
  /** 0-based line in the file of the first source line of the cell at notebook position `index`. */
  firstLineOf(index: number): number;
}

/** Splits notebook text into code cells and records the file line each starts at. */
export function notebookCells(text: string): NotebookCells {
  const notebook = parseNotebookText(text);
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const cells: KernelCell[] = [];
  const firstLines = new Map<number, number>();
  let cursor = 0;
  // Cells come in file order: count lines on from the last cell's start, not from the top each time.
  let counted = { offset: 0, line: 0 };
  const lineAt = (offset: number) => {
    if (offset < counted.offset) counted = { offset: 0, line: 0 };
    counted = { offset, line: counted.line + lineOf(normalized, counted.offset, offset) };
    return counted.line;
  };
  notebook.cells.forEach((cell, index) => {
    if (cell.kind !== 'code') {
      // Step over Markdown, so a fence quoted in prose is not taken for the next cell's.
      const at = cell.source ? normalized.indexOf(cell.source, cursor) : -1;
      if (at >= 0) cursor = at + cell.source.length;
      return;
    }
    // The cell's source starts on the line after its opening fence.
    const fence = cell.metadata.fence ?? '```';
    const fenceAt = normalized.indexOf(fence, cursor);
    const sourceAt = fenceAt < 0 ? normalized.indexOf(cell.source, cursor) : normalized.indexOf('\n', fenceAt) + 1;
    const start = Math.max(0, sourceAt);
    firstLines.set(index, lineAt(start));
    cursor = start + cell.source.length;
    cells.push({ id: `cell-${index}`, index, source: cell.source });
  });
  return { cells, firstLineOf: (index) => firstLines.get(index) ?? 0 };
}

/** Newlines in `text[from, to)`. */
function lineOf(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}
