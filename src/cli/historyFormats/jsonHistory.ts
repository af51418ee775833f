/**
 * The JSON history format (docs/history-format.md): either an array of
 * operations or `{ "version": 1, "model"?, "initialValue"?, "operations": [...] }`,
 * each operation a HistoryOperation of src/common/history.ts.
 */
import type { History, HistoryOperation } from '../../common/history';
import type { JsonValue } from '../../common/traceFormat';
import { HistoryParseError } from './historyParseError';

/** A JSON history and the checking hints it may carry. */
export interface JsonHistoryFile {
  history: History;
  /** The model the file says it should be checked against. */
  model?: 'register' | 'kv';
  /** What the register or every key holds initially. */
  initialValue?: string | number | boolean | null;
}

const statuses = new Set(['ok', 'fail', 'info']);

/** Reads and validates a JSON history. */
export function parseJsonHistory(text: string): JsonHistoryFile {
  let document: JsonValue;
  try {
    document = JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new HistoryParseError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (Array.isArray(document)) return { history: document.map(toOperation) };
  if (document === null || typeof document !== 'object' || !Array.isArray(document.operations)) {
    throw new HistoryParseError('expected an array of operations or an object with "operations"');
  }
  if (document.version !== undefined && document.version !== 1) throw new HistoryParseError(`unsupported version ${JSON.stringify(document.version)}`);
  const file: JsonHistoryFile = { history: document.operations.map(toOperation) };
  const { model, initialValue } = document;
  if (model !== undefined) {
    if (model !== 'register' && model !== 'kv') throw new HistoryParseError(`unknown model ${JSON.stringify(model)}`);
    file.model = model;
  }
  if (initialValue !== undefined) {
    if (initialValue !== null && typeof initialValue === 'object') throw new HistoryParseError('"initialValue" must be a JSON scalar');
    file.initialValue = initialValue;
  }
  return file;
}

function toOperation(value: JsonValue, index: number): HistoryOperation {
  const fail = (message: string): never => {
    throw new HistoryParseError(`operation ${index}: ${message}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('expected an object');
  const { process, f, key, input, output, call, status } = value;
  const ret = value.return;
  if (typeof process !== 'string' && typeof process !== 'number') return fail('"process" must be a string or number');
  if (typeof f !== 'string') return fail('"f" must be a string');
  if (typeof call !== 'number') return fail('"call" must be a number');
  if (ret !== undefined && ret !== null && typeof ret !== 'number') return fail('"return" must be a number');
  if (typeof status !== 'string' || !statuses.has(status)) return fail('"status" must be "ok", "fail" or "info"');
  const op: HistoryOperation = { process: String(process), f, input: input ?? null, call, status: status as HistoryOperation['status'] };
  if (key !== undefined) op.key = key;
  if (output !== undefined) op.output = output;
  if (typeof ret === 'number') op.return = ret;
  return op;
}
