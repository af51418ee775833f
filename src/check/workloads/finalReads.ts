/**
 * The last completed read of each node: what a node holds once the system
 * has quiesced, for the workloads whose property is about eventually.
 */
import type { History, HistoryOperation } from '../../common/history';

/** For each node (or process, when the node is not recorded), the index of its last `ok` read by return time. */
export function finalReadsByNode(history: History, readName = 'read'): Map<string, number> {
  const finals = new Map<string, number>();
  history.forEach((op, i) => {
    if (op.f !== readName || op.status !== 'ok') return;
    const node = nodeOf(op);
    const current = finals.get(node);
    if (current === undefined || (history[current].return ?? -Infinity) <= (op.return ?? -Infinity)) finals.set(node, i);
  });
  return finals;
}

/** The node an operation was handled by, else its process. */
export function nodeOf(op: HistoryOperation): string {
  return op.node ?? op.process;
}
