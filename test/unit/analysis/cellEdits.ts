/** Applies cell edits to cell texts (for quick-fix tests). */
import type { CellEdit } from '../../../src/analysis/idempotency/quickFixEdits';

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + character;
}

/** The cells after the edits; edits of one cell are applied from last to first so offsets stay valid. */
export function applyCellEdits(cells: readonly string[], edits: readonly CellEdit[]): string[] {
  const result = [...cells];
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  for (const edit of sorted) {
    const text = result[edit.cellIndex];
    const start = offsetOf(text, edit.range.start.line, edit.range.start.character);
    const end = offsetOf(text, edit.range.end.line, edit.range.end.character);
    result[edit.cellIndex] = text.slice(0, start) + edit.newText + text.slice(end);
  }
  return result;
}
