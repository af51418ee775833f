/** Small helpers to write register and key–value histories in tests. */
import type { HistoryOperation } from '../../../../src/common/history';
import type { JsonValue } from '../../../../src/common/traceFormat';

/** A completed operation: `f` on `input` called at `call`, answered `output` at `ret`. */
export function ok(process: string, f: string, input: JsonValue, call: number, ret: number, output?: JsonValue, key?: string): HistoryOperation {
  const op: HistoryOperation = { process, f, input, call, return: ret, status: 'ok' };
  if (output !== undefined) op.output = output;
  if (key !== undefined) op.key = key;
  return op;
}

/** An operation that definitely did not take effect (for a cas: whose comparison failed). */
export function failed(process: string, f: string, input: JsonValue, call: number, ret: number, key?: string): HistoryOperation {
  const op: HistoryOperation = { process, f, input, call, return: ret, status: 'fail' };
  if (key !== undefined) op.key = key;
  return op;
}

/** An operation whose outcome is unknown (the client timed out or crashed). */
export function unknown(process: string, f: string, input: JsonValue, call: number, key?: string): HistoryOperation {
  const op: HistoryOperation = { process, f, input, call, status: 'info' };
  if (key !== undefined) op.key = key;
  return op;
}
