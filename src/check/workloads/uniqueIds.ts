/**
 * Maelstrom's unique-ids workload: every `generate` that completed must
 * have returned an id no other `generate` returned.
 */
import type { History } from '../../common/history';
import { workloadVerdict, type WorkloadProblem, type WorkloadVerdict } from './workloadVerdict';

/** Checks that acknowledged `generate` operations returned pairwise distinct ids (compared by JSON text). */
export function checkUniqueIds(history: History): WorkloadVerdict {
  const byId = new Map<string, number[]>();
  const problems: WorkloadProblem[] = [];
  let generated = 0;
  history.forEach((op, i) => {
    if (op.f !== 'generate' || op.status !== 'ok') return;
    if (op.output === undefined || op.output === null) {
      problems.push({ message: `generate by ${op.process} was acknowledged without an id`, operations: [i] });
      return;
    }
    generated++;
    const id = JSON.stringify(op.output);
    const holders = byId.get(id);
    if (holders) holders.push(i);
    else byId.set(id, [i]);
  });
  for (const [id, holders] of byId) {
    if (holders.length > 1) problems.push({ message: `id ${id} was handed out ${holders.length} times`, operations: holders });
  }
  return workloadVerdict('unique-ids', problems, `${generated} ids generated, all distinct`);
}
