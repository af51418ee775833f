/**
 * Writes the trace of a run as it happens: events with Lamport and vector
 * clocks, messages with their deliveries and drops, partitions, and node
 * states as keyframes and patches. Bounded: beyond `maxEvents` it keeps the
 * last events, or the window around the first violation.
 */
import type {
  JsonValue,
  LossReason,
  NodeStateHistory,
  TraceEvent,
  TraceEventKind,
  TraceMessage,
  TracePartition,
  TraceStates,
  TraceTruncation,
} from '../../common/traceFormat';
import { stateAfter } from '../../common/traceState';
import { encodeValue } from '../../common/valueEncoding';
import { diffStates } from './stateDiff';

export interface RecorderOptions {
  mode: 'window' | 'last';
  maxEvents: number;
  keyframeEvery: number;
}

/** Extra fields of an event, in the order they are written. */
export type EventFields = Partial<Pick<TraceEvent, 'msg' | 'reason' | 'timer' | 'label' | 'data' | 'cause' | 'partition' | 'error'>>;

/** Bookkeeping of a message the trace still holds. */
interface MessageBook {
  message: TraceMessage;
  lamport: number;
  vc: number[];
  /** Copies scheduled for delivery and not yet delivered or dropped. */
  inFlight: number;
  lastEvent: number;
}

/** Patches beyond this many for one change make a keyframe instead: it is smaller. */
const MAX_PATCHES_PER_CHANGE = 32;

export class TraceRecorder {
  private events: TraceEvent[] = [];
  private firstEventIndex = 0;
  private droppedBefore = 0;
  private readonly books = new Map<number, MessageBook>();
  private readonly lamport: number[];
  private readonly vc: number[][];
  private readonly histories: NodeStateHistory[];
  private readonly lastState: (JsonValue | undefined)[];
  private readonly changesSinceKeyframe: number[];
  private readonly partitions: TracePartition[] = [];
  private violationEvent: number | undefined;
  /** Set when the window after a violation is full: nothing more is recorded. */
  private frozenAt: number | undefined;

  constructor(
    private readonly ids: readonly string[],
    private readonly options: RecorderOptions,
  ) {
    const n = ids.length;
    this.lamport = new Array(n).fill(0);
    this.vc = ids.map(() => new Array(n).fill(0));
    this.histories = ids.map(() => ({ entries: [] }));
    this.lastState = new Array(n).fill(undefined);
    this.changesSinceKeyframe = new Array(n).fill(0);
  }

  /** An event on `node` that advances its clocks (a handler step, a send, an effect, …). */
  event(i: number, kind: TraceEventKind, node: number, t: number, local: number | undefined, fields?: EventFields): void {
    if (this.frozenAt !== undefined) return;
    this.lamport[node]++;
    this.vc[node][node]++;
    this.push(i, kind, node, t, local, fields);
  }

  /** A delivery: the receiver's clocks merge the sender's clocks at the send. */
  deliver(i: number, node: number, t: number, local: number | undefined, msg: number, duplicate: boolean): void {
    if (this.frozenAt !== undefined) return;
    const book = this.books.get(msg);
    if (book) {
      this.lamport[node] = Math.max(this.lamport[node], book.lamport);
      const mine = this.vc[node];
      for (let k = 0; k < mine.length; k++) if (book.vc[k] > mine[k]) mine[k] = book.vc[k];
      book.inFlight--;
      book.lastEvent = i;
      book.message.deliveries.push({ event: i, at: t, duplicate });
    }
    this.lamport[node]++;
    this.vc[node][node]++;
    this.push(i, 'deliver', node, t, local, { msg });
  }

  /** An event of the network or the environment drawn on `node` without advancing its clocks (drop, duplicate, partition). */
  networkEvent(i: number, kind: TraceEventKind, node: number, t: number, fields?: EventFields): void {
    if (this.frozenAt !== undefined) return;
    this.push(i, kind, node, t, undefined, fields);
  }

  /** A message was sent at event `sendEvent` (already recorded with `event`). */
  message(id: number, type: string, from: number, to: string, payload: unknown, sentAt: number, sendEvent: number): void {
    if (this.frozenAt !== undefined) return;
    const message: TraceMessage = { id, type, from: this.ids[from], to, payload: encodeValue(payload), sentAt, sendEvent, deliveries: [], drops: [] };
    const sendRecord = this.events[this.events.length - 1];
    this.books.set(id, { message, lamport: sendRecord.lamport, vc: sendRecord.vc, inFlight: 0, lastEvent: sendEvent });
  }

  /** A copy of message `id` was put in flight. */
  copyInFlight(id: number): void {
    const book = this.books.get(id);
    if (book) book.inFlight++;
  }

  /** A copy of message `id` was lost at event `event` (already recorded), `inFlight` if it had been scheduled. */
  drop(id: number, event: number, at: number, reason: LossReason, inFlight: boolean): void {
    if (this.frozenAt !== undefined) return;
    const book = this.books.get(id);
    if (!book) return;
    if (inFlight) book.inFlight--;
    book.lastEvent = event;
    book.message.drops.push({ event, at, reason });
  }

  /** The state of `node` after event `event`; stores a keyframe or a patch when it changed. */
  state(node: number, event: number, value: unknown): void {
    if (this.frozenAt !== undefined) return;
    const encoded = value === undefined ? null : encodeValue(value);
    const previous = this.lastState[node];
    const entries = this.histories[node].entries;
    if (previous === undefined) {
      entries.push({ event, full: encoded });
    } else {
      const patch = diffStates(previous, encoded);
      if (patch.length === 0) return;
      if (++this.changesSinceKeyframe[node] >= this.options.keyframeEvery || patch.length > MAX_PATCHES_PER_CHANGE) {
        this.changesSinceKeyframe[node] = 0;
        entries.push({ event, full: encoded });
      } else {
        entries.push({ event, patch });
      }
    }
    this.lastState[node] = encoded;
    const record = this.events[event - this.firstEventIndex];
    if (record && record.i === event) record.stateChanged = true;
  }

  /** Index (in node order) of the node event `event` happened on, when the trace still holds it. */
  nodeOfEvent(event: number): number | undefined {
    const record = this.events[event - this.firstEventIndex];
    return record && record.i === event ? this.ids.indexOf(record.node) : undefined;
  }

  /** Marks event `event` as the one whose handler threw. */
  markError(event: number, text: string): void {
    const record = this.events[event - this.firstEventIndex];
    if (record && record.i === event) record.error = text;
  }

  partitionStart(partition: TracePartition): void {
    this.partitions.push(partition);
  }

  partitionEnd(id: number, end: number, endEvent: number): void {
    const partition = this.partitions.find((p) => p.id === id);
    if (partition) {
      partition.end = end;
      partition.endEvent = endEvent;
    }
  }

  /** The first violation: in window mode, keeps the events around it and stops recording after. */
  violation(event: number): void {
    if (this.violationEvent !== undefined) return;
    this.violationEvent = event;
    if (this.options.mode !== 'window') return;
    const keepBefore = Math.ceil(this.options.maxEvents / 2);
    const before = event - this.firstEventIndex;
    if (before > keepBefore) this.trim(before - keepBefore);
  }

  private push(i: number, kind: TraceEventKind, node: number, t: number, local: number | undefined, fields?: EventFields): void {
    const record: TraceEvent = { i, kind, t, node: this.ids[node], lamport: this.lamport[node], vc: this.vc[node].slice() };
    if (local !== undefined) record.local = local;
    if (fields) Object.assign(record, fields);
    this.events.push(record);
    const max = this.options.maxEvents;
    if (this.violationEvent !== undefined && this.options.mode === 'window') {
      if (i - this.violationEvent >= Math.floor(max / 2)) this.frozenAt = i;
      return;
    }
    // Trim in chunks of a quarter, so that trimming costs O(1) per event on average.
    if (this.events.length > max + Math.max(1, Math.floor(max / 4))) this.trim(this.events.length - max);
  }

  /** Drops the first `count` events, and the messages and states only they referred to. */
  private trim(count: number): void {
    const newFirst = this.firstEventIndex + count;
    this.events = this.events.slice(count);
    for (let node = 0; node < this.histories.length; node++) {
      const history = this.histories[node];
      const entries = history.entries;
      let cut = 0;
      while (cut < entries.length && entries[cut].event < newFirst) cut++;
      if (cut === 0) continue;
      const carried = stateAfter({ states: { keyframeEvery: 0, byNode: { n: history } } }, 'n', newFirst - 1);
      history.entries = entries.slice(cut);
      if (carried !== undefined) history.entries.unshift({ event: newFirst - 1, full: carried });
    }
    for (const [id, book] of this.books) {
      if (book.inFlight <= 0 && book.lastEvent < newFirst) this.books.delete(id);
    }
    this.firstEventIndex = newFirst;
    this.droppedBefore += count;
  }

  /** The recorded parts of the trace, in the trace format. */
  finish(totalEvents: number): {
    events: TraceEvent[];
    firstEventIndex: number;
    messages: TraceMessage[];
    partitions: TracePartition[];
    states: TraceStates;
    truncated?: TraceTruncation;
  } {
    const byNode: Record<string, NodeStateHistory> = {};
    this.ids.forEach((id, k) => (byNode[id] = this.histories[k]));
    const messages = [...this.books.values()].map((b) => b.message).sort((a, b) => a.id - b.id);
    const kept = this.events.length;
    const droppedAfter = totalEvents - this.firstEventIndex - kept;
    let truncated: TraceTruncation | undefined;
    if (this.droppedBefore > 0 || droppedAfter > 0) {
      const range = `events ${this.firstEventIndex}–${this.firstEventIndex + kept - 1} of ${totalEvents}`;
      const note =
        this.options.mode === 'window' && this.violationEvent !== undefined
          ? `The run had ${totalEvents} events; the trace keeps the ${kept} around the first violation (event ${this.violationEvent}): ${range}.`
          : `The run had ${totalEvents} events; the trace keeps the last ${kept} (${range}). Raise trace.maxEvents to keep more.`;
      truncated = { mode: this.options.mode, keptEvents: kept, droppedEvents: totalEvents - kept, note };
    }
    return { events: this.events, firstEventIndex: this.firstEventIndex, messages, partitions: this.partitions, states: { keyframeEvery: this.options.keyframeEvery, byNode }, truncated };
  }
}
