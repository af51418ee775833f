/**
 * How one cell is written: the canonical text of a cell, and the source of a
 * code cell read back from its exact text. The parser and the serializer
 * share these, so "unchanged" means the same thing to both.
 */
import { fenceLinesFor, isCodeCellFence, parseFenceOpening } from './fences';
import { normalizeLineEndings, withLineEnding } from './lines';
import type { LineEnding, ParsedCell } from './notebookFormat';

/**
 * The plain way to write a cell: its source with the notebook's line ending;
 * code between its fences (```ts for a new cell), always closed.
 * The parser keeps a cell's `raw` text only when this differs from it.
 */
export function canonicalCellText(cell: ParsedCell, eol: LineEnding): string {
  const source = withLineEnding(normalizeLineEndings(cell.source), eol);
  if (cell.kind === 'markdown') return source;
  const sourceLines = cell.source === '' ? [] : normalizeLineEndings(cell.source).split('\n');
  const stored = cell.metadata ?? {};
  // Only a fence that still makes a code cell is kept (metadata may travel with a cell in the editor).
  const storedFence = typeof stored.fence === 'string' ? parseFenceOpening(stored.fence) : undefined;
  const fences = fenceLinesFor(sourceLines, {
    opening: storedFence && isCodeCellFence(storedFence) ? (stored.fence as string) : '```ts',
    closing: stored.closingFence,
  });
  return fences.opening + (sourceLines.length > 0 ? eol + source : '') + eol + fences.closing;
}

/**
 * The source of a code cell from its exact text: the lines between the opening
 * fence and the closing one (or the end, when unclosed), joined with "\n".
 */
export function codeSourceOfRaw(raw: string, closed: boolean): string {
  // `raw` has no terminator after its last line, so a split gives every line, empty ones included.
  const lines = raw.split(/\r\n|\n|\r/);
  return lines.slice(1, closed ? -1 : undefined).join('\n');
}
