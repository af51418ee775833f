/**
 * A helper thread of threadedCheck(): imports the configuration, then runs
 * the same check() as the calling thread, its part of the search in step
 * with the others. It reports a failure to the first thread, and waits to be
 * ended once the search is over.
 */
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';
import type { SimulationConfig } from '../engine/api/types';
import { check } from '../check/modelCheck/check';
import { CHECK_THREADS_GLOBAL, type CheckThreads } from '../check/modelCheck/checkThreads';
import type { ThreadedCheckData } from './threadedCheck';
import { ThreadMesh } from './threadMesh';

const data = workerData as ThreadedCheckData;
const mesh = new ThreadMesh(data.end);

function blockUntilEnded(): never {
  const never = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(never, 0, 0);
}

const host: CheckThreads = {
  begin: () => mesh.link(),
  finish: () => blockUntilEnded(),
};

function run(): void {
  try {
    const exports = createRequire(__filename)(data.source.module) as Record<string, unknown>;
    const made = exports[data.source.exportName] ?? (exports.default as Record<string, unknown> | undefined)?.[data.source.exportName];
    if (made === undefined) throw new Error(`${data.source.module} has no export '${data.source.exportName}'`);
    const config = (typeof made === 'function' ? (made as (...args: unknown[]) => unknown)(...(data.source.args ?? [])) : made) as SimulationConfig;
    (globalThis as Record<string, unknown>)[CHECK_THREADS_GLOBAL] = host;
    check(config, data.options);
    blockUntilEnded();
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    mesh.post(0, { type: 'error', name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) });
    blockUntilEnded();
  }
}

run();
