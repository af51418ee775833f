/**
 * Entry of the kernel worker thread (bundled as dist/kernelWorker.js), inside
 * the kernel process: holds one CellProgram and runs the cells the host asks
 * for, one at a time. The same bundle, started by a kernel worker with
 * `workerData.helper`, is a sweep helper: it runs the cells once for its part
 * of one explore() call.
 */
import { parentPort, workerData, Worker } from 'node:worker_threads';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import * as vm from 'node:vm';
import { CellProgram } from './cellProgram';
import { SCRIPT_NAMES } from './sandbox';
import { SweepBridge } from './sweepBridge';
import { MAX_THREADS, spareCores } from './sweepPlan';
import { runCheckHelper, runSweepHelper } from './sweepHelperRun';
import type { CheckHelperData } from './checkBridge';
import type { SweepHelperData } from './sweepMessages';
import type { HostToWorker, KernelWorkerData, WorkerToHost } from './workerMessages';

const data = workerData as KernelWorkerData;
// A cell's unhandled rejection is not the kernel's to report: its reason is a cell value, never read here.
process.on('unhandledRejection', () => undefined);
const port = parentPort;
if (!port) throw new Error('the kernel worker must run in a worker thread');
const post = (message: WorkerToHost) => port.postMessage(message);

const engine =
  data.engineBundlePath && existsSync(data.engineBundlePath)
    ? new vm.Script(readFileSync(data.engineBundlePath, 'utf8'), { filename: SCRIPT_NAMES.engine })
    : undefined;
const startHelper = (helper: SweepHelperData) => {
  const helperData: KernelWorkerData = { ...data, helper };
  return new Worker(__filename, { workerData: helperData, transferList: [helper.port], resourceLimits: data.memoryMb ? { maxOldGenerationSizeMb: data.memoryMb } : undefined });
};
const startCheckHelper = (checkHelper: CheckHelperData) => {
  const helperData: KernelWorkerData = { ...data, checkHelper };
  const transferList = checkHelper.end.ports.filter((p) => p !== null);
  return new Worker(__filename, { workerData: helperData, transferList, resourceLimits: data.memoryMb ? { maxOldGenerationSizeMb: data.memoryMb } : undefined });
};
const stopFlag = data.stopFlag && new Int32Array(data.stopFlag);
const sweep = new SweepBridge({
  postProgress: (requestId, progress) => post({ type: 'progress', requestId, progress }),
  startHelper,
  stopFlag,
  cores: () => spareCores(availableParallelism(), loadavg()[0]),
  maxThreads: Math.max(1, Math.min(MAX_THREADS, availableParallelism())),
  helper: data.helper,
  startCheckHelper,
  checkHelper: data.checkHelper,
});
const program = new CellProgram({ engine, seed: data.seed, stepBudget: data.stepBudget, sweep });

if (data.helper) void runSweepHelper(program, sweep, data.helper);
else if (data.checkHelper) void runCheckHelper(program, sweep, data.checkHelper);
else serve();

function serve(): void {
  // Before taking requests, so loading the engine does not count against the first cell's time limit.
  try {
    program.prepare();
  } catch {
    // Reported to the first request, which tries again.
  }
  post({ type: 'ready', pid: process.pid });
  /** The notebook's cells as the host sent them; each request sends only what changed. */
  const cells: HostToWorker['cells'] = [];
  // Requests are handled strictly in order; the host sends one at a time anyway.
  let queue = Promise.resolve();
  port?.on('message', (message: HostToWorker) => {
    queue = queue.then(async () => {
      cells.length = Math.min(cells.length, message.keep);
      for (const cell of message.cells) cells.push(cell);
      // One result per cell from `target` through `through`, as separate requests would give;
      // a stop asked for during the range ends it after the cell that was running.
      const through = Math.min(message.through ?? message.target, cells.length - 1);
      for (let target = message.target; target <= through; target++) {
        if (target > message.target && stopFlag && Atomics.load(stopFlag, 0) === 1) break;
        sweep.request(message.requestId, cells);
        try {
          const result = await program.execute(cells, target);
          post({ type: 'result', requestId: message.requestId, result, held: program.heldCount });
        } catch (error) {
          program.reset();
          const e = error instanceof Error ? error : new Error(String(error));
          post({ type: 'failed', requestId: message.requestId, error: { name: e.name, message: e.message, stack: e.stack, stoppedBy: 'worker-crash' } });
        }
      }
    });
  });
}
