/**
 * A run as text: one line per event, in Lamport order (causes before their
 * effects, across nodes), so a counterexample reads in a CI log without the
 * chart: `L4 t=8 b deliver ping{n: 1} #0 from a`.
 */
import { describeValue } from '../../common/valueEncoding';
import type { JsonValue, Trace, TraceEvent, TraceMessage } from '../../common/traceFormat';

/** A message as `type{fields}`. */
function messageText(message: TraceMessage | undefined): string {
  if (!message) return 'message';
  const payload = message.payload;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return message.type;
  const fields: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(payload)) if (key !== 'type') fields[key] = value;
  return Object.keys(fields).length > 0 ? `${message.type}${describeValue(fields, 100)}` : message.type;
}

function eventText(event: TraceEvent, trace: Trace, messages: ReadonlyMap<number, TraceMessage>): string {
  const message = event.msg === undefined ? undefined : messages.get(event.msg);
  const what = message ? `${messageText(message)} #${message.id}` : '';
  const data = event.data === undefined ? '' : ` ${describeValue(event.data, 80)}`;
  switch (event.kind) {
    case 'send':
      return `send ${what} → ${message?.to ?? '?'}`;
    case 'deliver':
      return `deliver ${what} from ${message?.from ?? '?'}`;
    case 'drop':
      return `drop ${what} ${message?.from ?? '?'}→${message?.to ?? '?'} (${event.reason ?? 'lost'})`;
    case 'duplicate':
      return `duplicate ${what}`;
    case 'timer':
    case 'timer-set':
    case 'timer-cancel':
      return `${event.kind} ${event.timer ?? ''}`;
    case 'partition-start':
    case 'partition-end': {
      const partition = trace.partitions.find((p) => p.id === event.partition);
      return `${event.kind} ${partition ? partition.groups.map((g) => g.join(',')).join(' | ') : ''}`;
    }
    case 'effect':
    case 'log':
    case 'invoke':
    case 'complete':
      return `${event.kind} ${event.label ?? ''}${data}`;
    case 'violation':
      return `violation of '${event.label ?? ''}': ${typeof event.data === 'string' ? event.data : describeValue(event.data ?? null, 120)}`;
    case 'heal':
      return 'heal (the faults stop)';
    default:
      return event.kind;
  }
}

/**
 * The trace's events as lines in Lamport order (ties in event order; a
 * violation right after the event it points at, or last when found as the
 * run ended). Past
 * `max` events, the first third (where the faults usually begin) and the
 * rest from the end (where the failure is), with a line saying how many are left out.
 */
export function traceTimeline(trace: Trace, max = 60): string[] {
  const messages = new Map(trace.messages.map((m) => [m.id, m] as const));
  // A violation is about the run, not a step of its node: it goes right after the event that broke the
  // property, or last when it was found as the run ended (no step came after it).
  const violations = trace.events.filter((e) => e.kind === 'violation');
  const events = trace.events.filter((e) => e.kind !== 'violation').sort((x, y) => x.lamport - y.lamport || x.i - y.i);
  const lastStep = events.reduce((i, e) => Math.max(i, e.i), -1);
  for (const v of violations) {
    const after = v.i > lastStep ? -1 : events.findIndex((e) => e.i === v.cause);
    events.splice(after < 0 ? events.length : after + 1, 0, v);
  }
  const width = Math.max(...trace.nodes.map((n) => n.id.length), 1);
  const line = (e: TraceEvent) => `L${e.lamport} t=${e.t} ${e.node.padEnd(width)} ${eventText(e, trace, messages)}${e.error ? ` — threw ${e.error}` : ''}`;
  if (events.length <= max) return events.map(line);
  const head = Math.floor(max / 3);
  const tail = max - head;
  return [...events.slice(0, head).map(line), `… ${events.length - max} events left out …`, ...events.slice(events.length - tail).map(line)];
}
