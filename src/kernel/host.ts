/**
 * The kernel as the notebook controller and the CLI see it. Cells run in a
 * kernel process of their own (dist/kernelProcess.js, started with this
 * process's `node`), never in the caller's process, as a Jupyter kernel
 * does: an abort, an out-of-memory, a native loop or a hang there is ended by
 * the OS and reported as the cell's failure, and the caller carries on. One
 * request runs at a time. A cell that does not finish in `timeoutMs`, whose
 * process grows past `memoryMb`, or whose run is cancelled ends the process;
 * the next request starts a fresh one (which replays the cells above).
 *
 * The process gets no environment of the caller's (only a fixed time zone
 * and locale), cannot generate code from strings in its own realm, and,
 * where this Node has the permission model, may read only the kernel's own
 * bundles and write nothing: a cell that escaped its sandbox would still find
 * little to reach.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { CellError, CellResult, KernelCell } from '../common/kernelMessages';
import type { SweepProgress } from '../common/sweepProgress';
import { encodeFrame, FrameReader, FrameTooLarge } from './process/frames';
import type { HostToProcess, KernelProcessSettings, ProcessToHost } from './process/messages';
import { KERNEL_BASE_MB, kernelProcessArgs, kernelProcessEnv } from './process/launch';
import type { NotebookNeeds } from '../common/cellNeeds';
import { RangeRecovery } from './rangeRecovery';

export interface KernelHostOptions {
  /** Path of the kernel worker bundle (dist/kernelWorker.js); the process bundle (kernelProcess.js) is next to it. */
  workerScript: string;
  /** Path of the engine sandbox bundle; defaults to `engineSandbox.js` next to the worker script. */
  engineBundle?: string;
  /** Loop iterations plus function calls a cell may make before it is stopped; 0 disables. */
  stepBudget?: number;
  /** Wall-clock limit of one execution (including replays), after which the kernel process is ended. */
  timeoutMs?: number;
  /**
   * Heap limit of the cells, in megabytes; the kernel process as a whole
   * (every thread, heap and off-heap, as resident memory) may use this plus KERNEL_BASE_MB.
   */
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

/** After a stop request, how long a running seed sweep has to end with the seeds it ran before the process is ended. */
export const SWEEP_STOP_GRACE_MS = 5000;

/** How long a new kernel process may take to load before it counts as broken. */
export const KERNEL_START_TIMEOUT_MS = 30_000;

/** The largest message the host accepts from a kernel process (results are capped below this inside it). */
const MAX_FRAME_BYTES = 160 * 1024 * 1024;

/** The host reads the process's resident size this often, where the OS says it (Linux). */
const MEMORY_POLL_MS = 200;

/** What a caller of `execute` hears while the cell runs. */
export interface ExecuteListeners {
  /** A seed sweep (explore()) of the cell is this far; at most every 100 ms. */
  onProgress?: (progress: SweepProgress) => void;
}

/** What a caller of `executeRange` hears, and what it may give. */
export interface RangeOptions extends ExecuteListeners {
  /** Each cell's result, in order, as it comes. */
  onResult?: (index: number, result: CellResult) => void;
  /**
   * The dependency analysis of the range's cells, loaded when first needed:
   * after a cell ends the kernel, the cells below that do not need it (nor
   * another cell that failed) run in the fresh kernel, and those that do get
   * an error naming it (see rangeRecovery.ts). Without it, or when it does not
   * load, each cell below fails at once as `execute` would fail it.
   */
  dependencies?: () => Promise<NotebookNeeds>;
}

type StopReason = NonNullable<CellError['stoppedBy']>;

/** One running kernel process, and what it holds. */
interface KernelProcess {
  child: ChildProcess;
  input: Writable;
  /** Resolves once it has loaded; rejects if it ends first. */
  ready: Promise<void>;
  /** The cells it was sent, in order (it keeps them between requests). */
  held: KernelCell[];
  /** Listeners of the request in flight. */
  onMessage?: (message: ProcessToHost) => void;
  onEnd?: (why: ProcessEnd) => void;
  /** Why it ended, once it has. */
  ended?: ProcessEnd;
  /** Set when the host ended it (restart, dispose, timeout, cancel, memory). */
  endedBy?: StopReason;
  /** Its own last word ('ending' frame): memory or a dead worker thread. */
  lastWord?: Extract<ProcessToHost, { type: 'ending' }>;
  stderrTail: string;
  memoryTimer?: ReturnType<typeof setInterval>;
  /** Keeps the caller's event loop alive while a request is in flight (or not). */
  hold: (busy: boolean) => void;
}

interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class KernelHost {
  private current: KernelProcess | undefined;
  private nextRequestId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private readonly settings: Required<Omit<KernelHostOptions, 'seed'>> & { seed?: number };
  /**
   * Cells (by id, with their source) that ended the kernel process when they
   * ran: a request that would replay one fails at once, as the replay would,
   * instead of paying its time limit again for every cell below it.
   */
  private readonly endedKernel = new Map<string, { source: string; error: CellError }>();

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
   * failure: errors, timeouts, memory exhaustion, a crash of the kernel
   * process and cancellation come back as a CellResult with `ok: false`.
   * Aborting ends the process, except in a seed sweep, which then ends early
   * with the seeds it ran (within SWEEP_STOP_GRACE_MS, or the process is ended after all).
   */
  execute(cells: KernelCell[], targetIndex: number, signal?: AbortSignal, listeners: ExecuteListeners = {}): Promise<CellResult> {
    return this.enqueue(async () => (await this.runRange(cells, targetIndex, targetIndex, signal, listeners))[0]);
  }

  /**
   * Runs `cells[from..to]` in order, each with the result `execute` would
   * give it, in as few requests to the kernel process as it can: one, unless
   * a cell ends the process (the rest then go on in a fresh one: with
   * `dependencies`, each cell that does not need the one that failed runs
   * there; without, each fails at once as `execute` would fail it).
   * `onResult` hears each result as it comes. Each cell has the time limit
   * of its own. An abort ends the range: the cells not run come back cancelled.
   */
  executeRange(cells: KernelCell[], from: number, to: number, signal?: AbortSignal, listeners: RangeOptions = {}): Promise<CellResult[]> {
    return this.enqueue(() => this.runRange(cells, from, to, signal, listeners));
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Drops every declaration: ends the kernel process now (a running cell ends as cancelled); the next execution starts fresh. */
  async restart(): Promise<void> {
    this.stop(this.current, 'cancelled');
  }

  /** Ends the kernel process; the host must not be used afterwards. */
  dispose(): void {
    this.disposed = true;
    this.stop(this.current, 'cancelled');
  }

  private get residentLimitMb(): number {
    return this.settings.memoryMb + KERNEL_BASE_MB;
  }

  /** The kernel process's id, while one runs (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.current?.ended ? undefined : this.current?.child.pid;
  }

  private startProcess(): KernelProcess {
    const processScript = join(dirname(this.settings.workerScript), 'kernelProcess.js');
    const child = spawn(process.execPath, [...kernelProcessArgs(dirname(this.settings.workerScript), dirname(this.settings.engineBundle), this.settings.memoryMb), processScript], {
      stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
      env: kernelProcessEnv(),
      cwd: dirname(processScript),
      windowsHide: true,
    });
    const input = child.stdin as Writable;
    const output = child.stdio[3] as Readable;
    const errors = child.stderr as Readable;
    let markReady!: () => void;
    let failReady!: (error: Error) => void;
    const kernel: KernelProcess = {
      child,
      input,
      held: [],
      stderrTail: '',
      hold: () => undefined,
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        failReady = reject;
      }),
    };
    kernel.ready.catch(() => undefined);
    const reader = new FrameReader(MAX_FRAME_BYTES);
    output.on('data', (chunk: Buffer) => {
      let messages: unknown[];
      try {
        messages = reader.push(chunk);
      } catch (error) {
        // A kernel that sends more than it may is not trusted with another word.
        kernel.lastWord = { type: 'ending', reason: 'worker-exit', detail: error instanceof FrameTooLarge ? 'it sent a message over the size limit' : 'it sent a malformed message' };
        this.stop(kernel, 'worker-crash');
        return;
      }
      for (const message of messages as ProcessToHost[]) {
        if (message.type === 'ready') markReady();
        else if (message.type === 'ending') kernel.lastWord = message;
        else kernel.onMessage?.(message);
      }
    });
    errors.setEncoding('utf8');
    errors.on('data', (text: string) => {
      kernel.stderrTail = (kernel.stderrTail + text).slice(-4000);
    });
    const onEnd = (why: ProcessEnd) => {
      if (kernel.ended) return;
      kernel.ended = why;
      clearInterval(kernel.memoryTimer);
      if (this.current === kernel) this.current = undefined;
      failReady(new Error('the kernel process ended while loading'));
      kernel.onEnd?.(why);
    };
    child.on('exit', (code, signal) => onEnd({ code, signal }));
    child.on('error', () => onEnd({ code: null, signal: null }));
    // A closed pipe is seen as an error on write; the exit event says what happened.
    input.on('error', () => undefined);
    const settings: KernelProcessSettings = {
      workerScript: this.settings.workerScript,
      engineBundlePath: this.settings.engineBundle,
      stepBudget: this.settings.stepBudget,
      seed: this.settings.seed,
      memoryMb: this.settings.memoryMb,
      residentLimitMb: this.residentLimitMb,
    };
    this.send(kernel, { type: 'settings', settings });
    kernel.memoryTimer = setInterval(() => {
      const rss = residentMegabytes(child.pid);
      if (rss !== undefined && rss > this.residentLimitMb) {
        kernel.lastWord = { type: 'ending', reason: 'memory', detail: `${rss} MB` };
        this.stop(kernel, 'memory');
      }
    }, MEMORY_POLL_MS);
    kernel.memoryTimer.unref();
    // Idle, a kernel process does not keep the caller alive (a CLI ends when its work does); busy, it does.
    kernel.hold = (busy: boolean) => {
      for (const handle of [child, input, output, errors] as unknown as { ref?: () => void; unref?: () => void }[]) {
        if (busy) handle.ref?.();
        else handle.unref?.();
      }
    };
    kernel.hold(false);
    return kernel;
  }

  private send(kernel: KernelProcess, message: HostToProcess): void {
    if (!kernel.ended) kernel.input.write(encodeFrame(message));
  }

  /** Ends a kernel process (SIGKILL: the OS reclaims every thread and byte of it at once). */
  private stop(kernel: KernelProcess | undefined, reason: StopReason): void {
    if (!kernel) return;
    if (this.current === kernel) this.current = undefined;
    if (kernel.ended) return;
    kernel.endedBy ??= reason;
    kernel.child.kill('SIGKILL');
  }

  private async runRange(cells: KernelCell[], from: number, to: number, signal: AbortSignal | undefined, listeners: RangeOptions): Promise<CellResult[]> {
    if (this.disposed) throw new Error('KernelHost was disposed');
    for (const index of [from, to]) {
      if (!cells[index]) throw new RangeError(`cell ${index} is outside the ${cells.length} code cells`);
    }
    const results: CellResult[] = [];
    const answer = (index: number, result: CellResult) => {
      results.push(result);
      listeners.onResult?.(index, result);
    };
    let recovery = listeners.dependencies && new RangeRecovery(cells, to);
    let analysis: NotebookNeeds | undefined;
    for (let next = from; next <= to; ) {
      next = await this.runBatch(recovery?.sent ?? cells, next, to, signal, listeners, (index, result) => answer(index, recovery ? recovery.shown(index, result) : result));
      // A request ends early when a cell ended the kernel (or it did not start): the rest go to a fresh one.
      if (next > to || !recovery || !listeners.dependencies) continue;
      const load = listeners.dependencies;
      analysis ??= await Promise.resolve().then(load).catch(() => undefined);
      if (analysis) recovery.replan(next, analysis);
      else recovery = undefined;
    }
    return results;
  }

  /**
   * One request to the kernel process for `cells[from..to]`. Answers each
   * cell it ran (and, when cancelled, each it did not); returns the index of
   * the first cell left unanswered (past `to` when all were).
   */
  private async runBatch(
    cells: KernelCell[],
    from: number,
    to: number,
    signal: AbortSignal | undefined,
    listeners: ExecuteListeners,
    answer: (index: number, result: CellResult) => void,
  ): Promise<number> {
    let inFlight = from;
    let started = performance.now();
    const stopped = (reason: StopReason, name: string, message: string): CellResult => ({
      cellId: cells[inFlight].id,
      ok: false,
      outputs: [],
      logs: [],
      error: { name, message, stoppedBy: reason },
      durationMs: Math.round(performance.now() - started),
    });
    const cancelRest = (message: string): number => {
      for (; inFlight <= to; inFlight++, started = performance.now()) answer(inFlight, stopped('cancelled', 'Cancelled', message));
      return inFlight;
    };
    if (signal?.aborted) return cancelRest('The run was cancelled.');
    const known = this.knownFailureAbove(cells, from);
    if (known) {
      answer(from, { cellId: cells[from].id, ok: false, outputs: [], logs: [], error: known.error, replayed: [known.cellId], durationMs: 0 });
      return from + 1;
    }

    const kernel = (this.current ??= this.startProcess());
    kernel.hold(true);
    let startTimer: ReturnType<typeof setTimeout> | undefined;
    let abortStart: (() => void) | undefined;
    const loaded = await Promise.race([
      kernel.ready.then(() => true, () => false),
      new Promise<boolean>((resolve) => (startTimer = setTimeout(() => resolve(false), KERNEL_START_TIMEOUT_MS))),
      new Promise<boolean>((resolve) => signal?.addEventListener('abort', (abortStart = () => resolve(false)), { once: true })),
    ]);
    clearTimeout(startTimer);
    if (abortStart) signal?.removeEventListener('abort', abortStart);
    if (signal?.aborted) {
      this.stop(kernel, 'cancelled');
      kernel.hold(false);
      return cancelRest('The run was cancelled; the kernel was restarted.');
    }
    if (!loaded) {
      kernel.hold(false);
      this.stop(kernel, 'worker-crash');
      answer(from, stopped('worker-crash', 'KernelStartFailed', `The kernel process did not start${kernel.ended ? ` (${describeEnd(kernel.ended)})` : ` within ${KERNEL_START_TIMEOUT_MS / 1000} s`}.`));
      return from + 1;
    }

    const requestId = this.nextRequestId++;
    const upTo = cells.length === to + 1 ? cells : cells.slice(0, to + 1);
    const keep = commonPrefix(kernel.held, upTo);
    kernel.held = upTo;
    // Whether the context held every cell above the one in flight when it started (then it ran alone).
    let heldAbove = keep >= from;
    return new Promise<number>((resolve) => {
      let inSweep = false;
      let cancelled = false;
      let grace: ReturnType<typeof setTimeout> | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const armTimer = () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.stop(kernel, 'timeout'), this.settings.timeoutMs);
      };
      const close = () => {
        clearTimeout(timer);
        clearTimeout(grace);
        signal?.removeEventListener('abort', onAbort);
        kernel.onMessage = undefined;
        kernel.onEnd = undefined;
        kernel.hold(false);
        resolve(cancelled ? cancelRest('The run was cancelled.') : inFlight);
      };
      const settle = (result: CellResult, held?: number) => {
        this.rememberEnding(cells[inFlight], result, heldAbove);
        answer(inFlight, result);
        inFlight++;
        heldAbove = held === inFlight;
        inSweep = false;
        started = performance.now();
        if (inFlight > to || cancelled) return close();
        armTimer();
      };
      kernel.onMessage = (message) => {
        if (!('requestId' in message) || message.requestId !== requestId) return;
        if (message.type === 'progress') {
          inSweep = true;
          listeners.onProgress?.(message.progress);
        } else if (message.type === 'result') settle({ ...message.result, durationMs: Math.round(performance.now() - started) }, message.held);
        else if (message.type === 'failed') settle({ cellId: cells[inFlight].id, ok: false, outputs: [], logs: [], error: message.error, durationMs: Math.round(performance.now() - started) });
      };
      kernel.onEnd = (why) => {
        const result = this.endedResult(kernel, why, stopped);
        this.rememberEnding(cells[inFlight], result, heldAbove);
        answer(inFlight, result);
        inFlight++;
        close();
      };
      const onAbort = () => {
        cancelled = true;
        if (!inSweep) return this.stop(kernel, 'cancelled');
        this.send(kernel, { type: 'stop', requestId });
        grace = setTimeout(() => this.stop(kernel, 'cancelled'), SWEEP_STOP_GRACE_MS);
      };
      armTimer();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (kernel.ended) return kernel.onEnd(kernel.ended);
      this.send(kernel, { type: 'execute', requestId, keep, cells: upTo.slice(keep), target: from, ...(to > from ? { through: to } : {}) });
    });
  }

  /**
   * The error of a request whose replay would run a cell that ended the
   * kernel before (a fresh process must replay it), or undefined. Running that cell itself always runs it.
   */
  private knownFailureAbove(cells: readonly KernelCell[], targetIndex: number): { cellId: string; error: CellError } | undefined {
    if (this.endedKernel.size === 0) return undefined;
    const held = this.current?.held ?? [];
    const kept = commonPrefix(held, cells.slice(0, targetIndex));
    for (let i = kept; i < targetIndex; i++) {
      const ended = this.endedKernel.get(cells[i].id);
      if (ended && ended.source === cells[i].source) {
        const message = `A cell above (cell ${cells[i].index + 1}) failed when it was re-run first: ${ended.error.name}: ${ended.error.message}`;
        return { cellId: cells[i].id, error: { name: ended.error.name, message } };
      }
    }
    return undefined;
  }

  /** `ranAlone`: the process held the cells above, so the target is the only cell that ran. */
  private rememberEnding(cell: KernelCell, result: CellResult, ranAlone: boolean): void {
    const reason = result.error?.stoppedBy;
    if (reason === 'timeout' || reason === 'memory' || reason === 'worker-crash') {
      if (ranAlone) this.endedKernel.set(cell.id, { source: cell.source, error: result.error as CellError });
    } else if (reason !== 'cancelled') this.endedKernel.delete(cell.id);
  }

  /** The result of a request whose kernel process ended before answering. */
  private endedResult(kernel: KernelProcess, why: ProcessEnd, stopped: (reason: StopReason, name: string, message: string) => CellResult): CellResult {
    const memory = kernel.endedBy === 'memory' || kernel.lastWord?.reason === 'memory';
    if (memory) {
      const detail = kernel.lastWord?.detail;
      const why =
        detail === undefined || detail === 'the heap limit'
          ? `more than the kernel's ${this.settings.memoryMb} MB of memory (the heap limit)`
          : `so much that the kernel process held ${detail}, past the ${this.residentLimitMb} MB it may (the ${this.settings.memoryMb} MB memory setting and ${KERNEL_BASE_MB} MB for the kernel itself)`;
      return stopped('memory', 'OutOfMemory', `The cell used ${why} and was stopped. The kernel was restarted.`);
    }
    switch (kernel.endedBy) {
      case 'timeout':
        return stopped('timeout', 'Timeout', `The cell did not finish within ${this.settings.timeoutMs} ms and was stopped; the kernel was restarted.`);
      case 'cancelled':
        return stopped('cancelled', 'Cancelled', 'The run was cancelled; the kernel was restarted.');
      default:
        return stopped('worker-crash', 'KernelExited', `The kernel process stopped unexpectedly (${kernel.lastWord?.detail ?? describeEnd(why)}) and was restarted.`);
    }
  }
}

/** How many leading cells two lists share (same id and source). */
function commonPrefix(held: readonly KernelCell[], cells: readonly KernelCell[]): number {
  const n = Math.min(held.length, cells.length);
  let i = 0;
  while (i < n && held[i].id === cells[i].id && held[i].source === cells[i].source) i++;
  return i;
}

function describeEnd(why: ProcessEnd): string {
  return why.signal ? `signal ${why.signal}` : `exit code ${why.code ?? 'unknown'}`;
}

/** Resident size of a process in MB, where the OS tells it cheaply (Linux); undefined elsewhere. */
function residentMegabytes(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}
