/**
 * Jepsen's text log, as in the etcd histories of Porcupine's test data:
 *
 *     INFO  jepsen.util - 3	:invoke	:cas	[3 0]
 *
 * process, event type, operation name and an EDN value, tab-separated.
 * Lines that are not operation events are skipped.
 */
import type { History } from '../../common/history';
import { toJsonValue, parseEdnValue } from './ednValue';
import { HistoryParseError } from './historyParseError';
import { pairJepsenEvents, type JepsenEvent } from './jepsenEvents';

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
    let value;
    try {
      value = toJsonValue(parseEdnValue(valueText === '' ? 'nil' : valueText));
    } catch (error) {
      throw new HistoryParseError(`cannot read value '${valueText}': ${error instanceof Error ? error.message : String(error)}`, line);
    }
    events.push({ process, type: type as JepsenEvent['type'], f, value, line });
  });
  return pairJepsenEvents(events);
}
