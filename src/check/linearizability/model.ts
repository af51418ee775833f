/**
 * The contract between the linearizability search and a sequential
 * specification (a "model"), in the style of Porcupine: the search knows
 * nothing about registers or stores, only how to step a model.
 */

/**
 * One operation as the checker sees it: an input given at `call`, an output
 * seen at `return`.
 */
export interface Operation<Input, Output> {
  /** The client that issued it; only used to describe the operation. */
  process: string;
  input: Input;
  /** What the system answered; absent when the outcome is unknown (any answer is accepted). */
  output?: Output;
  /** Invocation time. */
  call: number;
  /**
   * Completion time; absent when the client never heard back, in which case
   * the operation may take effect at any point after `call`.
   */
  return?: number;
}

/**
 * A sequential specification of an object: what each operation does to the
 * state and which answers it may give.
 *
 * States are treated as immutable values: `step` must return a new state (or
 * the same one when nothing changed), never modify its argument.
 */
export interface Model<State, Input, Output> {
  /** Short name shown in reports, e.g. "register". */
  readonly name: string;
  /** The state before any operation. */
  init(): State;
  /**
   * Applies `input` to `state`. Returns the state after the operation when
   * `output` is an answer the object may give in `state`, or `undefined`
   * when it may not. An undefined `output` means the answer is unknown: then
   * `step` must accept in every state (an operation with an unknown outcome
   * may always have taken effect with whatever answer fits).
   *
   * Porcupine's `Step` returns `(ok, newState)`; returning `undefined` for
   * "not ok" saves an allocation per step in the search's inner loop, so a
   * State must never itself be `undefined` (use `null`).
   */
  step(state: State, input: Input, output: Output | undefined): State | undefined;
  /**
   * Whether the operation changes no state, whatever the state (a read with
   * a known answer, a cas that failed): `step` returns either its `state`
   * argument or undefined. Optional, but it makes the search much faster:
   * such an operation can be placed as soon as it fits, without trying the
   * orders in which it is placed later (moving a read-only operation earlier
   * keeps every later state the same and breaks no real-time constraint).
   */
  isReadOnly?(input: Input, output: Output | undefined): boolean;
  /** A 32-bit hash of a state, consistent with `equal`; the search memoizes on it. */
  hash(state: State): number;
  /** Whether two states are the same. */
  equal(a: State, b: State): boolean;
  /**
   * Splits a history into independent sub-histories that can be checked
   * separately (P-compositionality), e.g. one per key of a key–value store.
   * Returns groups of indexes into `operations`. Absent: the history is one partition.
   */
  partition?(operations: readonly Operation<Input, Output>[]): number[][];
  /** Names a partition returned by `partition` for reports, e.g. `key "x"`. */
  describePartition?(operations: readonly Operation<Input, Output>[], group: readonly number[]): string;
  /** A one-line description of an operation, e.g. `write 3` or `read → 3`. */
  describeOperation(input: Input, output: Output | undefined): string;
  /** A one-line description of a state, e.g. `3` or `{x: "a"}`. */
  describeState(state: State): string;
}
