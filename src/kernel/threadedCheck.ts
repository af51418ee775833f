/**
 * `check({ workers })` from a script (a benchmark, a test), outside a
 * notebook: the helper threads cannot be handed the configuration (its
 * handlers are functions), so each imports it from a module, as
 * `exportName` of `module`, called with `args` when it is a function. The
 * calling thread checks `config`, which must be the same configuration:
 * the threads compare their initial states before they search.
 *
 * @example
 * threadedCheck(twoPhaseCommit(7), { workers: 2 }, { module: require.resolve('./twoPhaseCommit'), exportName: 'twoPhaseCommit', args: [7] })
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { join } from 'node:path';
import type { SimulationConfig } from '../engine/api/types';
import { check } from '../check/modelCheck/check';
import { CHECK_THREADS_GLOBAL, type CheckThreads } from '../check/modelCheck/checkThreads';
import { meshEnds, ThreadMesh, type MeshEnd } from './threadMesh';
import type { CheckOptions, CheckResult } from '../check/modelCheck/types';

/** Where a helper thread finds the configuration. */
export interface ConfigModule {
  /** An absolute path the helper requires. */
  module: string;
  exportName: string;
  /** Arguments when the export is a function that makes the configuration (plain data). */
  args?: unknown[];
}

/** What a helper thread is started with. */
export interface ThreadedCheckData {
  source: ConfigModule;
  options: CheckOptions;
  end: MeshEnd;
}

export function threadedCheck(config: SimulationConfig, options: CheckOptions, source: ConfigModule): CheckResult {
  const globals = globalThis as Record<string, unknown>;
  const before = globals[CHECK_THREADS_GLOBAL];
  const workers: Worker[] = [];
  let mesh: ThreadMesh | undefined;
  const host: CheckThreads = {
    begin(count) {
      if (mesh) return null;
      const ends = meshEnds(count);
      const { onProgress: _progress, ...plain } = options;
      for (let index = 1; index < count; index++) {
        const workerData: ThreadedCheckData = { source, options: plain, end: ends[index] };
        const transferList = ends[index].ports.filter((port) => port !== null);
        workers.push(startHelper(workerData, transferList));
      }
      mesh = new ThreadMesh(ends[0]);
      return mesh.link();
    },
    finish() {
      mesh?.close();
      for (const worker of workers) void worker.terminate();
    },
  };
  globals[CHECK_THREADS_GLOBAL] = host;
  try {
    return check(config, options);
  } finally {
    host.finish();
    globals[CHECK_THREADS_GLOBAL] = before;
  }
}

/** Starts a helper on threadedCheckWorker; from TypeScript sources (tests, benchmarks) through tsx, which a worker does not inherit. */
function startHelper(workerData: ThreadedCheckData, transferList: MessagePort[]): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(join(__dirname, 'threadedCheckWorker.js'), { workerData, transferList });
  const entry = JSON.stringify(join(__dirname, 'threadedCheckWorker.ts'));
  return new Worker(`require('tsx/cjs'); require(${entry});`, { eval: true, workerData, transferList });
}
