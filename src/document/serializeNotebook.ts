/**
 * Cells -> Markdown text. A cell whose source is unchanged since it was read
 * is written exactly as it was (with its separator before it), so an
 * unchanged file is written back byte for byte; edited and new cells are
 * written in a plain style: a blank line between blocks, ```ts fences that
 * grow when the code itself contains a fence line.
 */
import { canonicalCellText, codeSourceOfRaw } from './cellText';
import { type FenceOpening, closesFence, parseFenceOpening } from './fences';
import { normalizeLineEndings, splitLines } from './lines';
import type { LineEnding, ParsedCell, ParsedNotebook } from './notebookFormat';

const BOM = '\uFEFF';

/** Writes a notebook as `*.protocol.md` text: the inverse of `parseNotebookText`. */
export function serializeNotebook(notebook: ParsedNotebook): string {
  const format = notebook.metadata ?? {};
  const eol = format.eol ?? '\n';
  const { cells } = notebook;
  let text = (format.bom ? BOM : '') + (format.leading ?? '');
  cells.forEach((cell, index) => {
    if (index > 0) text += separatorBefore(cell, cells[index - 1], eol);
    text += cellText(cell, eol, index === cells.length - 1);
  });
  // With no cell left, a file that had cells keeps its final line ending.
  text += cells.length > 0 ? (format.trailing ?? eol) : (format.trailing ?? '');
  return text;
}

/** The text between two cells: the one read from the file, or a blank line. */
function separatorBefore(cell: ParsedCell, previous: ParsedCell, eol: LineEnding): string {
  const stored = cell.metadata?.separator;
  const blankLine = eol + eol;
  if (typeof stored !== 'string' || !/^(\r\n|\n|\r)/.test(stored)) return blankLine;
  // Two Markdown cells need a blank line between them, or they would read as one paragraph.
  if (cell.kind === 'markdown' && previous.kind === 'markdown' && splitLines(stored).length < 2) return blankLine;
  return stored;
}

/** A cell's text: as read while its source is unchanged, else in canonical form. */
function cellText(cell: ParsedCell, eol: LineEnding, isLast: boolean): string {
  const raw = cell.metadata?.raw;
  const text = typeof raw === 'string' && rawStillFits(cell, raw, isLast) ? raw : canonicalCellText(cell, eol);
  if (cell.kind === 'code' || isLast) return text;
  // A fence left open in Markdown would swallow every cell after it.
  const open = unclosedFence(text);
  return open ? text + eol + open.indent + open.char.repeat(open.length) : text;
}

function rawStillFits(cell: ParsedCell, raw: string, isLast: boolean): boolean {
  if (cell.kind === 'markdown') return normalizeLineEndings(raw) === cell.source;
  const closed = cell.metadata?.closingFence !== null;
  // An unclosed fence runs to the end of the file: only the last cell may keep one.
  if (!closed && !isLast) return false;
  return typeof cell.metadata?.fence === 'string' && codeSourceOfRaw(raw, closed) === cell.source;
}

/** The fence still open at the end of Markdown text, if any. */
function unclosedFence(text: string): FenceOpening | undefined {
  let open: FenceOpening | undefined;
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (open) {
      if (closesFence(line, open)) open = undefined;
    } else {
      open = parseFenceOpening(line);
    }
  }
  return open;
}
