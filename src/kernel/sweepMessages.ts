/**
 * What a sweep helper thread (the kernel worker bundle started by the
 * kernel for a part of one `explore()` call) is given and sends back.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CellError, KernelCell } from '../common/kernelMessages';

/** The helper's part of the sweep: in `workerData.helper`. */
export interface SweepHelperData {
  /** The cells up to and including the one whose explore() call this is. */
  cells: KernelCell[];
  /** Which explore() call of the last cell, counted from 0 in the order they run. */
  ordinal: number;
  /** One Int32: the next position of the sweep to claim, shared by the threads that run it. */
  counter: SharedArrayBuffer;
  /**
   * One Int32 per helper, this one's at `index`: 0 while starting; the
   * helper sets 1 when it joins the sweep, unless the kernel thread, done
   * with the sweep, set 2 first (then the helper claims nothing, and nobody waits for it).
   */
  joined: SharedArrayBuffer;
  index: number;
  /** Seeds of the sweep, to check that the helper runs the same sweep. */
  total: number;
  /** Where the helper sends its messages. */
  port: MessagePort;
  /** Bumped and notified after each message, so the waiting kernel wakes at once. */
  signal: SharedArrayBuffer;
}

export type HelperToKernel =
  | { type: 'progress'; done: number; failed: number }
  /** The helper's SeedOutcomes, as JSON. */
  | { type: 'part'; outcomes: string }
  /** The cells failed in the helper, or the helper never reached the sweep. */
  | { type: 'error'; error: CellError };
