/**
 * Writes the trace of a run as it happens: events with Lamport and vector
 * clocks, messages with their deliveries and drops, partitions, and node
 * states as keyframes and patches. Bounded: beyond `maxEvents` it keeps the
 * last events, or the window around the first violation.
 *
 * Events and messages are held in columns (see eventColumns.ts) and turned
 * into trace objects only by `finish`, which keeps tracing cheap.
 */
import type {
  JsonValue,
  LossReason,
  NodeStateHistory,
  StatePatch,
  TraceEvent,
  TraceEventKind,
  TraceMessage,
  TracePartition,
  TraceStates,
  TraceTruncation,
} from '../../common/traceFormat';
import { encodeValue } from '../../common/valueEncoding';
import { EventColumns, FLAG_DUPLICATE, FLAG_STATE_CHANGED, KIND_CODE } from './eventColumns';
import { FlatChanges } from './flatFields';
import { MessageColumns } from './messageColumns';
import { StateLog } from './stateLog';
import { syncState } from './stateSync';

export interface RecorderOptions {
  mode: 'window' | 'last';
  maxEvents: number;
  keyframeEvery: number;
}

/** Extra fields of an event. */
export type EventFields = Partial<Pick<TraceEvent, 'msg' | 'reason' | 'timer' | 'label' | 'data' | 'cause' | 'partition' | 'error'>>;

/** Patches beyond this many for one change make a keyframe instead: it is smaller. */
const MAX_PATCHES_PER_CHANGE = 32;
const NONE = -1;
const SEND = KIND_CODE.send;
const DELIVER = KIND_CODE.deliver;

/**
 * Event indexes are passed by the world for readability at the call sites;
 * the recorder holds events in order, so an event's index is implied by its position.
 */
export class TraceRecorder {
  private readonly events: EventColumns;
  private readonly messages: MessageColumns;
  private readonly width: number;
  private readonly lamport: Float64Array;
  /** Vector clocks of all nodes, `width` entries per node. */
  private readonly vc: Uint32Array;
  private readonly histories: StateLog[];
  /** Each node's last recorded state, encoded: a private mirror, updated in place (never shared with entries). */
  private readonly lastState: (JsonValue | undefined)[];
  /** The number of fields of each node's mirror when it is a flat object the last sync left, else -1. */
  private readonly mirrorFields: Int32Array;
  private readonly changesSinceKeyframe: number[];
  private readonly partitions: TracePartition[] = [];
  /** Reused by `state` for flat states, the common case (see flatFields.ts). */
  private readonly flat = new FlatChanges();
  private violationEvent: number | undefined;
  /** Set when the window after a violation is full: nothing more is recorded. */
  private frozen = false;
  /** Trimming goes in chunks of a quarter of the window, so that it is rare: past this many events held. */
  private readonly trimAbove: number;

  constructor(
    private readonly ids: readonly string[],
    private readonly options: RecorderOptions,
  ) {
    const n = ids.length;
    this.width = n;
    this.events = new EventColumns(n);
    this.messages = new MessageColumns(n);
    this.lamport = new Float64Array(n);
    this.vc = new Uint32Array(n * n);
    this.histories = ids.map(() => new StateLog());
    this.lastState = new Array(n).fill(undefined);
    this.changesSinceKeyframe = new Array(n).fill(0);
    this.mirrorFields = new Int32Array(n).fill(-1);
    this.trimAbove = options.maxEvents + Math.max(1, Math.floor(options.maxEvents / 4));
  }

  /** An event on `node` that advances its clocks (a handler step, an effect, …). */
  event(_i: number, kind: TraceEventKind, node: number, t: number, local: number | undefined, fields?: EventFields): void {
    if (this.frozen) return;
    this.tick(node);
    this.push(KIND_CODE[kind], node, t, local, fields?.msg ?? NONE, fields?.cause ?? NONE, fields);
  }

  /** A send, followed by `message`: the hot path, with no fields object. */
  send(_i: number, node: number, t: number, local: number | undefined, msg: number, cause: number): void {
    if (this.frozen) return;
    this.tick(node);
    this.push(SEND, node, t, local, msg, cause, undefined);
  }

  /** A delivery: the receiver's clocks merge the sender's clocks at the send. */
  deliver(_i: number, node: number, t: number, local: number | undefined, msg: number, duplicate: boolean): void {
    if (this.frozen) return;
    const messages = this.messages;
    const m = messages.slotOf(msg);
    if (m >= 0) {
      // The sender's clocks at the send: those of the send event, or their copy once it is trimmed.
      const events = this.events;
      const s = events.slotOf(messages.sendEvent[m]);
      const lamport = s >= 0 ? events.lamport[s] : messages.lamport[m];
      const clocks = s >= 0 ? events.vc : messages.vc;
      if (lamport > this.lamport[node]) this.lamport[node] = lamport;
      const w = this.width;
      const mine = node * w;
      const theirs = (s >= 0 ? s : m) * w;
      for (let k = 0; k < w; k++) if (clocks[theirs + k] > this.vc[mine + k]) this.vc[mine + k] = clocks[theirs + k];
      messages.inFlight[m]--;
    }
    this.tick(node);
    const slot = this.push(DELIVER, node, t, local, msg, NONE, undefined);
    if (duplicate && slot >= 0) this.events.flags[slot] |= FLAG_DUPLICATE;
  }

  /** An event of the network or the environment drawn on `node` without advancing its clocks (drop, duplicate, partition, violation). */
  networkEvent(_i: number, kind: TraceEventKind, node: number, t: number, fields?: EventFields): void {
    if (this.frozen) return;
    this.push(KIND_CODE[kind], node, t, undefined, fields?.msg ?? NONE, fields?.cause ?? NONE, fields);
  }

  /** A message was sent at event `sendEvent` (just recorded with `send`). */
  message(id: number, type: string, to: string, payload: unknown, sendEvent: number): void {
    if (this.frozen) return;
    this.messages.add(id, type, to, payload, sendEvent);
  }

  /** A copy of message `id` was put in flight. */
  copyInFlight(id: number): void {
    const m = this.messages.slotOf(id);
    if (m >= 0) this.messages.inFlight[m]++;
  }

  /** A copy of message `id` was lost (its drop event is already recorded); `inFlight` if it had been scheduled. */
  drop(id: number, _event: number, _at: number, _reason: LossReason, inFlight: boolean): void {
    if (!inFlight) return;
    const m = this.messages.slotOf(id);
    if (m >= 0) this.messages.inFlight[m]--;
  }

  /** The state of `node` after event `event`; stores a keyframe or a patch when it changed. */
  state(node: number, event: number, value: unknown): void {
    // A step's state is recorded after what it sent: the window may have closed on a send of the event's own step.
    if (this.frozen && this.events.slotOf(event) < 0) return;
    const raw = value === undefined ? null : value;
    const mirror = this.lastState[node];
    const log = this.histories[node];
    const flat = this.flat;
    if (mirror !== undefined && flat.sync(mirror, raw, this.mirrorFields[node])) {
      this.mirrorFields[node] = flat.fields;
      const count = flat.count;
      if (count === 0) return;
      if (++this.changesSinceKeyframe[node] >= this.options.keyframeEvery || count > MAX_PATCHES_PER_CHANGE) {
        this.changesSinceKeyframe[node] = 0;
        log.pushFull(event, encodeValue(raw));
      } else if (count === 1 && flat.values[0] !== undefined) {
        log.pushField(event, flat.keys[0], flat.values[0]);
      } else if (count === 2 && flat.values[0] !== undefined && flat.values[1] !== undefined) {
        log.pushTwoFields(event, flat.keys[0], flat.values[0], flat.keys[1], flat.values[1]);
      } else {
        log.pushPatch(event, flat.toPatches());
      }
    } else if (mirror === undefined) {
      log.pushFull(event, encodeValue(raw));
      this.lastState[node] = encodeValue(raw);
      this.mirrorFields[node] = -1;
    } else {
      const patch: StatePatch[] = [];
      this.lastState[node] = syncState(mirror, raw, patch);
      this.mirrorFields[node] = -1;
      if (patch.length === 0) return;
      if (++this.changesSinceKeyframe[node] >= this.options.keyframeEvery || patch.length > MAX_PATCHES_PER_CHANGE) {
        this.changesSinceKeyframe[node] = 0;
        log.pushFull(event, encodeValue(raw));
      } else {
        log.pushPatch(event, patch);
      }
    }
    const slot = this.events.slotOf(event);
    if (slot >= 0) this.events.flags[slot] |= FLAG_STATE_CHANGED;
  }

  /** Index (in node order) of the node event `event` happened on, when the trace still holds it. */
  nodeOfEvent(event: number): number | undefined {
    const slot = this.events.slotOf(event);
    return slot >= 0 ? this.events.node[slot] : undefined;
  }

  /** Marks event `event` as the one whose handler threw. */
  markError(event: number, text: string): void {
    if (this.events.slotOf(event) >= 0) this.events.extras.set(event, { ...this.events.extras.get(event), error: text });
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
    const before = event - this.events.first;
    if (before > keepBefore) this.trim(before - keepBefore);
  }

  private tick(node: number): void {
    this.lamport[node]++;
    this.vc[node * this.width + node]++;
  }

  /**
   * Records an event of kind `code`; returns its slot (which trimming leaves
   * as it is), or -1 when the window after a violation is full. The window
   * is closed here, at the first event left out, rather than at the last one
   * kept: what follows that one (its state, the message it sent) is kept too.
   */
  private push(code: number, node: number, t: number, local: number | undefined, msg: number, cause: number, fields: EventFields | undefined): number {
    const events = this.events;
    if (this.violationEvent !== undefined && this.options.mode === 'window') {
      if (events.first + events.length - 1 - this.violationEvent >= Math.max(1, Math.floor(this.options.maxEvents / 2))) {
        this.frozen = true;
        return -1;
      }
      return events.push(code, node, t, local, this.lamport[node], this.vc, node * this.width, msg, cause, fields);
    }
    const slot = events.push(code, node, t, local, this.lamport[node], this.vc, node * this.width, msg, cause, fields);
    if (events.length > this.trimAbove) this.trim(events.length - this.options.maxEvents);
    return slot;
  }

  /** Drops the first `count` events, and the messages and states only they referred to. */
  private trim(count: number): void {
    const events = this.events;
    const messages = this.messages;
    const newFirst = events.first + count;
    messages.forgetBefore(newFirst);
    // A message still listed outlives its send event: it keeps a copy of what the event said of it.
    const w = this.width;
    messages.forEachSentBetween(events.first, newFirst, (m, sendEvent) => {
      const s = events.slotOf(sendEvent);
      messages.from[m] = events.node[s];
      messages.sentAt[m] = events.t[s];
      messages.lamport[m] = events.lamport[s];
      for (let j = 0; j < w; j++) messages.vc[m * w + j] = events.vc[s * w + j];
    });
    events.dropOldest(count);
    for (const log of this.histories) log.trimBefore(newFirst);
  }

  /** What the trace says about itself without its events: where its window starts, its partitions, and why it is truncated, if it is. */
  summary(totalEvents: number): { firstEventIndex: number; partitions: TracePartition[]; truncated?: TraceTruncation } {
    const kept = this.events.length;
    const firstEventIndex = this.events.first;
    const droppedAfter = totalEvents - firstEventIndex - kept;
    let truncated: TraceTruncation | undefined;
    if (firstEventIndex > 0 || droppedAfter > 0) {
      const range = `events ${firstEventIndex}–${firstEventIndex + kept - 1} of ${totalEvents}`;
      const note =
        this.options.mode === 'window' && this.violationEvent !== undefined
          ? `The run had ${totalEvents} events; the trace keeps the ${kept} around the first violation (event ${this.violationEvent}): ${range}.`
          : `The run had ${totalEvents} events; the trace keeps the last ${kept} (${range}). Raise trace.maxEvents to keep more.`;
      truncated = { mode: this.options.mode, keptEvents: kept, droppedEvents: totalEvents - kept, note };
    }
    return { firstEventIndex, partitions: this.partitions, truncated };
  }

  /** The recorded events, messages and states, in the trace format: built from the columns on each call. */
  parts(): { events: TraceEvent[]; messages: TraceMessage[]; states: TraceStates } {
    const columns = this.events;
    const events: TraceEvent[] = new Array(columns.length);
    for (let k = 0; k < columns.length; k++) events[k] = columns.toTraceEvent(k, this.ids);
    const messages = this.finishMessages(events);
    const byNode: Record<string, NodeStateHistory> = {};
    this.ids.forEach((id, k) => (byNode[id] = this.histories[k].toHistory()));
    return { events, messages, states: { keyframeEvery: this.options.keyframeEvery, byNode } };
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
    const { firstEventIndex, partitions, truncated } = this.summary(totalEvents);
    const { events, messages, states } = this.parts();
    return { events, firstEventIndex, messages, partitions, states, truncated };
  }

  /** Messages the kept events refer to (or still in flight), with the deliveries and drops among the kept events. */
  private finishMessages(events: readonly TraceEvent[]): TraceMessage[] {
    const columns = this.messages;
    const base = columns.base;
    // Ids are consecutive, so the messages are found by `id - base` rather than in a map.
    const messages: TraceMessage[] = new Array(columns.held);
    for (let k = 0; k < messages.length; k++) {
      const id = base + k;
      const m = columns.slotOf(id);
      const sendEvent = columns.sendEvent[m];
      const s = this.events.slotOf(sendEvent);
      const from = s >= 0 ? this.events.node[s] : columns.from[m];
      const sentAt = s >= 0 ? this.events.t[s] : columns.sentAt[m];
      messages[k] = { id, type: columns.type[m] as string, from: this.ids[from], to: columns.to[m] as string, payload: columns.payloads.get(m), sentAt, sendEvent, deliveries: [], drops: [] };
    }
    const eventColumns = this.events;
    const flags = eventColumns.flags;
    for (let k = 0; k < events.length; k++) {
      const event = events[k];
      if (event.msg === undefined) continue;
      const index = event.msg - base;
      if (index < 0 || index >= messages.length) continue;
      const message = messages[index];
      if (event.kind === 'deliver') message.deliveries.push({ event: event.i, at: event.t, duplicate: (flags[eventColumns.slotAt(k)] & FLAG_DUPLICATE) !== 0 });
      else if (event.kind === 'drop') message.drops.push({ event: event.i, at: event.t, reason: event.reason as LossReason });
      else if (event.kind === 'corrupt') message.corruption = { event: event.i, by: event.label === 'node' ? 'node' : 'network', ...(event.data as { path: string; before: JsonValue; after: JsonValue }) };
    }
    return messages;
  }
}
