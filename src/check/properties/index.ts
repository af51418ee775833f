/** Properties over runs: temporal predicates and the built-in checkers. */
export { always, eventually, type EventuallyOptions, type WorldPredicate } from './temporal';
export { agreement, validity, integrity, termination, type AgreementOptions, type ConsensusOptions, type TerminationOptions } from './consensus';
export { exactlyOnce } from './exactlyOnce';
export { workload, type WorkloadName } from './workload';
