/**
 * Linearizability checking of operation histories: a Wing–Gong–Lowe search
 * with memoization over a Porcupine-style model, split per partition.
 */
export type { Model, Operation } from './model';
export type { LinearizabilityExplanation, LinearizabilityResult, LinearizabilityVerdict, PartitionVerdict } from './result';
export { checkOperations, type LinearizabilityOptions } from './checkOperations';
export { checkHistory, type HistoryCheckOptions, type HistoryModelName } from './checkHistory';
export { HistoryFormatError, kvOperations, registerOperations, type ConvertedHistory } from './historyOperations';
export { createRegisterModel, registerModel, type RegisterInput, type RegisterOutput } from './registerModel';
export { createKvModel, type KvInput, type KvOutput } from './kvModel';
export { createKvStoreModel } from './kvStoreModel';
export type { ScalarValue } from './valueHash';
