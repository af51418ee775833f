/**
 * Maelstrom's g-counter workload: once the system has quiesced, every
 * node's final read equals the sum of the acknowledged adds — give or take
 * the adds whose outcome is unknown, which may or may not have counted.
 */
import type { History } from '../../common/history';
import { finalReadsByNode } from './finalReads';
import { workloadVerdict, type WorkloadProblem, type WorkloadVerdict } from './workloadVerdict';

/** Checks a history of `add` (input: the delta) and `read` (output: the count) operations. */
export function checkGrowOnlyCounter(history: History): WorkloadVerdict {
  const problems: WorkloadProblem[] = [];
  let acknowledged = 0;
  // Unknown adds widen the range of acceptable totals, each in its own direction.
  let unknownDown = 0;
  let unknownUp = 0;
  history.forEach((op, i) => {
    if (op.f !== 'add' || op.status === 'fail') return;
    if (typeof op.input !== 'number') {
      problems.push({ message: `add by ${op.process} has a delta that is not a number: ${JSON.stringify(op.input)}`, operations: [i] });
      return;
    }
    if (op.status === 'ok') acknowledged += op.input;
    else if (op.input < 0) unknownDown += op.input;
    else unknownUp += op.input;
  });
  const low = acknowledged + unknownDown;
  const high = acknowledged + unknownUp;
  const expected = low === high ? `${low}, the sum of acknowledged adds` : `between ${low} and ${high} (acknowledged adds, and those of unknown outcome)`;

  const finals = finalReadsByNode(history);
  if (finals.size === 0) problems.push({ message: 'no read completed, so nothing shows the count', operations: [] });
  for (const [node, readIndex] of finals) {
    const value = history[readIndex].output;
    if (typeof value !== 'number' || value < low || value > high) {
      problems.push({ message: `the final read of ${node} is ${JSON.stringify(value)}, expected ${expected}`, operations: [readIndex] });
    }
  }
  return workloadVerdict('g-counter', problems, `the final reads of all ${finals.size} nodes are ${expected}`);
}
