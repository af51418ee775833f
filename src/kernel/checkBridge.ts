/**
 * The kernel's side of the threads `check({ workers })` finds in a cell
 * sandbox (src/check/modelCheck/checkThreads.ts; the sandbox side is in
 * sandboxRuntime.ts). In the kernel thread, a check() call with `workers`
 * starts helper threads, joined to it and to each other by a mesh of ports
 * (threadMesh.ts); each helper runs the notebook's cells up to the same
 * check() call — the same cell, the same count of check() calls before it in
 * that cell — and searches its part in step with the others. In a helper
 * thread the bridge joins that one call and leaves every other check() of
 * the cells to run alone.
 *
 * The sandbox calls with strings and gets strings back: a round's texts are
 * passed through as they came, never parsed here.
 */
import type { Worker } from 'node:worker_threads';
import type { CellError, KernelCell } from '../common/kernelMessages';
import { meshEnds, ThreadMesh, type MeshEnd } from './threadMesh';

/** What a check helper thread is given (in `workerData.checkHelper`). */
export interface CheckHelperData {
  /** The cells up to and including the one whose check() call this is. */
  cells: KernelCell[];
  /** Which check() call of the last cell, counted from 0 in the order they run. */
  ordinal: number;
  /** Its threads: the count asked for, to tell a different call. */
  workers: number;
  end: MeshEnd;
}

/** Starts the kernel worker bundle as a check helper (the end's ports go in its transfer list). */
export type CheckHelperStarter = (helper: CheckHelperData) => Worker;

export interface CheckBridgeOptions {
  startHelper?: CheckHelperStarter;
  /** The most threads one check() may use, whatever its `workers` says. */
  maxThreads: number;
  /** Set to 1 by the host when the user asks to stop. */
  stopFlag?: Int32Array;
  /** Set in a check helper thread. */
  helper?: CheckHelperData;
}

interface Search {
  mesh: ThreadMesh;
  helpers: Worker[];
}

/** Thrown into the sandbox when the user stops a search over threads. */
export const CHECK_STOPPED = 'check(): stopped (the search over threads was stopped before it ended)';

/** How many searches' worth of helpers (at maxThreads each) one cell may start, as for explore() (see sweepBridge.ts). */
export const CHECK_HELPER_ROUNDS_PER_CELL = 4;

export class CheckBridge {
  private calls = 0;
  /** Helper threads started while the running cell ran. */
  private helpersStarted = 0;
  private search: Search | undefined;
  /** The error of a helper that made the running cell fail, once. */
  helperError: CellError | undefined;

  constructor(private readonly options: CheckBridgeOptions) {}

  /** A cell starts: check() calls are counted from 0 again. */
  cellStarted(): void {
    this.cellEnded();
    this.calls = 0;
    this.helpersStarted = 0;
    this.helperError = undefined;
  }

  /** The running cell ended: no helper outlives it. */
  cellEnded(): void {
    this.close();
  }

  /** The sandbox's call for `op` (without the `check-` prefix); cells and position are the running cell's. */
  call(op: string, arg: string, cells: readonly KernelCell[], position: number): string {
    switch (op) {
      case 'begin':
        return this.begin(Number(arg), cells, position);
      case 'send': {
        const newline = arg.indexOf('\n');
        const to = Number(arg.slice(0, newline));
        if (!this.search || !Number.isInteger(to)) return '!no search over threads is running';
        this.search.mesh.send(to, arg.slice(newline + 1));
        return 'null';
      }
      case 'receive': {
        if (!this.search) return '!no search over threads is running';
        return `[${this.search.mesh.receiveTexts().map((text) => text ?? 'null').join(',')}]`;
      }
      case 'finish':
        return this.finish();
      default:
        return `!unknown check operation ${op}`;
    }
  }

  private begin(workers: number, cells: readonly KernelCell[], position: number): string {
    const ordinal = this.calls++;
    if (!Number.isInteger(workers) || workers < 2) return '!the check threads need a whole number of workers above 1';
    // A check() inside another one (in a property, say) searches alone.
    if (this.search) return 'null';
    const helper = this.options.helper;
    if (helper) {
      if (position !== helper.cells.length - 1 || ordinal !== helper.ordinal) return 'null';
      if (workers !== helper.workers) throw new Error(`check() asks for ${workers} workers in a helper thread but ${helper.workers} in the kernel: does the cell depend on something outside the notebook?`);
      this.search = { mesh: new ThreadMesh(helper.end, () => undefined), helpers: [] };
      return JSON.stringify({ index: helper.end.index, count: helper.end.count });
    }
    // Only the kernel decides how many threads run: at most one per core, and a few searches' worth per cell.
    const allowed = this.options.maxThreads * CHECK_HELPER_ROUNDS_PER_CELL - this.helpersStarted;
    const count = Math.min(workers, this.options.maxThreads, allowed + 1);
    const start = this.options.startHelper;
    if (count < 2 || !start) return 'null';
    this.helpersStarted += count - 1;
    const ends = meshEnds(count);
    const stop = this.options.stopFlag;
    const mesh = new ThreadMesh(
      ends[0],
      () => {
        if (stop && Atomics.load(stop, 0) !== 0) throw new Error(CHECK_STOPPED);
      },
      (from, error) => {
        this.helperError = { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
        throw new Error(`a check helper thread failed: ${error.name}: ${error.message} (thread ${from})`);
      },
    );
    const helpers: Worker[] = [];
    this.search = { mesh, helpers };
    for (let index = 1; index < count; index++) helpers.push(start({ cells: cells.slice(0, position + 1), ordinal, workers, end: ends[index] }));
    return JSON.stringify({ index: 0, count });
  }

  private finish(): string {
    if (this.options.helper) {
      if (this.search) blockUntilEnded();
      return 'null';
    }
    this.close();
    return 'null';
  }

  private close(): void {
    const search = this.search;
    this.search = undefined;
    if (!search) return;
    search.mesh.close();
    for (const worker of search.helpers) void worker.terminate();
  }
}

/** A helper that did its part waits here until the kernel thread ends it. */
function blockUntilEnded(): never {
  const never = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(never, 0, 0);
}
