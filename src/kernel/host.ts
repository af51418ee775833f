/**
 * The kernel as the notebook controller and the CLI see it: runs cells in a
 * worker thread (dist/kernelWorker.js) so the calling thread never blocks,
 * one request at a time. A cell that does not finish in `timeoutMs`, that
 * exhausts the worker's memory, or whose run is cancelled terminates the
 * worker; a fresh worker is started for the next request (and replays the
 * cells above the one it runs).
 */
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import type { CellError, CellResult, KernelCell } from '../common/kernelMessages';
import type { SweepProgress } from '../common/sweepProgress';
import type { HostToWorker, KernelWorkerData, WorkerToHost } from './workerMessages';

export interface KernelHostOptions {
  /** Path of the kernel worker bundle (dist/kernelWorker.js). */
  workerScript: string;
  /** Path of the engine sandbox bundle; defaults to `engineSandbox.js` next to the worker script. */
  engineBundle?: string;
  /** Loop iterations plus function calls a cell may make before it is stopped; 0 disables. */
  stepBudget?: number;
  /** Wall-clock limit of one execution (including replays), after which the worker is killed. */
  timeoutMs?: number;
  /** Heap limit of the worker (V8 old generation), in megabytes. */
  memoryMb?: number;
  /** When set, every `simulate` in every cell runs with this seed (the CLI's `--seed`). */
  seed?: number;
}

/** Defaults of the kernel's limits. */
export const KERNEL_DEFAULTS = {
  /** Under a second of a tight loop (~125M checks/s); a million-delivery simulation takes a few million steps. */
  stepBudget: 100_000_000,
  timeoutMs: 30_000,
  memoryMb: 1024,
} as const;

/** After a stop request, how long a running seed sweep has to end with the seeds it ran before the worker is killed. */
export const SWEEP_STOP_GRACE_MS = 5000;

/** What a caller of `execute` hears while the cell runs. */
export interface ExecuteListeners {
  /** A seed sweep (explore()) of the cell is this far; at most every 100 ms. */
  onProgress?: (progress: SweepProgress) => void;
}

type StopReason = NonNullable<CellError['stoppedBy']>;

export class KernelHost {
  private worker: Worker | undefined;
  /** The running worker's stop flag (one Int32, see KernelWorkerData.stopFlag). */
  private stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private nextRequestId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  /** Workers terminated by restart() or dispose(), whose running cell is then reported as cancelled. */
  private readonly stoppedOnPurpose = new WeakSet<Worker>();
  private readonly settings: Required<Omit<KernelHostOptions, 'seed'>> & { seed?: number };

  constructor(options: KernelHostOptions) {
    this.settings = {
      workerScript: options.workerScript,
      engineBundle: options.engineBundle ?? join(dirname(options.workerScript), 'engineSandbox.js'),
      stepBudget: options.stepBudget ?? KERNEL_DEFAULTS.stepBudget,
      timeoutMs: options.timeoutMs ?? KERNEL_DEFAULTS.timeoutMs,
      memoryMb: options.memoryMb ?? KERNEL_DEFAULTS.memoryMb,
      seed: options.seed,
    };
  }

  /**
   * Runs `cells[targetIndex]`, where `cells` are all code cells of the
   * notebook in order. Cells above it are replayed first when the kernel's
   * context does not hold exactly them. Never rejects for a cell's own
   * failure: errors, timeouts, memory exhaustion and cancellation come back
   * as a CellResult with `ok: false`. Aborting stops the worker, except
   * in a seed sweep, which then ends early with the seeds it ran (within
   * SWEEP_STOP_GRACE_MS, or the worker is stopped after all).
   */
  execute(cells: KernelCell[], targetIndex: number, signal?: AbortSignal, listeners: ExecuteListeners = {}): Promise<CellResult> {
    const run = this.queue.then(() => this.executeNow(cells, targetIndex, signal, listeners));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Drops every declaration: terminates the worker now (a running cell ends
   * as cancelled); the next execution starts fresh.
   */
  async restart(): Promise<void> {
    await this.stopWorker();
  }

  /** Terminates the worker; the host must not be used afterwards. */
  dispose(): void {
    this.disposed = true;
    void this.stopWorker();
  }

  private startWorker(): Worker {
    const stopFlag = new SharedArrayBuffer(4);
    this.stopFlag = new Int32Array(stopFlag);
    const workerData: KernelWorkerData = {
      engineBundlePath: this.settings.engineBundle,
      stepBudget: this.settings.stepBudget,
      seed: this.settings.seed,
      memoryMb: this.settings.memoryMb,
      stopFlag,
    };
    const worker = new Worker(this.settings.workerScript, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.settings.memoryMb },
    });
    worker.unref();
    return worker;
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    this.stoppedOnPurpose.add(worker);
    await worker.terminate();
  }

  private executeNow(cells: KernelCell[], targetIndex: number, signal: AbortSignal | undefined, listeners: ExecuteListeners): Promise<CellResult> {
    if (this.disposed) throw new Error('KernelHost was disposed');
    const cell = cells[targetIndex];
    if (!cell) throw new RangeError(`targetIndex ${targetIndex} is outside the ${cells.length} code cells`);
    const started = performance.now();
    const duration = () => Math.round(performance.now() - started);
    const stopped = (reason: StopReason, name: string, message: string): CellResult => ({
      cellId: cell.id,
      ok: false,
      outputs: [],
      logs: [],
      error: { name, message, stoppedBy: reason },
      durationMs: duration(),
    });
    if (signal?.aborted) return Promise.resolve(stopped('cancelled', 'Cancelled', 'The run was cancelled.'));

    const worker = (this.worker ??= this.startWorker());
    const stopFlag = this.stopFlag;
    Atomics.store(stopFlag, 0, 0);
    const requestId = this.nextRequestId++;
    return new Promise<CellResult>((resolve) => {
      let outOfMemory = false;
      let inSweep = false;
      let grace: ReturnType<typeof setTimeout> | undefined;
      const finish = (result: CellResult) => {
        clearTimeout(timer);
        clearTimeout(grace);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
        resolve(result);
      };
      const kill = (result: CellResult) => {
        if (this.worker === worker) this.worker = undefined;
        finish(result);
        void worker.terminate();
      };
      const onMessage = (message: WorkerToHost) => {
        if (message.requestId !== requestId) return;
        if (message.type === 'started') timer = setTimeout(onTimeout, this.settings.timeoutMs);
        else if (message.type === 'progress') {
          inSweep = true;
          listeners.onProgress?.(message.progress);
        } else if (message.type === 'result') finish({ ...message.result, durationMs: duration() });
        else finish({ cellId: cell.id, ok: false, outputs: [], logs: [], error: message.error, durationMs: duration() });
      };
      const onError = (error: Error & { code?: string }) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = true;
        else kill(stopped('worker-crash', error.name, `The kernel stopped unexpectedly: ${error.message}`));
      };
      const onExit = () => {
        if (this.worker === worker) this.worker = undefined;
        finish(
          outOfMemory
            ? stopped('memory', 'OutOfMemory', `The cell used more than the kernel's ${this.settings.memoryMb} MB of memory and was stopped. The kernel was restarted.`)
            : this.stoppedOnPurpose.has(worker)
              ? stopped('cancelled', 'Cancelled', 'The kernel was restarted while the cell ran.')
              : stopped('worker-crash', 'KernelExited', 'The kernel stopped unexpectedly and was restarted.'),
        );
      };
      const cancel = () => kill(stopped('cancelled', 'Cancelled', 'The run was cancelled; the kernel was restarted.'));
      // A sweep polls the flag between seeds and ends with what it ran; anything else is stopped at once.
      const onAbort = () => {
        if (!inSweep) return cancel();
        Atomics.store(stopFlag, 0, 1);
        grace = setTimeout(cancel, SWEEP_STOP_GRACE_MS);
      };
      const onTimeout = () =>
        kill(stopped('timeout', 'Timeout', `The cell did not finish within ${this.settings.timeoutMs} ms and was stopped; the kernel was restarted.`));
      // Armed when the worker takes the request, so a slow start of a fresh worker does not count.
      let timer: ReturnType<typeof setTimeout> | undefined;
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      const request: HostToWorker = { type: 'execute', requestId, cells: cells.slice(0, targetIndex + 1), target: targetIndex };
      worker.postMessage(request);
    });
  }
}
