/**
 * Messages between the kernel process's main thread (process/kernelProcess.ts)
 * and its kernel worker thread, which runs the cells. Plain data: they cross
 * the thread boundary by structured clone.
 */
import type { CellError, CellResult, KernelCell } from '../common/kernelMessages';
import type { SweepProgress } from '../common/sweepProgress';
import type { CheckHelperData } from './checkBridge';
import type { SweepHelperData } from './sweepMessages';

/** Given to the worker at start (`workerData`). */
export interface KernelWorkerData {
  /** Path of the engine sandbox bundle (dist/engineSandbox.js); absent when not available. */
  engineBundlePath?: string;
  /** Steps (loop iterations + function calls) one cell may take; 0 disables the check. */
  stepBudget: number;
  /** When set, every `simulate` runs with this seed. */
  seed?: number;
  /** Heap limit in megabytes, for the sweep helpers the worker starts. */
  memoryMb?: number;
  /** One Int32: the host sets it to 1 to ask a running seed sweep to stop (and 0 before each request). */
  stopFlag?: SharedArrayBuffer;
  /** Set in a sweep helper thread: the part of one explore() call it runs. */
  helper?: SweepHelperData;
  /** Set in a check helper thread: the part of one check() call it searches. */
  checkHelper?: CheckHelperData;
}

export type HostToWorker =
  /**
   * Run cell `target` of the notebook the worker holds: its first `keep` cells
   * as sent before, then `cells`. Cells above the target are replayed first
   * when the context does not hold exactly them. With `through`, each cell
   * after the target up to it runs next, in the same request, with a result each.
   */
  { type: 'execute'; requestId: number; keep: number; cells: KernelCell[]; target: number; through?: number };

export type WorkerToHost =
  /** The engine is loaded and the first context made: requests are served at once from now on. */
  | { type: 'ready'; pid: number }
  /** `held`: how many cells the context holds after it (the next cell of a range ran alone when that is its position). */
  | { type: 'result'; requestId: number; result: Omit<CellResult, 'durationMs'>; held: number }
  /** A seed sweep of the running cell is this far (at most every 100 ms). */
  | { type: 'progress'; requestId: number; progress: SweepProgress }
  /** The kernel itself failed (a bug, not the cell's error). */
  | { type: 'failed'; requestId: number; error: CellError };
