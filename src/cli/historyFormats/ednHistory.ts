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
      maps.push({ value: readFlatMap(line) ?? toJsonValue(parseOrThrow(line, i + 1)), line: i + 1 });
    });
  }
  const events: JepsenEvent[] = [];
  for (const { value, line } of maps) {
    const event = toEvent(value, line);
    if (event) events.push(event);
  }
  return pairJepsenEvents(events);
}

// A map of keywords to nil, integers, keywords and strings without escapes
// (nearly every line of a Jepsen history) is read by a regular expression:
// a general EDN parse per line costs more than checking the history.
const flatValue = String.raw`(?:nil|true|false|-?\d+|:[\w.\-/?!*+]+|"[^"\\]*")`;
const flatPair = new RegExp(String.raw`:([\w\-]+)\s+(${flatValue})\s*,?\s*`, 'y');
const flatMap = new RegExp(String.raw`^\{\s*(?::[\w\-]+\s+${flatValue}\s*,?\s*)*\}$`);

/** Reads a flat map line, or returns undefined for anything else. */
function readFlatMap(line: string): JsonValue | undefined {
  if (!flatMap.test(line)) return undefined;
  const map: { [key: string]: JsonValue } = {};
  flatPair.lastIndex = line.indexOf(':');
  for (let pair = flatPair.exec(line); pair; pair = flatPair.exec(line)) map[pair[1]] = flatScalar(pair[2]);
  return map;
}

function flatScalar(text: string): JsonValue {
  if (text === 'nil') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.startsWith('"')) return text.slice(1, -1);
  if (text.startsWith(':')) return text.slice(1);
  return Number(text);
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
