/**
 * The trace format: the one contract between the simulator (which writes
 * traces), the checkers, the CLI and the sequence chart (which draws them).
 *
 * Plain, versioned JSON. Nothing here has behaviour; readers that need to
 * reconstruct a node's state at an event use `traceState.ts`.
 * The format is documented for users in docs/trace-format.md; a change here
 * that is not backwards compatible bumps TRACE_FORMAT_VERSION.
 */

export const TRACE_FORMAT = 'protocol-notebook-trace';
export const TRACE_FORMAT_VERSION = 1;

/**
 * A JSON value. Protocol state and payloads may hold `Map`, `Set`, `undefined`,
 * `bigint` and non-finite numbers; they are written as tagged objects
 * (see `EncodedValue` tags below) so that the JSON stays plain.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Tags used to encode non-JSON values inside a JsonValue:
 * - `{ "$map": [[k, v], ...] }` a Map, entries in insertion order
 * - `{ "$set": [v, ...] }` a Set, in insertion order
 * - `{ "$undefined": true }`, `{ "$bigint": "123" }`, `{ "$number": "NaN" | "Infinity" | "-Infinity" }`
 * An ordinary object whose only key starts with `$` is escaped as `{ "$object": {...} }`.
 */
export type EncodedValueTag = '$map' | '$set' | '$undefined' | '$bigint' | '$number' | '$object';

export interface Trace {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_FORMAT_VERSION;
  /** Seed the run was made with: the run is reproduced by the same configuration and seed. */
  seed: number;
  /** Virtual time bound the run was given, and the virtual time it actually ended at. */
  until: number;
  endTime: number;
  /**
   * Why the run ended: the time bound was reached, nothing was left to happen,
   * the step budget ran out, the caller stopped it, a handler threw
   * (the event has `error`), or a property failed with `stopOnViolation`.
   */
  endReason: 'until' | 'quiescent' | 'step-limit' | 'stopped' | 'handler-error' | 'violation';
  nodes: TraceNode[];
  messages: TraceMessage[];
  /** Events in the order they happened; `events[i].i === i + firstEventIndex`. */
  events: TraceEvent[];
  /** Index of events[0] (non-zero when bounded tracing dropped the beginning). */
  firstEventIndex: number;
  properties: PropertyVerdict[];
  /** Partition intervals, for shading in charts. */
  partitions: TracePartition[];
  /** Enough to rebuild any node's state at any event (see traceState.ts). */
  states: TraceStates;
  stats: RunStats;
  /** Present when bounded tracing kept only part of the run. */
  truncated?: TraceTruncation;
  /** Source locations of handlers, so a UI can jump from an event to the code that produced it. */
  handlers?: HandlerLocation[];
  /** The run's `healAt`: from this time on its faults stopped (a `heal` event marks it). */
  healAt?: number;
  /** Deliveries that, replayed twice against a copy of the receiver, showed their handler not idempotent (the run's `idempotency` findings). */
  idempotency?: IdempotencyWitness[];
}

/** A delivery whose second application changed state, durable storage, effects or sends. */
export interface IdempotencyWitness {
  /** `Kind.msgType`, e.g. `Account.deposit`. */
  handler: string;
  msgType: string;
  /** e.g. "delivering `deposit` #17 twice changed `balance` from 10 to 20 — seed 1, t=27". */
  witness: string;
  /** The delivery event that was replayed. */
  event: number;
}

export interface TraceNode {
  /** Node id as used in the run configuration (`account`, `n1`, …). */
  id: string;
  /** Name of the node definition (the exported const), when known. */
  kind?: string;
  /** Workload clients are drawn apart from servers. */
  role: 'node' | 'client';
  /** Clock skew and drift configured for the node, if any. */
  clock?: { skew: number; drift: number };
  byzantine?: boolean;
}

export type LossReason = 'loss' | 'partition' | 'crashed-receiver' | 'crashed-sender' | 'byzantine' | 'unknown-node' | 'run-ended';

export interface TraceMessage {
  id: number;
  type: string;
  from: string;
  to: string;
  payload: JsonValue;
  /** Virtual time and event index of the send. */
  sentAt: number;
  sendEvent: number;
  /** Every delivery of this message; more than one means duplicates were delivered. */
  deliveries: TraceDelivery[];
  /** Copies of the message that were lost, and why. A message can be duplicated and have one copy lost. */
  drops: TraceDrop[];
  /** Set when the message was corrupted after it was sent: every copy delivered carries the changed payload. */
  corruption?: TraceCorruption;
}

/**
 * A corruption of a message: one value of its payload with a bit changed,
 * by the network in flight (`network.corrupt`) or by the sending node's
 * `corrupt()` fault. `payload` of the message is what the handler sent.
 */
export interface TraceCorruption {
  /** The `corrupt` event. */
  event: number;
  by: 'network' | 'node';
  /** Where in the payload, e.g. `data[3]`. */
  path: string;
  before: JsonValue;
  after: JsonValue;
}

export interface TraceDelivery {
  event: number;
  at: number;
  /** True for the second and later deliveries of the same message (network duplication). */
  duplicate: boolean;
}

export interface TraceDrop {
  event: number;
  at: number;
  reason: LossReason;
}

export type TraceEventKind =
  | 'start'
  | 'send'
  | 'deliver'
  | 'drop'
  | 'duplicate'
  | 'corrupt'
  | 'timer'
  | 'timer-set'
  | 'timer-cancel'
  | 'crash'
  | 'recover'
  | 'partition-start'
  | 'partition-end'
  | 'heal'
  | 'effect'
  | 'log'
  | 'invoke'
  | 'complete'
  | 'violation';

export interface TraceEvent {
  /** Global event index. */
  i: number;
  kind: TraceEventKind;
  /** Virtual (global, true) time. */
  t: number;
  /** Node's local clock reading at the event (differs from t under skew/drift). */
  local?: number;
  /** The node the event happened on (for partition events, the first node of the cut). */
  node: string;
  lamport: number;
  /** Vector clock, one entry per node in `Trace.nodes` order. */
  vc: number[];
  /** Message id for send / deliver / drop / duplicate / corrupt. */
  msg?: number;
  /** For drop events. */
  reason?: LossReason;
  /** Timer name for timer / timer-set / timer-cancel. */
  timer?: string;
  /** Effect kind, log text, operation name, property name for violations, or who corrupted a message (`network`, `node`). */
  label?: string;
  /** Effect data, log data, operation arguments or result; for `corrupt`, `{ path, before, after }`. */
  data?: JsonValue;
  /** Event index that caused this one (the deliver/timer whose handler sent, logged, …). */
  cause?: number;
  /** For 'partition-*' events: the id of the TracePartition. */
  partition?: number;
  /** True when a handler ran for this event and changed the node's state. */
  stateChanged?: boolean;
  /** Set when the handler threw: the error text (the run continues; a property may fail). */
  error?: string;
}

export interface TracePartition {
  id: number;
  /** Groups that cannot talk to each other. For an asymmetric cut, `from` cannot reach `to` but `to` can reach `from`. */
  groups: string[][];
  asymmetric?: { from: string[]; to: string[] };
  start: number;
  /** Absent when the partition lasted to the end of the run. */
  end?: number;
  startEvent: number;
  endEvent?: number;
}

export interface PropertyVerdict {
  name: string;
  kind: 'always' | 'eventually' | 'builtin';
  status: 'pass' | 'fail' | 'unknown';
  /** Event index of the first violation (for `always`) or the end of run (for `eventually` not reached). */
  violatingEvent?: number;
  /** Virtual time of the violation. */
  at?: number;
  /** Human-readable explanation of a failure. */
  message?: string;
}

/**
 * Node states as keyframes plus changes: a full value every `keyframeEvery`
 * changes and a structural patch in between, per node.
 */
export interface TraceStates {
  keyframeEvery: number;
  byNode: Record<string, NodeStateHistory>;
}

export interface NodeStateHistory {
  /** Entries in event order. The first entry for a node is always a keyframe. */
  entries: StateEntry[];
}

export type StateEntry =
  /** Full state after `event`. */
  | { event: number; full: JsonValue }
  /** State after `event` = previous state with `patch` applied. */
  | { event: number; patch: StatePatch[] };

/** A change at a path in the encoded JSON state. `value` absent means delete. */
export interface StatePatch {
  path: (string | number)[];
  value?: JsonValue;
}

export interface RunStats {
  events: number;
  messagesSent: number;
  deliveries: number;
  duplicatesDelivered: number;
  dropped: number;
  timersFired: number;
  crashes: number;
  wallMs?: number;
}

export interface TraceTruncation {
  mode: 'last' | 'window' | 'off';
  keptEvents: number;
  droppedEvents: number;
  note: string;
}

export interface HandlerLocation {
  /** Node kind (definition name) and handler key, e.g. `Account` / `deposit` or `timer:retry`. */
  kind: string;
  handler: string;
  /** Cell index within the notebook and 0-based line/column in that cell. */
  cell?: number;
  line: number;
  column: number;
}
