/**
 * Maelstrom's broadcast workload: every value whose `broadcast` was
 * acknowledged is eventually read by every node, and nothing is read that
 * was never broadcast. "Eventually" is each node's final read.
 */
import type { History } from '../../common/history';
import { finalReadsByNode } from './finalReads';
import { workloadVerdict, type WorkloadProblem, type WorkloadVerdict } from './workloadVerdict';

/** Checks a history of `broadcast` (input: the value) and `read` (output: the values seen) operations. */
export function checkBroadcast(history: History): WorkloadVerdict {
  const acknowledged = new Map<string, number>();
  const attempted = new Set<string>();
  history.forEach((op, i) => {
    if (op.f !== 'broadcast') return;
    const value = JSON.stringify(op.input);
    attempted.add(value);
    if (op.status === 'ok' && !acknowledged.has(value)) acknowledged.set(value, i);
  });

  const problems: WorkloadProblem[] = [];
  const finals = finalReadsByNode(history);
  if (finals.size === 0) problems.push({ message: 'no read completed, so nothing shows that values arrived', operations: [] });
  for (const [node, readIndex] of finals) {
    const output = history[readIndex].output;
    if (!Array.isArray(output)) {
      problems.push({ message: `the final read of ${node} did not return a list of values`, operations: [readIndex] });
      continue;
    }
    const seen = new Set(output.map((v) => JSON.stringify(v)));
    const missing = [...acknowledged].filter(([value]) => !seen.has(value));
    if (missing.length > 0) {
      problems.push({
        message: `the final read of ${node} lacks ${missing.length} acknowledged ${missing.length === 1 ? 'value' : 'values'}: ${missing.map(([v]) => v).slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
        operations: [readIndex, ...missing.map(([, i]) => i)],
      });
    }
  }
  // A value read anywhere must have been broadcast by someone (acknowledged or not).
  history.forEach((op, i) => {
    if (op.f !== 'read' || op.status !== 'ok' || !Array.isArray(op.output)) return;
    const invented = op.output.map((v) => JSON.stringify(v)).filter((v) => !attempted.has(v));
    if (invented.length > 0) problems.push({ message: `a read by ${op.process} returned ${invented.join(', ')}, never broadcast`, operations: [i] });
  });
  return workloadVerdict('broadcast', problems, `${acknowledged.size} acknowledged values, each in the final read of all ${finals.size} nodes`);
}
