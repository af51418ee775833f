/** Runs the idempotency analysis over cells given as strings (cell i has index i). */
import { idempotencyFindings } from '../../../src/analysis/idempotency/idempotencyFindings';
import type { IdempotencyFinding } from '../../../src/analysis/idempotency/finding';
import { createNotebookProgram, type NotebookProgram } from '../../../src/analysis/notebookProgram';

let shared: NotebookProgram | undefined;

export function analyseCells(...cells: string[]): IdempotencyFinding[] {
  shared ??= createNotebookProgram();
  shared.update(cells.map((source, index) => ({ index, source })));
  return idempotencyFindings(shared);
}

/** The text a cell range covers. */
export function textAt(cells: string[], cellIndex: number, range: IdempotencyFinding['range']): string {
  const lines = cells[cellIndex].split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}
