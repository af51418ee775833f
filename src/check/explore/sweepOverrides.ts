/**
 * Settings the command line imposes on every `explore()` of a notebook:
 * which seeds, which shard, which worker's part; and which of `explore()`
 * and `check()` it skips. The CLI runs the notebook's
 * cells in a sandbox it cannot otherwise reach into, so it sets them on the
 * sandbox's global object before the cells run.
 */
import type { SeedSpec, Shard } from './types';

/** The global the CLI sets. */
export const SWEEP_OVERRIDES_GLOBAL = '__protocolNotebookSweep';

export interface SweepOverrides {
  seeds?: SeedSpec;
  shard?: Shard;
  /** This process runs every `count`-th seed of its shard, starting at position `index` (0-based). */
  worker?: { index: number; count: number };
  /**
   * Calls the command does not report, so they return at once with a result
   * marked `skipped`: the `explore` command skips `check()`, the `check` command `explore()`.
   */
  skip?: 'explore' | 'check';
  /** Every `check()` counts coverage, as with `coverage: true` (`check --coverage`). */
  coverage?: boolean;
}

/** The overrides in force, if any. */
export function sweepOverrides(): SweepOverrides {
  const value = (globalThis as Record<string, unknown>)[SWEEP_OVERRIDES_GLOBAL];
  return typeof value === 'object' && value !== null ? (value as SweepOverrides) : {};
}
