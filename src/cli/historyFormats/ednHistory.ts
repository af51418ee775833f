/**
 * Jepsen's EDN history: one map per line (or one vector of maps), as in the
 * kv histories of Porcupine's test data:
 *
 *     {:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}
 *
 * `:key` is optional (single-object histories have none). Nemesis events
 * (`:process :nemesis`) are skipped. Times are line numbers (or positions in
 * the vector): the history is in real-time order.
 */
import type { History } from '../../common/history';
import type { JsonValue } from '../../common/traceFormat';
import { parseEdnValue, toJsonValue } from './ednValue';
import { HistoryParseError } from './historyParseError';
import { pairJepsenEvents, type JepsenEvent } from './jepsenEvents';

const eventTypes = new Set(['invoke', 'ok', 'fail', 'info']);

/** Reads an EDN history into a History. */
export function parseEdnHistory(text: string): History {
  const trimmed = text.trimStart();
  const maps: { value: JsonValue; line: number }[] = [];
  if (trimmed.startsWith('[') || trimmed.startsWith('(')) {
    const all = toJsonValue(parseOrThrow(trimmed, 1));
    if (!Array.isArray(all)) throw new HistoryParseError('expected a vector of operation maps');
    all.forEach((value, i) => maps.push({ value, line: i + 1 }));
  } else {
    text.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith(';')) return;
      maps.push({ value: toJsonValue(parseOrThrow(line, i + 1)), line: i + 1 });
    });
  }
  const events: JepsenEvent[] = [];
  for (const { value, line } of maps) {
    const event = toEvent(value, line);
    if (event) events.push(event);
  }
  return pairJepsenEvents(events);
}

function parseOrThrow(text: string, line: number): unknown {
  try {
    return parseEdnValue(text);
  } catch (error) {
    throw new HistoryParseError(`not EDN: ${error instanceof Error ? error.message : String(error)}`, line);
  }
}

function toEvent(value: JsonValue, line: number): JepsenEvent | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HistoryParseError('expected an operation map', line);
  const { process, type, f, key } = value;
  if (process === 'nemesis') return undefined;
  if (typeof process !== 'number' && typeof process !== 'string') throw new HistoryParseError('missing :process', line);
  if (typeof type !== 'string' || !eventTypes.has(type)) throw new HistoryParseError('missing or unknown :type', line);
  if (typeof f !== 'string') throw new HistoryParseError('missing :f', line);
  const event: JepsenEvent = { process: String(process), type: type as JepsenEvent['type'], f, value: value.value ?? null, line };
  if (key !== undefined) event.key = key;
  return event;
}
