/**
 * Jepsen's text log, as in the etcd histories of Porcupine's test data:
 *
 *     INFO  jepsen.util - 3	:invoke	:cas	[3 0]
 *
 * process, event type, operation name and an EDN value, tab-separated.
 * Lines that are not operation events are skipped.
 */
import type { History } from '../../common/history';
import type { JsonValue } from '../../common/traceFormat';
import { toJsonValue, parseEdnValue } from './ednValue';
import { HistoryParseError } from './historyParseError';
import { pairJepsenEvents, type JepsenEvent } from './jepsenEvents';

const integer = /^-?\d+$/;
const integerPair = /^\[(-?\d+)\s+(-?\d+)\]$/;

/** The common values (nil, integers, [a b]) are read directly: a general EDN parse per line costs more than the check. */
function readValue(text: string, line: number): JsonValue {
  if (text === '' || text === 'nil') return null;
  if (integer.test(text)) return Number(text);
  const pair = integerPair.exec(text);
  if (pair) return [Number(pair[1]), Number(pair[2])];
  try {
    return toJsonValue(parseEdnValue(text));
  } catch (error) {
    throw new HistoryParseError(`cannot read value '${text}': ${error instanceof Error ? error.message : String(error)}`, line);
  }
}

const eventLine = /^\S+\s+jepsen\.util\s+-\s+(\S+)\s+:(invoke|ok|fail|info)\s+:(\S+)\s*(.*)$/;

/** Reads a Jepsen text log into a History; call and return times are line numbers. */
export function parseJepsenLog(text: string): History {
  const events: JepsenEvent[] = [];
  text.split('\n').forEach((raw, i) => {
    const match = eventLine.exec(raw.trimEnd());
    if (!match) return;
    const [, process, type, f, valueText] = match;
    const line = i + 1;
    if (process === ':nemesis') return;
    events.push({ process, type: type as JepsenEvent['type'], f, value: readValue(valueText, line), line });
  });
  return pairJepsenEvents(events);
}
