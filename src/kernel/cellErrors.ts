/**
 * Turns what a cell threw into a CellError: name, message, the position in
 * the user's cell (source-mapped through the compiled script), and a stack
 * with the sandbox's and the kernel's own frames removed and cell frames
 * written as `cell 3, line 5, col 10` (1-based, as an editor shows them).
 */
import type { CellError, CellPosition } from '../common/kernelMessages';
import type { CompiledCell } from './compileCell';
import { SCRIPT_NAMES } from './sandbox';
import type { ThrownInfo } from './sandboxRuntime';

/** A compiled script that ran in the sandbox, by script id. */
export interface ScriptRecord {
  cellId: string;
  cellIndex: number;
  compiled: CompiledCell;
}

export type ScriptRegistry = ReadonlyMap<number, ScriptRecord>;

const FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;
const CELL_FILE = new RegExp(`${SCRIPT_NAMES.cellPrefix}(\\d+)\\.js$`);

/** Maps a cell script's 1-based V8 line/column to a position in its cell, or undefined for other files. */
export function cellPositionOf(file: string, line: number, column: number, scripts: ScriptRegistry): CellPosition | undefined {
  const match = CELL_FILE.exec(file);
  const record = match ? scripts.get(Number(match[1])) : undefined;
  if (!record) return undefined;
  const mapped = record.compiled.toCellPosition(line - 1, column - 1);
  return { cellId: record.cellId, line: mapped.line, column: mapped.column };
}

/** How a mapped frame reads in a stack: `cell 3, line 5, col 10` (1-based). */
export function describeCellPosition(position: CellPosition, scripts: ScriptRegistry): string {
  let index = -1;
  for (const record of scripts.values()) if (record.cellId === position.cellId) index = record.cellIndex;
  return `cell ${index + 1}, line ${position.line + 1}, col ${position.column + 1}`;
}

/**
 * Builds the CellError for what a cell threw, as the sandbox read it: the
 * innermost cell frame gives the position; a syntax error V8 reports as
 * `file:line` gives the line only.
 */
export function toCellError(thrown: ThrownInfo, scripts: ScriptRegistry): CellError {
  const { name, message } = thrown;
  const rawStack = thrown.stack;
  const error: CellError = { name, message };
  if (typeof rawStack !== 'string') return error;

  const kept: string[] = [];
  let position: CellPosition | undefined;
  for (const line of rawStack.split('\n')) {
    const frame = FRAME.exec(line);
    if (!frame) continue;
    const [, fn, file, l, c] = frame;
    const mapped = cellPositionOf(file, Number(l), Number(c), scripts);
    if (!mapped) continue; // engine, prelude, kernel and Node frames are not the user's
    position ??= mapped;
    const where = describeCellPosition(mapped, scripts);
    kept.push(fn ? `    at ${fn} (${where})` : `    at ${where}`);
  }
  // A syntax error found when the script is compiled carries `file:line` as its first stack line.
  if (!position) {
    const header = new RegExp(`${SCRIPT_NAMES.cellPrefix}(\\d+)\\.js:(\\d+)`).exec(rawStack.split('\n')[0] ?? '');
    if (header) position = cellPositionOf(`${SCRIPT_NAMES.cellPrefix}${header[1]}.js`, Number(header[2]), 1, scripts);
  }
  if (position) error.position = position;
  error.stack = [`${name}: ${message}`, ...kept].join('\n');
  return error;
}

/** A ThrownInfo for an error the kernel's own realm made (a script V8 would not compile). */
export function kernelThrownInfo(error: unknown): ThrownInfo {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, stack: e.stack, isObject: true };
}
