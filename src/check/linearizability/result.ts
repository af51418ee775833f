/**
 * What a linearizability check returns: plain data, so it can cross to the
 * CLI, the kernel and the webview as JSON. Operation numbers are indexes into
 * the operations (or the History) that were checked.
 */

/** `unknown` means the time or step limit ran out before the search could decide. */
export type LinearizabilityVerdict = 'linearizable' | 'not-linearizable' | 'unknown';

/** The verdict on one independent sub-history (a key, for a key–value store). */
export interface PartitionVerdict {
  /** Names the partition, e.g. `key "x"`; "all" when the history was not split. */
  label: string;
  /** The operations of this partition. */
  operations: number[];
  verdict: LinearizabilityVerdict;
  /** When linearizable: the operations in an order that explains every answer (a witness). */
  linearization?: number[];
}

/**
 * Why a partition is not linearizable: the longest sequence of its
 * operations that could be placed in a valid order, and the operation that
 * could then be placed nowhere — it had to take effect before it returned,
 * but neither it nor any operation concurrent with it could take effect in
 * the state reached.
 */
export interface LinearizabilityExplanation {
  /** Index into `partitions` of the failing partition. */
  partition: number;
  /** The longest linearizable prefix found, in linearization order. */
  longestPrefix: number[];
  /** The model state after `longestPrefix`, described. */
  stateAfterPrefix: string;
  /** The operation that returned before it (or anything concurrent) could be placed. */
  cannotPlace: number;
  /** Every operation that was a candidate at that point (pending, not yet placed), `cannotPlace` included. */
  candidates: number[];
  /** A human-readable account of the above, with operations described by the model. */
  message: string;
}

/** The result of checking a history against a model. */
export interface LinearizabilityResult {
  /** `not-linearizable` if any partition is; `unknown` if none is but some ran out of time or steps. */
  verdict: LinearizabilityVerdict;
  /** The model's name, e.g. "register". */
  model: string;
  partitions: PartitionVerdict[];
  /** Present when the verdict is `not-linearizable`. */
  explanation?: LinearizabilityExplanation;
}
