/**
 * What `check({ workers })` splits its search over: threads that run the
 * same configuration, found as a global (as explore()'s sweep host is, see
 * src/check/explore/sweepHost.ts). The notebook kernel sets it in each cell
 * sandbox and starts helper threads that run the notebook's cells up to the
 * same check() call (src/kernel/checkBridge.ts); a script sets it through
 * `threadedCheck` (src/kernel/threadedCheck.ts), whose threads import the
 * configuration from a module. Without it, `workers` above 1 is refused.
 */
import type { WorkerLink } from './partitionedSearch';

/** The global the kernel (or threadedCheck) sets. */
export const CHECK_THREADS_GLOBAL = '__protocolNotebookCheckThreads';

export interface CheckThreads {
  /**
   * A search over `workers` threads starts (the option, at least 2): this
   * thread's line to the others, or null to search alone (the host has one
   * core, or this check() is not the one a helper thread was started for).
   */
  begin(workers: number): WorkerLink | null;
  /**
   * The search is over: the first thread ends the others. In a kernel's
   * helper thread the call does not return (the kernel ends the thread).
   */
  finish(): void;
}

/** The threads host, when there is one. */
export function checkThreads(): CheckThreads | undefined {
  const value = (globalThis as Record<string, unknown>)[CHECK_THREADS_GLOBAL];
  return typeof value === 'object' && value !== null ? (value as CheckThreads) : undefined;
}
