/** Workload checkers in the spirit of Maelstrom's: each takes a History and returns a verdict with its reasons. */
export type { WorkloadProblem, WorkloadVerdict } from './workloadVerdict';
export { checkUniqueIds } from './uniqueIds';
export { checkBroadcast } from './broadcast';
export { checkGrowOnlyCounter } from './growOnlyCounter';
export { checkLinearizableKv } from './linearizableKv';
