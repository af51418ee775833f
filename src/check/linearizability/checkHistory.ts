/**
 * The checker's front door for recorded histories: pick a built-in model by
 * name, convert the History, check it, and report operations by their index
 * in the History (so a chart can point at them).
 */
import type { History } from '../../common/history';
import { checkOperations, type LinearizabilityOptions } from './checkOperations';
import { kvOperations, registerOperations } from './historyOperations';
import { createKvModel } from './kvModel';
import { createKvStoreModel } from './kvStoreModel';
import { createRegisterModel } from './registerModel';
import type { LinearizabilityResult } from './result';
import type { ScalarValue } from './valueHash';

/** The built-in models: one register, or a key–value store (split per key unless `noPartition`). */
export type HistoryModelName = 'register' | 'kv';

export interface HistoryCheckOptions extends LinearizabilityOptions {
  /**
   * What the register, or every key, holds before the first operation.
   * Defaults: null for a register, "" for a key–value store (Jepsen's conventions).
   */
  initialValue?: ScalarValue;
}

/**
 * Checks a recorded History for linearizability against a built-in model.
 * Operation numbers in the result are indexes into `history`; operations
 * that cannot affect the verdict (failed writes, reads with unknown
 * outcome) appear in no partition.
 *
 * @throws HistoryFormatError when an operation does not fit the model.
 */
export function checkHistory(history: History, model: HistoryModelName, options: HistoryCheckOptions = {}): LinearizabilityResult {
  if (model === 'register') {
    const converted = registerOperations(history);
    const result = checkOperations(createRegisterModel(options.initialValue ?? null), converted.operations, options);
    return toHistoryIndexes(result, converted.historyIndex);
  }
  const converted = kvOperations(history);
  const initial = options.initialValue === undefined ? '' : options.initialValue;
  const result = options.noPartition
    ? checkOperations(createKvStoreModel(initial), converted.operations, options)
    : checkOperations(createKvModel(initial), converted.operations, options);
  return toHistoryIndexes(result, converted.historyIndex);
}

function toHistoryIndexes(result: LinearizabilityResult, historyIndex: readonly number[]): LinearizabilityResult {
  const map = (ops: readonly number[]): number[] => ops.map((i) => historyIndex[i]);
  const mapped: LinearizabilityResult = {
    ...result,
    partitions: result.partitions.map((p) => ({
      ...p,
      operations: map(p.operations),
      ...(p.linearization && { linearization: map(p.linearization) }),
    })),
  };
  if (result.explanation) {
    const e = result.explanation;
    mapped.explanation = {
      ...e,
      longestPrefix: map(e.longestPrefix),
      cannotPlace: historyIndex[e.cannotPlace],
      candidates: map(e.candidates),
    };
  }
  return mapped;
}
