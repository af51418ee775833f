/**
 * Words for events and messages: the accessible labels, the hover text and
 * the details heading all come from here so they say the same thing.
 */
import type { JsonValue, Trace, TraceEvent, TraceMessage } from '../../src/common/traceFormat';
import { LOSS_REASON_TEXT } from './chartModel';
import { formatValueInline } from './valueText';

/** 12345 → "12,345" (without Intl, whose first use costs tens of milliseconds). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatTime(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(2).replace(/0+$/, '');
}

/** A one-line description, e.g. "account receives deposit from client (duplicate)". */
export function describeEvent(trace: Trace, event: TraceEvent): string {
  const msg = event.msg !== undefined ? trace.messages[event.msg] : undefined;
  const type = msg ? `${msg.type} #${msg.id}` : 'message';
  switch (event.kind) {
    case 'send':
      return `${event.node} sends ${type} to ${msg?.to ?? '?'}`;
    case 'deliver': {
      const dup = msg?.deliveries.find((d) => d.event === event.i)?.duplicate;
      return `${event.node} receives ${type} from ${msg?.from ?? '?'}${dup ? ' (duplicate delivery)' : ''}`;
    }
    case 'drop':
      return `${type} from ${msg?.from ?? '?'} to ${msg?.to ?? '?'} lost (${event.reason ? LOSS_REASON_TEXT[event.reason] : 'dropped'})`;
    case 'duplicate':
      return `network duplicates ${type} from ${msg?.from ?? '?'}`;
    case 'corrupt': {
      const change = event.data as { path?: string; before?: JsonValue; after?: JsonValue } | undefined;
      const what = change?.path !== undefined ? `: ${change.path} ${formatValueInline(change.before ?? null, 30)} → ${formatValueInline(change.after ?? null, 30)}` : '';
      return `${event.label === 'node' ? `${event.node} corrupts` : 'network corrupts'} ${type} to ${msg?.to ?? '?'}${what}`;
    }
    case 'timer':
      return `timer ${event.timer ?? ''} fires on ${event.node}`;
    case 'timer-set':
      return `${event.node} sets timer ${event.timer ?? ''}`;
    case 'timer-cancel':
      return `${event.node} cancels timer ${event.timer ?? ''}`;
    case 'crash':
      return `${event.node} crashes`;
    case 'recover':
      return `${event.node} recovers`;
    case 'start':
      return `${event.node} starts`;
    case 'effect':
      return `${event.node} effect ${event.label ?? ''}${event.data !== undefined ? ` ${formatValueInline(event.data, 60)}` : ''}`;
    case 'log':
      return `${event.node} logs: ${event.label ?? ''}`;
    case 'invoke':
      return `${event.node} invokes ${event.label ?? ''}${event.data !== undefined ? ` ${formatValueInline(event.data, 60)}` : ''}`;
    case 'complete':
      return `${event.node} completes ${event.label ?? ''}${event.data !== undefined ? ` → ${formatValueInline(event.data, 60)}` : ''}`;
    case 'violation':
      return `violation of "${event.label ?? ''}" at ${event.node}`;
    case 'partition-start':
      return 'partition begins';
    case 'partition-end':
      return 'partition heals';
    case 'heal':
      return 'the faults stop: the network heals (healAt)';
  }
}

/** "t=4 · lamport 3", with the node's local clock when it differs. */
export function describeTimes(event: TraceEvent): string {
  const local = event.local !== undefined && event.local !== event.t ? ` · local ${formatTime(event.local)}` : '';
  return `t=${formatTime(event.t)}${local} · lamport ${event.lamport}`;
}

/** The message's journey: "sent t=1, delivered t=4, t=7 (duplicate)". */
export function describeJourney(msg: TraceMessage): string {
  const parts = [`sent t=${formatTime(msg.sentAt)}`];
  for (const d of msg.deliveries) parts.push(`delivered t=${formatTime(d.at)}${d.duplicate ? ' (duplicate)' : ''}`);
  for (const d of msg.drops) parts.push(`lost t=${formatTime(d.at)} (${LOSS_REASON_TEXT[d.reason]})`);
  if (msg.corruption) parts.push(`corrupted ${msg.corruption.by === 'node' ? 'by its sender' : 'in flight'} (${msg.corruption.path}: ${formatValueInline(msg.corruption.before, 30)} → ${formatValueInline(msg.corruption.after, 30)})`);
  if (msg.deliveries.length === 0 && msg.drops.length === 0) parts.push('still in flight when the run ended');
  return parts.join(', ');
}

/** The handler that ran for an event, as keyed in the node definition's `on` / `timers`. */
export function handlerKey(trace: Trace, event: TraceEvent): string | undefined {
  switch (event.kind) {
    case 'deliver':
      return event.msg !== undefined ? trace.messages[event.msg]?.type : undefined;
    case 'timer':
      return event.timer !== undefined ? `timer:${event.timer}` : undefined;
    case 'start':
      return 'init';
    case 'recover':
      return 'recover';
    default:
      return undefined;
  }
}

/** The event whose handler ran: the event itself for deliveries and timers, else its cause. */
export function handlingEvent(trace: Trace, event: TraceEvent): TraceEvent {
  if (handlerKey(trace, event) !== undefined || event.cause === undefined) return event;
  return trace.events[event.cause - trace.firstEventIndex] ?? event;
}
