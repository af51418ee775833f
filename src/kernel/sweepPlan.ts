/**
 * When and how many ways a seed sweep in a cell is split. A helper thread
 * takes a few hundred milliseconds to start (load the kernel, compile the
 * cells, run the cells above), so by default a sweep starts alone and is
 * split only once it has measured that the rest will take a while.
 */

/** The default never uses more threads than this. */
export const DEFAULT_MAX_THREADS = 4;
/** An explicit `workers` is capped here. */
export const MAX_THREADS = 16;
/** A default sweep measures its speed this long before deciding. */
export const MEASURE_MS = 250;
/** …and is split when what is left would take at least this long in one thread. */
export const SPLIT_WHEN_LEFT_MS = 2000;

export interface SweepState {
  total: number;
  /** Seeds run so far, in order from the first. */
  done: number;
  elapsedMs: number;
}

/**
 * Threads to split the rest of a sweep into now (1: not now). `workers`
 * given: that many at once (at most one per seed left); else, once the
 * speed is known and the rest is long, the cores (at most 4).
 */
export function splitThreads(state: SweepState, workers: number | undefined, cores: number): number {
  const left = state.total - state.done;
  if (left < 2) return 1;
  if (workers !== undefined) return Number.isFinite(workers) ? Math.max(1, Math.min(Math.floor(workers), MAX_THREADS, left)) : 1;
  if (state.elapsedMs < MEASURE_MS || state.done === 0) return 1;
  const leftMs = (left * state.elapsedMs) / state.done;
  return leftMs >= SPLIT_WHEN_LEFT_MS ? Math.max(1, Math.min(cores, DEFAULT_MAX_THREADS, left)) : 1;
}

/**
 * Cores free for a sweep: all of them less the load of other work (the
 * 1-minute load average counts this thread too). On a busy machine a helper
 * only takes turns with the kernel thread and costs its start-up.
 */
export function spareCores(cores: number, loadAverage: number): number {
  return Math.max(1, Math.min(cores, Math.floor(cores - loadAverage + 1.5)));
}
