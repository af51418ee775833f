/**
 * The helper threads of one parallel `explore()` call, as the kernel thread
 * that runs the cell sees them. That thread is busy running the cell, so it
 * reads the helpers' messages synchronously (`receiveMessageOnPort`), and
 * sleeps on a shared counter the helpers bump, not on its event loop.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { CellError, KernelCell } from '../common/kernelMessages';
import type { HelperToKernel, SweepHelperData } from './sweepMessages';

/** Starts the kernel worker bundle as a helper for `helper`'s part (the port goes in its transfer list). */
export type HelperStarter = (helper: SweepHelperData) => Worker;

interface Helper {
  worker: Worker;
  port: MessagePort;
  done: number;
  failed: number;
  outcomes?: string;
  /** Not waited for: it had not joined the sweep when the kernel thread finished its part, or it fell silent. */
  excluded?: boolean;
  /** When the kernel thread last heard from it (a message, or seeing it join), in `performance.now()` time. */
  heardAt?: number;
}

export class HelperGroup {
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly helpers: Helper[] = [];
  private readonly joined: Int32Array;
  /** The first error a helper reported. */
  error: CellError | undefined;

  /** Starts `threads - 1` helpers, which claim positions of the sweep from `counter` as the calling thread does. */
  constructor(start: HelperStarter, sweep: { cells: KernelCell[]; ordinal: number; total: number; counter: SharedArrayBuffer }, threads: number) {
    const joined = new SharedArrayBuffer(4 * (threads - 1));
    this.joined = new Int32Array(joined);
    for (let index = 0; index < threads - 1; index++) {
      const { port1, port2 } = new MessageChannel();
      const worker = start({ ...sweep, joined, index, port: port2, signal: this.signal.buffer as SharedArrayBuffer });
      this.helpers.push({ worker, port: port1, done: 0, failed: 0 });
    }
  }

  /** Seeds the helpers have run and seen fail, as last reported. */
  get done(): number {
    return this.helpers.reduce((n, h) => n + h.done, 0);
  }

  get failed(): number {
    return this.helpers.reduce((n, h) => n + h.failed, 0);
  }

  /** Helpers that have joined the sweep (not still starting, nor excluded). */
  get joinedCount(): number {
    return this.joined.reduce((n, state) => n + (state === 1 ? 1 : 0), 0);
  }

  /** True when every helper waited for has handed over its part. */
  get complete(): boolean {
    return this.helpers.every((h) => h.excluded || h.outcomes !== undefined);
  }

  /** The parts (SeedOutcomes as JSON) of the helpers waited for, once complete. */
  parts(): string[] {
    return this.helpers.filter((h) => !h.excluded).map((h) => h.outcomes as string);
  }

  /**
   * Stops waiting for helpers that have not joined the sweep yet (still
   * starting): they will claim nothing. Called once the calling thread has
   * claimed its last positions, so a slow start never holds the sweep up.
   */
  excludeLate(): void {
    this.helpers.forEach((helper, index) => {
      if (Atomics.compareExchange(this.joined, index, 0, 2) === 0) helper.excluded = true;
    });
  }

  /**
   * Stops waiting for joined helpers not heard from for `silentMs`, and ends
   * them. A helper that ran out of memory dies without a word the busy
   * kernel thread could read (a worker's exit reaches only the event loop);
   * one stuck in a very long seed looks the same. Either way the positions
   * it claimed are left unrun, and explore() runs them itself (see
   * `fillGaps` in src/check/explore/seedRuns.ts), so the result is the same.
   */
  dropSilent(silentMs: number): void {
    const now = performance.now();
    this.helpers.forEach((helper, index) => {
      if (helper.excluded || helper.outcomes !== undefined || Atomics.load(this.joined, index) !== 1) return;
      helper.heardAt ??= now;
      if (now - helper.heardAt < silentMs) return;
      helper.excluded = true;
      helper.port.close();
      void helper.worker.terminate();
    });
  }

  /** Reads every message that has arrived. */
  poll(): void {
    const now = performance.now();
    for (const helper of this.helpers) {
      for (let received = receiveMessageOnPort(helper.port); received; received = receiveMessageOnPort(helper.port)) {
        helper.heardAt = now;
        const message = received.message as HelperToKernel;
        if (message.type === 'progress') Object.assign(helper, { done: message.done, failed: message.failed });
        else if (message.type === 'part') helper.outcomes = message.outcomes;
        else this.error ??= message.error;
      }
    }
  }

  /** Reads what has arrived; when that is not everything, sleeps until a helper posts again or `timeoutMs` passes. */
  wait(timeoutMs: number): void {
    const seen = Atomics.load(this.signal, 0);
    this.poll();
    if (!this.complete && !this.error) Atomics.wait(this.signal, 0, seen, timeoutMs);
  }

  /** Ends every helper (they are done, or no longer needed). */
  close(): void {
    for (const helper of this.helpers) {
      helper.port.close();
      void helper.worker.terminate();
    }
  }
}
