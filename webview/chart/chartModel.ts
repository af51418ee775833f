/**
 * Turns a trace into what the chart draws: lanes, arrows, lifeline marks and
 * partition bands, each with the event it stands for. Pure data, built once
 * per trace; layout and drawing read it, filters only hide parts of it.
 */
import type { LossReason, Trace, TraceEvent, TraceEventKind, TraceMessage } from '../../src/common/traceFormat';

export interface Lane {
  id: string;
  kind?: string;
  role: 'node' | 'client';
  index: number;
}

/** One line from a send to what became of one copy of the message. */
export interface Arrow {
  msg: TraceMessage;
  from: number;
  to: number;
  sendEvent: TraceEvent;
  /** The delivery or drop event; undefined while the message was still in flight when the run ended. */
  endEvent: TraceEvent | undefined;
  fate: 'delivered' | 'duplicate' | 'lost' | 'in-flight';
  reason?: LossReason;
}

/** Event kinds drawn as a mark on a lifeline (sends and deliveries are drawn as arrows). */
export type MarkKind = Exclude<TraceEventKind, 'send' | 'deliver' | 'drop' | 'partition-start' | 'partition-end'>;

export interface Mark {
  kind: MarkKind;
  lane: number;
  event: TraceEvent;
}

export interface Band {
  partition: number;
  /** Lanes cut off from the rest (the smaller side(s) of the partition). */
  lanes: number[];
  start: number;
  end: number;
  startLamport: number;
  endLamport: number;
  label: string;
}

/** A stretch of a lifeline during which the node was down. */
export interface Downtime {
  lane: number;
  from: TraceEvent;
  to?: TraceEvent;
}

export interface ChartModel {
  trace: Trace;
  lanes: Lane[];
  laneOf: Map<string, number>;
  arrows: Arrow[];
  marks: Mark[];
  bands: Band[];
  downtimes: Downtime[];
  /** Events that are drawn (arrows' ends and marks), in event order. */
  drawnEvents: TraceEvent[];
  /** Violation events, in event order. */
  violations: TraceEvent[];
  messageTypes: string[];
  /** Names of the timers the run set, fired or cancelled, sorted. */
  timerNames: string[];
  eventAt: (index: number) => TraceEvent | undefined;
  /** Arrows touching an event: all copies of a message for its send, the one arrow of a delivery or drop. */
  arrowsOf(event: TraceEvent): readonly Arrow[];
  maxTime: number;
  maxLamport: number;
  /** The run's `heal` event (its faults stopped), when it has one. */
  heal?: TraceEvent;
}

export const LOSS_REASON_TEXT: Record<LossReason, string> = {
  loss: 'lost',
  partition: 'partition',
  'crashed-receiver': 'receiver crashed',
  'crashed-sender': 'sender crashed',
  byzantine: 'byzantine',
  'unknown-node': 'unknown node',
  'run-ended': 'run ended',
};

export function buildChartModel(trace: Trace): ChartModel {
  const lanes: Lane[] = trace.nodes.map((n, index) => ({ id: n.id, role: n.role, index, ...(n.kind ? { kind: n.kind } : {}) }));
  const laneOf = new Map(lanes.map((l) => [l.id, l.index]));
  const first = trace.firstEventIndex;
  const eventAt = (index: number) => trace.events[index - first];
  const arrows: Arrow[] = [];
  // Lookups by position rather than per-event maps: a 100,000-event trace should not cost 100,000 small arrays.
  const byMessage: Arrow[][] = [];
  const byEnd = new Map<number, Arrow>();
  for (const msg of trace.messages) {
    const sendEvent = eventAt(msg.sendEvent);
    const from = laneOf.get(msg.from);
    const to = laneOf.get(msg.to);
    if (!sendEvent || from === undefined || to === undefined) continue;
    const copies: Arrow[] = [];
    byMessage[msg.id] = copies;
    const add = (arrow: Arrow) => {
      arrows.push(arrow);
      copies.push(arrow);
      if (arrow.endEvent) byEnd.set(arrow.endEvent.i, arrow);
    };
    for (const d of msg.deliveries) add({ msg, from, to, sendEvent, endEvent: eventAt(d.event), fate: d.duplicate ? 'duplicate' : 'delivered' });
    for (const d of msg.drops) add({ msg, from, to, sendEvent, endEvent: eventAt(d.event), fate: 'lost', reason: d.reason });
    if (msg.deliveries.length === 0 && msg.drops.length === 0) add({ msg, from, to, sendEvent, endEvent: undefined, fate: 'in-flight' });
  }
  const none: readonly Arrow[] = [];
  const arrowsOf = (event: TraceEvent): readonly Arrow[] => {
    if (event.msg === undefined) return none;
    if (event.kind === 'send') return byMessage[event.msg] ?? none;
    const arrow = byEnd.get(event.i);
    return arrow ? [arrow] : none;
  };
  // Arrows sorted by where they start, so a window query can stop early.
  arrows.sort((a, b) => a.sendEvent.i - b.sendEvent.i);

  const marks: Mark[] = [];
  const violations: TraceEvent[] = [];
  const downtimes: Downtime[] = [];
  const openDowntime = new Map<number, Downtime>();
  let maxTime = trace.endTime;
  let maxLamport = 0;
  let heal: TraceEvent | undefined;
  for (const event of trace.events) {
    maxTime = Math.max(maxTime, event.t);
    maxLamport = Math.max(maxLamport, event.lamport);
    const lane = laneOf.get(event.node);
    if (lane === undefined) continue;
    switch (event.kind) {
      case 'send':
      case 'deliver':
      case 'drop':
      case 'partition-start':
      case 'partition-end':
        break;
      default:
        marks.push({ kind: event.kind, lane, event });
    }
    if (event.kind === 'violation') violations.push(event);
    if (event.kind === 'heal') heal = event;
    if (event.kind === 'crash') {
      const d: Downtime = { lane, from: event };
      downtimes.push(d);
      openDowntime.set(lane, d);
    } else if (event.kind === 'recover') {
      const d = openDowntime.get(lane);
      if (d) d.to = event;
      openDowntime.delete(lane);
    }
  }

  const bands = trace.partitions.map((p) => {
    const groups = p.asymmetric ? [p.asymmetric.from] : smallerSides(p.groups);
    const startEvent = eventAt(p.startEvent);
    const endEvent = p.endEvent !== undefined ? eventAt(p.endEvent) : undefined;
    return {
      partition: p.id,
      lanes: groups.flat().flatMap((id) => laneOf.get(id) ?? []),
      start: p.start,
      end: p.end ?? maxTime,
      startLamport: startEvent?.lamport ?? 0,
      endLamport: endEvent?.lamport ?? maxLamport,
      label: p.asymmetric
        ? `partition: ${p.asymmetric.from.join(', ')} cannot reach ${p.asymmetric.to.join(', ')}`
        : `partition: ${p.groups.map((g) => `{${g.join(', ')}}`).join(' | ')}`,
    };
  });

  const drawnEvents = trace.events.filter((e) => e.kind !== 'partition-start' && e.kind !== 'partition-end' && laneOf.has(e.node));
  const messageTypes = [...new Set(trace.messages.map((m) => m.type))].sort();
  const timerNames = [...new Set(marks.flatMap((m) => (m.kind === 'timer' || m.kind === 'timer-set' || m.kind === 'timer-cancel' ? [m.event.timer ?? 'timer'] : [])))].sort();
  return { trace, lanes, laneOf, arrows, marks, bands, downtimes, drawnEvents, violations, messageTypes, timerNames, eventAt, arrowsOf, maxTime, maxLamport, ...(heal ? { heal } : {}) };
}

/** All groups but the largest: the side that is "cut off" and gets shaded. */
function smallerSides(groups: string[][]): string[][] {
  if (groups.length < 2) return groups;
  let largest = 0;
  groups.forEach((g, i) => {
    if (g.length > groups[largest]!.length) largest = i;
  });
  return groups.filter((_, i) => i !== largest);
}
