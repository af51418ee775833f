/**
 * What a workload checker returns: plain data, with operations named by
 * their index in the History so that a chart can point at them.
 */

/** One thing the history shows went wrong. */
export interface WorkloadProblem {
  message: string;
  /** The History operations involved. */
  operations: number[];
}

export interface WorkloadVerdict {
  /** Which checker: 'unique-ids', 'broadcast', 'g-counter', 'lin-kv'. */
  workload: string;
  /** `unknown` only when a check ran out of time. */
  verdict: 'valid' | 'invalid' | 'unknown';
  /** Everything found wrong; empty when valid. */
  problems: WorkloadProblem[];
  /** One line saying what was checked and what was found. */
  summary: string;
}

/** Builds the verdict from the problems found. */
export function workloadVerdict(workload: string, problems: WorkloadProblem[], summaryIfValid: string): WorkloadVerdict {
  const verdict = problems.length === 0 ? 'valid' : 'invalid';
  const summary = problems.length === 0 ? summaryIfValid : `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}: ${problems[0].message}${problems.length > 1 ? '; …' : ''}`;
  return { workload, verdict, problems, summary };
}
