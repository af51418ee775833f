/**
 * How far a running `explore()` seed sweep is, as the kernel reports it
 * while the cell runs: shown under the cell (MIME.progress) until the cell's result replaces it.
 */

export interface SweepProgress {
  /** Seeds run so far, over all threads. */
  done: number;
  total: number;
  /** Seeds that broke a property so far. */
  failed: number;
  /** Threads running the sweep (helpers count once they have started). */
  workers: number;
  /** Wall time since the sweep started. */
  elapsedMs: number;
  /** The user asked to stop: the sweep ends after the seeds now running. */
  stopping?: boolean;
}

/** Seeds per second so far (0 before the first measurable instant). */
export function runsPerSecond(progress: SweepProgress): number {
  return progress.elapsedMs > 0 ? Math.round((progress.done / progress.elapsedMs) * 1000) : 0;
}

/** One line: "explore: 1,200 / 10,000 seeds (12%) · 3 failing · 2,400 runs/s · 2 threads". */
export function describeSweepProgress(progress: SweepProgress): string {
  const { done, total, failed, workers } = progress;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  const state = progress.stopping ? ' · stopping' : done >= total && failed > 0 ? ' · shrinking failures' : '';
  return (
    `explore: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} seeds (${percent}%) · ${failed.toLocaleString('en-US')} failing · ` +
    `${runsPerSecond(progress).toLocaleString('en-US')} runs/s · ${workers} ${workers === 1 ? 'thread' : 'threads'}${state}`
  );
}

/** True for progress data from any source (a renderer reads untyped JSON). */
export function isSweepProgress(value: unknown): value is SweepProgress {
  const p = value as Partial<SweepProgress> | null;
  return !!p && [p.done, p.total, p.failed, p.workers, p.elapsedMs].every((n) => typeof n === 'number' && Number.isFinite(n));
}
