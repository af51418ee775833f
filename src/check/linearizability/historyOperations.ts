/**
 * From a recorded History (src/common/history.ts) to the operations the
 * register and key–value models check, following Jepsen's semantics:
 *
 * - `ok`: took effect; a read's output is the value read, a cas's output is
 *   whether it swapped (an output of `false` means the comparison failed).
 * - `fail`: did not take effect, so it is left out — except a cas, whose
 *   `fail` means "the comparison failed", an answer to be explained.
 * - `info` (or no completion): may have taken effect at any time after its
 *   call, with any result; reads are left out since they change nothing.
 */
import type { History, HistoryOperation } from '../../common/history';
import type { JsonValue } from '../../common/traceFormat';
import type { KvInput, KvOutput } from './kvModel';
import type { Operation } from './model';
import type { RegisterInput, RegisterOutput } from './registerModel';
import type { ScalarValue } from './valueHash';

/** Operations to check, and for each the index of the History operation it came from. */
export interface ConvertedHistory<Input, Output> {
  operations: Operation<Input, Output>[];
  historyIndex: number[];
}

/** A History operation the models cannot interpret. */
export class HistoryFormatError extends Error {
  constructor(
    readonly operationIndex: number,
    message: string,
  ) {
    super(`operation ${operationIndex}: ${message}`);
    this.name = 'HistoryFormatError';
  }
}

type Verb = 'read' | 'write' | 'append' | 'cas';

const verbs: Record<string, Verb> = { read: 'read', get: 'read', write: 'write', put: 'write', append: 'append', cas: 'cas' };

/** Converts a History of read/write/cas operations on one register. */
export function registerOperations(history: History): ConvertedHistory<RegisterInput, RegisterOutput> {
  return convert(history, (op, index, verb) => {
    switch (verb) {
      case 'read':
        return { f: 'read' };
      case 'write':
        return { f: 'write', value: toScalar(op.input) };
      case 'cas':
        return { f: 'cas', ...casArguments(op.input, index) };
      default:
        throw new HistoryFormatError(index, `a register has no '${op.f}' operation`);
    }
  });
}

/** Converts a History of read/write/append/cas operations on the keys of a store. */
export function kvOperations(history: History): ConvertedHistory<KvInput, KvOutput> {
  const keyIndexes = new Map<string, number>();
  return convert(history, (op, index, verb) => {
    if (op.key === undefined) throw new HistoryFormatError(index, 'a key–value operation needs a key');
    const key = typeof op.key === 'string' ? op.key : JSON.stringify(op.key);
    let keyIndex = keyIndexes.get(key);
    if (keyIndex === undefined) keyIndexes.set(key, (keyIndex = keyIndexes.size));
    switch (verb) {
      case 'read':
        return { f: 'read', key, keyIndex };
      case 'write':
      case 'append':
        return { f: verb, key, keyIndex, value: toScalar(op.input) };
      case 'cas':
        return { f: 'cas', key, keyIndex, ...casArguments(op.input, index) };
    }
  });
}

function convert<Input extends { f: Verb }>(
  history: History,
  toInput: (op: HistoryOperation, index: number, verb: Verb) => Input,
): ConvertedHistory<Input, ScalarValue> {
  const operations: Operation<Input, ScalarValue>[] = [];
  const historyIndex: number[] = [];
  history.forEach((op, index) => {
    const verb = verbs[op.f];
    if (verb === undefined) throw new HistoryFormatError(index, `unknown operation '${op.f}' (expected read/get, write/put, append or cas)`);
    if (!Number.isFinite(op.call)) throw new HistoryFormatError(index, 'call time must be a number');
    const input = toInput(op, index, verb);
    const known = op.status === 'ok' || (op.status === 'fail' && verb === 'cas');
    if (!known && (op.status === 'fail' || verb === 'read')) return; // no effect, nothing to explain
    if (known && op.return === undefined) throw new HistoryFormatError(index, `a completed ('${op.status}') operation needs a return time`);
    const converted: Operation<Input, ScalarValue> = { process: op.process, input, call: op.call };
    if (known) {
      converted.return = op.return;
      converted.output = outputOf(verb, op);
    }
    operations.push(converted);
    historyIndex.push(index);
  });
  return { operations, historyIndex };
}

function outputOf(verb: Verb, op: HistoryOperation): ScalarValue {
  switch (verb) {
    case 'read':
      return toScalar(op.output ?? null);
    case 'cas':
      return op.status === 'ok' && op.output !== false;
    default:
      return null;
  }
}

/** `[from, to]` or `{ from, to }`. */
function casArguments(input: JsonValue, index: number): { from: ScalarValue; to: ScalarValue } {
  if (Array.isArray(input) && input.length === 2) return { from: toScalar(input[0]), to: toScalar(input[1]) };
  if (input !== null && typeof input === 'object' && !Array.isArray(input) && 'from' in input && 'to' in input) {
    return { from: toScalar(input.from), to: toScalar(input.to) };
  }
  throw new HistoryFormatError(index, 'a cas needs [from, to] or {"from", "to"} as input');
}

/** Scalars stay as they are; a structured value is compared by its JSON text. */
function toScalar(value: JsonValue | undefined): ScalarValue {
  if (value === undefined) return null;
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}
