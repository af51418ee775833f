/**
 * Jepsen logs record events, not operations: an `invoke`, then later the
 * same process's `ok`, `fail` or `info`. This pairs them into History
 * operations. An invoke that never completes stays `info` with no return
 * time (it may have taken effect at any point after its call).
 */
import type { History, HistoryOperation } from '../../common/history';
import type { JsonValue } from '../../common/traceFormat';
import { HistoryParseError } from './historyParseError';

/** One line of a Jepsen log or EDN history. */
export interface JepsenEvent {
  process: string;
  type: 'invoke' | 'ok' | 'fail' | 'info';
  f: string;
  key?: JsonValue;
  value: JsonValue;
  /** 1-based line number; used as the event's time, since the log is in real-time order. */
  line: number;
}

/** Pairs each completion with its process's pending invocation. */
export function pairJepsenEvents(events: readonly JepsenEvent[]): History {
  const history: History = [];
  const pending = new Map<string, HistoryOperation>();
  for (const event of events) {
    if (event.type === 'invoke') {
      if (pending.has(event.process)) {
        throw new HistoryParseError(`process ${event.process} invokes ${event.f} while an operation is outstanding`, event.line);
      }
      const op: HistoryOperation = { process: event.process, f: event.f, input: event.value, call: event.line, status: 'info' };
      if (event.key !== undefined) op.key = event.key;
      pending.set(event.process, op);
      history.push(op);
      continue;
    }
    const op = pending.get(event.process);
    if (!op) {
      // An `info` with no invocation is Jepsen's way of noting a process crash, not an operation.
      if (event.type === 'info') continue;
      throw new HistoryParseError(`process ${event.process} completes ${event.f} without invoking it`, event.line);
    }
    pending.delete(event.process);
    op.status = event.type;
    op.return = event.line;
    if (event.type === 'ok') op.output = event.value;
  }
  return history;
}
