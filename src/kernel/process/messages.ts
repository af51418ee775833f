/**
 * What the kernel host and the kernel process say to each other (as frames,
 * see frames.ts). Plain data only.
 */
import type { CellError, CellResult, KernelCell } from '../../common/kernelMessages';
import type { SweepProgress } from '../../common/sweepProgress';

/** Settings of a kernel process, given once as its first frame. */
export interface KernelProcessSettings {
  /** Path of the kernel worker bundle (dist/kernelWorker.js). */
  workerScript: string;
  engineBundlePath?: string;
  stepBudget: number;
  seed?: number;
  /** Heap limit of each thread. */
  memoryMb: number;
  /** Resident memory of the whole process (every thread, heap and off-heap) it is stopped past. */
  residentLimitMb: number;
}

export type HostToProcess =
  | { type: 'settings'; settings: KernelProcessSettings }
  /**
   * Run `target`: the process keeps the first `keep` cells it was sent last,
   * and `cells` follow them (so a request carries only what the process does not hold).
   * With `through`, the cells after the target up to it run next, one result each.
   */
  | { type: 'execute'; requestId: number; keep: number; cells: KernelCell[]; target: number; through?: number }
  /** The user asked a running seed sweep to stop: it ends with the seeds it ran. */
  | { type: 'stop'; requestId: number };

export type ProcessToHost =
  /** The engine is loaded and the first context is ready: requests are served at once from now on. */
  | { type: 'ready'; pid: number }
  /** `held`: how many cells the kernel's context holds after it. */
  | { type: 'result'; requestId: number; result: Omit<CellResult, 'durationMs'>; held: number }
  | { type: 'progress'; requestId: number; progress: SweepProgress }
  /** The kernel itself failed (a bug, not the cell's error). */
  | { type: 'failed'; requestId: number; error: CellError }
  /** The process is about to end: its memory went past the limit, or its worker thread died. */
  | { type: 'ending'; reason: 'memory' | 'worker-exit'; detail: string };
