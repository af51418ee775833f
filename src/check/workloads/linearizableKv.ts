/**
 * Maelstrom's lin-kv workload: read / write / cas on keys, linearizable.
 * Keys start missing (null); a cas on a missing key fails.
 */
import type { History } from '../../common/history';
import { checkHistory, type LinearizabilityOptions } from '../linearizability';
import type { WorkloadVerdict } from './workloadVerdict';

/** Checks a read/write/cas key–value history for linearizability, per key. */
export function checkLinearizableKv(history: History, options: Pick<LinearizabilityOptions, 'timeLimitMs' | 'stepLimit'> = {}): WorkloadVerdict {
  const result = checkHistory(history, 'kv', { initialValue: null, ...options });
  const keys = result.partitions.length;
  if (result.verdict === 'linearizable') {
    return { workload: 'lin-kv', verdict: 'valid', problems: [], summary: `${history.length} operations on ${keys} ${keys === 1 ? 'key' : 'keys'}, linearizable` };
  }
  if (result.verdict === 'unknown' || !result.explanation) {
    return { workload: 'lin-kv', verdict: 'unknown', problems: [], summary: 'the time or step limit ran out before the search could decide' };
  }
  const e = result.explanation;
  const message = `${result.partitions[e.partition].label} is not linearizable: ${e.message}`;
  // The explanation's second line describes the operation that cannot be placed.
  const summary = `${result.partitions[e.partition].label} is not linearizable: ${e.message.split('\n')[1].trim()} cannot be placed`;
  return { workload: 'lin-kv', verdict: 'invalid', problems: [{ message, operations: [...e.longestPrefix, ...e.candidates] }], summary };
}
