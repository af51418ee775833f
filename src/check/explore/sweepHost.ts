/**
 * What the kernel offers `explore()` inside a notebook cell, as a global of
 * the cell sandbox: progress reports between seeds, a stop request from the
 * editor, and helper threads that run parts of the sweep. Outside a kernel
 * (tests, benchmarks) the global is absent and a sweep runs alone.
 */
import type { SeedOutcomes } from './seedRuns';

/** The global the kernel sets in each cell sandbox. */
export const SWEEP_HOST_GLOBAL = '__protocolNotebookSweepHost';

export interface SweepHost {
  /**
   * A sweep of `total` seeds starts; `workers` is the explore() option
   * (undefined: the kernel's default). False: run it alone, without the
   * host (a sweep inside another, or one a helper thread does not help with).
   */
  begin(total: number, workers: number | undefined): boolean;
  /**
   * The next positions (in the sweep's seed list) for this thread to run,
   * `[from, to)`, or null when none are left. Threads that share a sweep
   * claim from one counter, so a thread that starts late just runs less.
   */
  claim(): [number, number] | null;
  /** After each seed this thread ran (`done` so far, `failed` of them): true to stop (the editor asked). */
  progress(done: number, failed: number): boolean;
  /**
   * Hands over what this thread ran. The kernel's thread gets the helpers'
   * parts back once they are done; a helper's call does not return (the
   * kernel ends the helper).
   */
  finish(outcomes: SeedOutcomes): SeedOutcomes[];
}

/** The kernel's sweep host, when explore() runs in a notebook kernel. */
export function sweepHost(): SweepHost | undefined {
  const value = (globalThis as Record<string, unknown>)[SWEEP_HOST_GLOBAL];
  return typeof value === 'object' && value !== null ? (value as SweepHost) : undefined;
}
