/**
 * Entry of the kernel worker thread (bundled as dist/kernelWorker.js): holds
 * one CellProgram and runs the cells the host asks for, one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { existsSync, readFileSync } from 'node:fs';
import * as vm from 'node:vm';
import { CellProgram } from './cellProgram';
import { SCRIPT_NAMES } from './sandbox';
import type { HostToWorker, KernelWorkerData, WorkerToHost } from './workerMessages';

const data = workerData as KernelWorkerData;
const engine =
  data.engineBundlePath && existsSync(data.engineBundlePath)
    ? new vm.Script(readFileSync(data.engineBundlePath, 'utf8'), { filename: SCRIPT_NAMES.engine })
    : undefined;
const program = new CellProgram({ engine, seed: data.seed, stepBudget: data.stepBudget });
// Before taking requests, so loading the engine does not count against the first cell's time limit.
try {
  program.prepare();
} catch {
  // Reported to the first request, which tries again.
}

const port = parentPort;
if (!port) throw new Error('the kernel worker must run in a worker thread');
const post = (message: WorkerToHost) => port.postMessage(message);

// Requests are handled strictly in order; the host sends one at a time anyway.
let queue = Promise.resolve();
port.on('message', (message: HostToWorker) => {
  queue = queue.then(async () => {
    post({ type: 'started', requestId: message.requestId });
    try {
      const result = await program.execute(message.cells, message.target);
      post({ type: 'result', requestId: message.requestId, result });
    } catch (error) {
      program.reset();
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: 'failed', requestId: message.requestId, error: { name: e.name, message: e.message, stack: e.stack, stoppedBy: 'worker-crash' } });
    }
  });
});
