/**
 * The kernel's side of the sweep host `explore()` finds in a cell sandbox
 * (src/check/explore/sweepHost.ts; the sandbox side is in sandboxRuntime.ts).
 * In the kernel thread it reports progress to the host, passes on the
 * editor's stop request, and, once a sweep proves long, starts helper threads
 * that claim positions of the sweep from a shared counter, then waits for
 * their parts before explore() tallies them. In a helper thread it runs the
 * one explore() call it was started for and hands its part back.
 *
 * The sandbox calls `call(op, arg)` with strings and gets a string back
 * (JSON, or `!message` for an error): nothing of this realm reaches the cell.
 */
import type { CellError, KernelCell } from '../common/kernelMessages';
import type { SweepProgress } from '../common/sweepProgress';
import { ProgressThrottle } from './progressThrottle';
import { CheckBridge, type CheckHelperData, type CheckHelperStarter } from './checkBridge';
import { HelperGroup, type HelperStarter } from './sweepHelpers';
import type { HelperToKernel, SweepHelperData } from './sweepMessages';
import { splitThreads } from './sweepPlan';

/** Progress goes to the host (and from helpers to the kernel thread) at most this often. */
export const PROGRESS_INTERVAL_MS = 100;
/** Positions a thread claims at a time: small, so threads end together; large enough that claims cost nothing. */
export const CLAIM_SIZE = 16;
/**
 * A joined helper not heard from for this long is given up on (see
 * HelperGroup.dropSilent): helpers report after every seed, at most every
 * PROGRESS_INTERVAL_MS, so only a dead helper or one seed this long is silent.
 */
export const HELPER_SILENT_MS = 10_000;

export interface SweepBridgeOptions {
  /** Sends the running cell's sweep progress to the host (kernel thread). */
  postProgress(requestId: number, progress: SweepProgress): void;
  /** Starts a helper thread (kernel thread). */
  startHelper: HelperStarter;
  /** Set to 1 by the host when the user asks to stop. */
  stopFlag?: Int32Array;
  /** Cores to spread a sweep over by default, asked when a sweep may split. */
  cores: () => number;
  /**
   * The most threads one sweep may use, whatever its `workers` says, and,
   * times HELPER_ROUNDS_PER_CELL, the most helpers one cell may start: only
   * the kernel decides how many threads run.
   */
  maxThreads: number;
  /** Set in a helper thread: the explore() call it runs a part of. */
  helper?: SweepHelperData;
  /** Starts a helper thread for a check() over threads (kernel thread; see checkBridge.ts). */
  startCheckHelper?: CheckHelperStarter;
  /** Set in a check helper thread: the check() call it searches a part of. */
  checkHelper?: CheckHelperData;
}

interface Sweep {
  total: number;
  started: number;
  throttle: ProgressThrottle;
  own: { done: number; failed: number };
  /** Next position to claim: local until the sweep is split, then shared by its threads. */
  next: number;
  counter?: Int32Array;
}

/** A sweep the kernel thread runs, perhaps with helpers. */
interface KernelSweep extends Sweep {
  kind: 'kernel';
  /** The explore() option. */
  workers: number | undefined;
  ordinal: number;
  /** No more splitting: split already, or `workers` said how. */
  settled: boolean;
  helpers?: HelperGroup;
  /** The cells' top-level state when the sweep began (see watchSharedState). */
  stateBefore?: TopLevelState;
}

/** The JSON of each top-level binding of the cells, by name. */
export type TopLevelState = ReadonlyMap<string, string>;

/** The sweep a helper thread was started for. */
interface HelperSweep extends Sweep {
  kind: 'helper';
  /** Joined too late: the kernel thread had finished; claim nothing, report nothing. */
  late: boolean;
}

/** How many sweeps' worth of helpers (at maxThreads each) one cell may start. */
export const HELPER_ROUNDS_PER_CELL = 4;

export class SweepBridge {
  /** Helper threads started while the running cell ran. */
  private helpersStarted = 0;
  private requestId = 0;
  private cells: readonly KernelCell[] = [];
  private position = -1;
  /** explore() calls begun in the running cell. */
  private calls = 0;
  private sweep: KernelSweep | HelperSweep | undefined;
  private helperError: CellError | undefined;
  /** The running cell's step-budget failure, if the budget ran out (the engine may have caught the error). */
  private budgetFailure: () => CellError | undefined = () => undefined;
  /** The cells' top-level state now, to tell a sweep whose seeds share state. */
  private topLevelState: () => TopLevelState = () => new Map();
  private sharedStateNotes: string[] = [];

  /** check() calls over threads: the same cells and positions as explore()'s. */
  private readonly checks: CheckBridge;

  constructor(private readonly options: SweepBridgeOptions) {
    this.checks = new CheckBridge({ startHelper: options.startCheckHelper, maxThreads: options.maxThreads, stopFlag: options.stopFlag, helper: options.checkHelper });
  }

  /** How to tell that the running cell ran out of steps (set by the CellProgram). */
  watchBudget(failure: () => CellError | undefined): void {
    this.budgetFailure = failure;
  }

  /**
   * How to read the cells' top-level state (set by the CellProgram). A sweep
   * that changed it ran seeds that could see what earlier seeds left: their
   * results then depend on the order and the number of threads, and the cell
   * says so (takeSharedStateNotes).
   */
  watchSharedState(read: () => TopLevelState): void {
    this.topLevelState = read;
  }

  /** What the running cell's sweeps changed of the cells' top-level state, once. */
  takeSharedStateNotes(): string[] {
    const notes = this.sharedStateNotes;
    this.sharedStateNotes = [];
    return notes;
  }

  /** A request of the host starts: progress goes to `requestId`; helpers get cells from `cells`. */
  request(requestId: number, cells: readonly KernelCell[]): void {
    this.requestId = requestId;
    this.cells = cells;
  }

  /** The cell at `position` of the request's cells starts running. */
  cellStarted(position: number): void {
    this.cellEnded();
    this.position = position;
    this.calls = 0;
    this.helpersStarted = 0;
    this.helperError = undefined;
    this.checks.cellStarted();
  }

  /** The running cell ended (or threw in the middle of a sweep): no helper outlives it. */
  cellEnded(): void {
    if (this.sweep?.kind === 'kernel') this.sweep.helpers?.close();
    this.sweep = undefined;
    this.checks.cellEnded();
  }

  /** The error of a helper that made the running cell fail, once. */
  takeHelperError(): CellError | undefined {
    const error = this.helperError ?? this.checks.helperError;
    this.helperError = undefined;
    this.checks.helperError = undefined;
    return error;
  }

  /** What the sandbox's sweep host calls. Never throws. */
  readonly call = (op: string, arg: string): string => {
    try {
      if (op.startsWith('check-')) return this.checks.call(op.slice(6), arg, this.cells, this.position);
      switch (op) {
        case 'begin': {
          // What the sandbox sends is whatever the cell passed: check it is what explore() sends.
          const [total, workers] = JSON.parse(arg) as [unknown, unknown];
          if (!Number.isSafeInteger(total) || (total as number) < 0) return '!the sweep host needs a whole number of seeds';
          if (workers !== null && (typeof workers !== 'number' || !(workers >= 1))) return '!the sweep host needs a positive number of workers';
          return String(this.begin(total as number, workers === null ? undefined : Math.min(workers as number, this.options.maxThreads)));
        }
        case 'claim':
          return JSON.stringify(this.claim());
        case 'progress': {
          const [done, failed] = arg.split(',').map(Number);
          if (!Number.isFinite(done) || !Number.isFinite(failed)) return '!the sweep host needs counts of seeds';
          return String(this.progress(done, failed));
        }
        case 'finish':
          return this.finish(arg);
        default:
          return `!unknown sweep operation ${op}`;
      }
    } catch (error) {
      return `!${error instanceof Error ? error.message : String(error)}`;
    }
  };

  private stopRequested(): boolean {
    return this.options.stopFlag !== undefined && Atomics.load(this.options.stopFlag, 0) !== 0;
  }

  private begin(total: number, workers: number | undefined): boolean {
    const ordinal = this.calls++;
    // A sweep inside another (say, in a property) runs alone.
    if (this.sweep) return false;
    const common = { total, started: performance.now(), throttle: new ProgressThrottle(PROGRESS_INTERVAL_MS), own: { done: 0, failed: 0 }, next: 0 };
    const helper = this.options.helper;
    if (helper) {
      if (this.position !== helper.cells.length - 1 || ordinal !== helper.ordinal) return false;
      if (total !== helper.total) throw new Error(`the sweep has ${total} seeds in a helper thread but ${helper.total} in the kernel: does the cell depend on something outside the notebook?`);
      const late = Atomics.compareExchange(new Int32Array(helper.joined), helper.index, 0, 1) !== 0;
      this.sweep = { kind: 'helper', ...common, counter: new Int32Array(helper.counter), late };
      return true;
    }
    const sweep: KernelSweep = { kind: 'kernel', ...common, workers, ordinal, settled: workers === 1, stateBefore: total > 1 ? this.topLevelState() : undefined };
    this.sweep = sweep;
    this.maybeSplit(sweep);
    if (sweep.throttle.due()) this.report(sweep);
    return true;
  }

  private claim(): [number, number] | null {
    const sweep = this.sweep;
    if (!sweep || (sweep.kind === 'helper' && sweep.late)) return null;
    if (sweep.kind === 'kernel') this.maybeSplit(sweep);
    const from = sweep.counter ? Atomics.add(sweep.counter, 0, CLAIM_SIZE) : sweep.next;
    sweep.next = from + CLAIM_SIZE;
    return from < sweep.total ? [from, Math.min(from + CLAIM_SIZE, sweep.total)] : null;
  }

  /** Splits the rest of the kernel thread's sweep across helpers once that pays. */
  private maybeSplit(sweep: KernelSweep): void {
    if (sweep.settled) return;
    const wanted = splitThreads({ total: sweep.total, done: sweep.next, elapsedMs: performance.now() - sweep.started }, sweep.workers, sweep.workers === undefined ? this.options.cores() : 1);
    const allowed = this.options.maxThreads * HELPER_ROUNDS_PER_CELL - this.helpersStarted;
    const threads = Math.min(wanted, this.options.maxThreads, allowed + 1);
    sweep.settled = wanted > 1 || sweep.workers !== undefined;
    if (threads <= 1) return;
    this.helpersStarted += threads - 1;
    const counter = new SharedArrayBuffer(4);
    sweep.counter = new Int32Array(counter);
    sweep.counter[0] = sweep.next;
    sweep.helpers = new HelperGroup(this.options.startHelper, { cells: this.cells.slice(0, this.position + 1), ordinal: sweep.ordinal, total: sweep.total, counter }, threads);
    this.report(sweep);
  }

  /** True when the sweep should stop: the user asked, or (kernel thread) a helper failed. */
  private progress(done: number, failed: number): boolean {
    const sweep = this.sweep;
    if (sweep) {
      sweep.own = { done, failed };
      if (sweep.throttle.due()) {
        if (sweep.kind === 'helper') this.postToKernel({ type: 'progress', done, failed });
        else {
          sweep.helpers?.poll();
          this.report(sweep);
          if (sweep.helpers?.error) return true;
        }
      }
    }
    return this.stopRequested();
  }

  private finish(outcomes: string): string {
    const sweep = this.sweep;
    if (!sweep) return '[]';
    this.sweep = undefined;
    if (sweep.kind === 'helper') {
      if (sweep.late) blockUntilEnded();
      // Out of steps, the runs after that point failed for that reason: the cell fails, as it would in one thread.
      const failure = this.budgetFailure();
      this.postToKernel({ type: 'progress', ...sweep.own });
      this.postToKernel(failure ? { type: 'error', error: failure } : { type: 'part', outcomes });
      blockUntilEnded();
    }
    this.noteSharedState(sweep);
    const helpers = sweep.helpers;
    if (!helpers) {
      this.report(sweep);
      return '[]';
    }
    helpers.excludeLate();
    try {
      while (!helpers.complete && !helpers.error) {
        helpers.wait(PROGRESS_INTERVAL_MS);
        helpers.dropSilent(HELPER_SILENT_MS);
        if (sweep.throttle.due()) this.report(sweep);
      }
    } finally {
      helpers.close();
    }
    if (helpers.error) {
      this.helperError = helpers.error;
      throw new Error(`a sweep helper thread failed: ${helpers.error.name}: ${helpers.error.message}`);
    }
    this.report(sweep);
    return `[${helpers.parts().join(',')}]`;
  }

  private noteSharedState(sweep: KernelSweep): void {
    const before = sweep.stateBefore;
    if (!before) return;
    const after = this.topLevelState();
    const changed = [...before].filter(([name, json]) => after.get(name) !== json).map(([name]) => `\`${name}\``);
    if (changed.length === 0) return;
    this.sharedStateNotes.push(
      `explore(): its seeds share state: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''} (declared at the top of a cell) changed while the seeds ran, ` +
        'so a seed can see what the seeds before it left, and its result can depend on their order and on how many threads ran them. Keep what a run changes in its nodes\' state.',
    );
  }

  private report(sweep: KernelSweep): void {
    const progress: SweepProgress = {
      done: sweep.own.done + (sweep.helpers?.done ?? 0),
      total: sweep.total,
      failed: sweep.own.failed + (sweep.helpers?.failed ?? 0),
      workers: 1 + (sweep.helpers?.joinedCount ?? 0),
      elapsedMs: Math.round(performance.now() - sweep.started),
    };
    if (this.stopRequested()) progress.stopping = true;
    this.options.postProgress(this.requestId, progress);
  }

  /** A helper's message to the kernel thread, which sleeps on the signal until one arrives. */
  postToKernel(message: HelperToKernel): void {
    const helper = this.options.helper;
    if (!helper) return;
    helper.port.postMessage(message);
    const signal = new Int32Array(helper.signal);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  }
}

/** A helper that handed over its part waits here until the kernel thread ends it. */
function blockUntilEnded(): never {
  const never = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(never, 0, 0);
}
