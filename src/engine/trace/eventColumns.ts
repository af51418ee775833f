/**
 * The events of a trace while a run is going, stored column by column in
 * typed arrays rather than as one object per event: millions of events cost
 * no garbage-collector work. The columns are rings (see ring.ts): an event's
 * slot stays fixed while it is held, and dropping the oldest moves nothing.
 * Events become `TraceEvent` objects only when the trace is finished.
 */
import type { TraceEvent, TraceEventKind } from '../../common/traceFormat';
import type { EventFields } from './recorder';
import { regrowTyped } from './ring';

export const EVENT_KINDS: readonly TraceEventKind[] = [
  'start', 'send', 'deliver', 'drop', 'duplicate', 'timer', 'timer-set', 'timer-cancel', 'crash', 'recover',
  'partition-start', 'partition-end', 'effect', 'log', 'invoke', 'complete', 'violation', 'corrupt', 'heal',
];
export const KIND_CODE: Readonly<Record<TraceEventKind, number>> = Object.fromEntries(EVENT_KINDS.map((k, code) => [k, code])) as Record<TraceEventKind, number>;

export const FLAG_STATE_CHANGED = 1;
export const FLAG_DUPLICATE = 2;
const NONE = -1;

export class EventColumns {
  /** Number of events held; they are events first .. first + length - 1. */
  length = 0;
  first = 0;
  /** Slot of event `first`. */
  private head = 0;
  private mask: number;
  kind: Uint8Array;
  flags: Uint8Array;
  node: Uint16Array;
  t: Float64Array;
  /** NaN when the node's clock is not skewed. */
  local: Float64Array;
  lamport: Float64Array;
  msg: Float64Array;
  cause: Float64Array;
  /** `width` entries per event. */
  vc: Uint32Array;
  /** Rarer fields (label, data, timer, reason, …) by event index; most events have none. */
  extras = new Map<number, EventFields>();

  constructor(
    private readonly width: number,
    private capacity = 1024,
  ) {
    this.mask = capacity - 1;
    this.kind = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.node = new Uint16Array(capacity);
    this.t = new Float64Array(capacity);
    this.local = new Float64Array(capacity);
    this.lamport = new Float64Array(capacity);
    this.msg = new Float64Array(capacity);
    this.cause = new Float64Array(capacity);
    this.vc = new Uint32Array(capacity * width);
  }

  /** Appends an event of kind `code` (see KIND_CODE); returns its slot. `vc` is the node's vector clock after the event. */
  push(code: number, node: number, t: number, local: number | undefined, lamport: number, vc: Uint32Array, vcOffset: number, msg: number, cause: number, extras: EventFields | undefined): number {
    if (this.length === this.capacity) this.grow();
    const k = (this.head + this.length++) & this.mask;
    this.kind[k] = code;
    this.flags[k] = 0;
    this.node[k] = node;
    this.t[k] = t;
    this.local[k] = local === undefined ? NaN : local;
    this.lamport[k] = lamport;
    this.msg[k] = msg;
    this.cause[k] = cause;
    // A loop, not `set(subarray(…))`: that allocates a view per event.
    const w = this.width;
    const to = this.vc;
    const at = k * w;
    for (let j = 0; j < w; j++) to[at + j] = vc[vcOffset + j];
    if (extras) this.extras.set(this.first + this.length - 1, extras);
    return k;
  }

  /** Slot of event `i`, or -1 when it is not held. */
  slotOf(i: number): number {
    const k = i - this.first;
    return k >= 0 && k < this.length ? (this.head + k) & this.mask : -1;
  }

  /** Slot of the `n`-th event held (0: the oldest). */
  slotAt(n: number): number {
    return (this.head + n) & this.mask;
  }

  /** Drops the oldest `count` events. */
  dropOldest(count: number): void {
    this.head = (this.head + count) & this.mask;
    this.length -= count;
    this.first += count;
    // Map iteration follows insertion order, which is event order.
    for (const i of this.extras.keys()) {
      if (i >= this.first) break;
      this.extras.delete(i);
    }
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const { head, length } = this;
    this.kind = regrowTyped(this.kind, capacity, head, length);
    this.flags = regrowTyped(this.flags, capacity, head, length);
    this.node = regrowTyped(this.node, capacity, head, length);
    this.t = regrowTyped(this.t, capacity, head, length);
    this.local = regrowTyped(this.local, capacity, head, length);
    this.lamport = regrowTyped(this.lamport, capacity, head, length);
    this.msg = regrowTyped(this.msg, capacity, head, length);
    this.cause = regrowTyped(this.cause, capacity, head, length);
    this.vc = regrowTyped(this.vc, capacity, head, length, this.width);
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.head = 0;
  }

  /** The `n`-th event held (0: the oldest) in the trace format. */
  toTraceEvent(n: number, ids: readonly string[]): TraceEvent {
    const k = this.slotAt(n);
    const w = this.width;
    const at = k * w;
    const vc = new Array<number>(w);
    for (let j = 0; j < w; j++) vc[j] = this.vc[at + j];
    const i = this.first + n;
    const kind = EVENT_KINDS[this.kind[k]];
    const t = this.t[k];
    const node = ids[this.node[k]];
    const lamport = this.lamport[k];
    // Field order is fixed, so that equal runs serialise to equal bytes.
    const local = this.local[k];
    return this.withFields(Number.isNaN(local) ? { i, kind, t, node, lamport, vc } : { i, kind, t, local, node, lamport, vc }, k, i);
  }

  private withFields(event: TraceEvent, k: number, i: number): TraceEvent {
    const extras = this.extras.get(i);
    if (this.msg[k] !== NONE) event.msg = this.msg[k];
    if (extras) {
      if (extras.reason !== undefined) event.reason = extras.reason;
      if (extras.timer !== undefined) event.timer = extras.timer;
      if (extras.label !== undefined) event.label = extras.label;
      if (extras.data !== undefined) event.data = extras.data;
    }
    if (this.cause[k] !== NONE) event.cause = this.cause[k];
    if (extras?.partition !== undefined) event.partition = extras.partition;
    if (this.flags[k] & FLAG_STATE_CHANGED) event.stateChanged = true;
    if (extras?.error !== undefined) event.error = extras.error;
    return event;
  }
}
