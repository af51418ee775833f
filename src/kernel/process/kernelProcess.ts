/**
 * Entry of the kernel process (bundled as dist/kernelProcess.js), which the
 * kernel host starts with `node` for each notebook. It owns nothing of the
 * cells itself: it runs them in one worker thread (dist/kernelWorker.js, with
 * the sandbox), relays requests and results between that thread and the host
 * as frames (stdin in, fd 3 out), passes on a sweep's stop request, and
 * watches the resident memory of the whole process, which no heap limit sees
 * all of (ArrayBuffers, every thread). Past the limit it says so and ends.
 * When the host goes away (stdin closes) it ends too.
 */
import { Worker } from 'node:worker_threads';
import { writeSync } from 'node:fs';
import { encodeFrame, FrameReader } from './frames';
import type { HostToProcess, KernelProcessSettings, ProcessToHost } from './messages';
import type { HostToWorker, KernelWorkerData, WorkerToHost } from '../workerMessages';

/** Requests from the host are small (cell sources); a frame this big is a bug. */
const MAX_REQUEST_BYTES = 512 * 1024 * 1024;
/** A result bigger than this is replaced by an error saying so, before it reaches the host. */
export const MAX_RESULT_BYTES = 128 * 1024 * 1024;
const MEMORY_POLL_MS = 50;
const OUT_FD = 3;

process.env.TZ = 'UTC';
// Nothing of a cell reaches here; whatever a worker left unhandled is its own business.
process.on('unhandledRejection', () => undefined);

const send = (message: ProcessToHost): void => {
  let frame = encodeFrame(message);
  if (frame.length > MAX_RESULT_BYTES && message.type === 'result') {
    const { requestId, result, held } = message;
    frame = encodeFrame({
      type: 'result',
      requestId,
      held,
      result: {
        cellId: result.cellId,
        ok: false,
        outputs: [],
        logs: [],
        error: { name: 'OutputTooLarge', message: `The cell's output is ${Math.round(frame.length / 1048576)} MB, more than the ${MAX_RESULT_BYTES / 1048576} MB the kernel sends back: show less (a shorter run, fewer display() calls).` },
      },
    } satisfies ProcessToHost);
  }
  // Synchronous, so that a last word before the process ends is not lost.
  for (let offset = 0; offset < frame.length; ) offset += writeSync(OUT_FD, frame, offset);
};

let worker: Worker | undefined;
let stopFlag = new Int32Array(new SharedArrayBuffer(4));

const end = (reason: 'memory' | 'worker-exit', detail: string): never => {
  try {
    send({ type: 'ending', reason, detail });
  } finally {
    process.kill(process.pid, 'SIGKILL');
  }
  throw new Error('unreachable');
};

function start(settings: KernelProcessSettings): void {
  const sharedStop = new SharedArrayBuffer(4);
  stopFlag = new Int32Array(sharedStop);
  const workerData: KernelWorkerData = {
    engineBundlePath: settings.engineBundlePath,
    stepBudget: settings.stepBudget,
    seed: settings.seed,
    memoryMb: settings.memoryMb,
    stopFlag: sharedStop,
  };
  worker = new Worker(settings.workerScript, { workerData, resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb } });
  worker.on('message', (message: WorkerToHost) => send(message));
  worker.on('error', (error: Error & { code?: string }) =>
    end(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'worker-exit', error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'the heap limit' : 'the kernel thread failed'),
  );
  worker.on('exit', (code) => end('worker-exit', `the kernel thread exited with code ${code}`));
  const limit = settings.residentLimitMb * 1024 * 1024;
  setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > limit) end('memory', `${Math.round(rss / 1048576)} MB`);
  }, MEMORY_POLL_MS);
}

function handle(message: HostToProcess): void {
  switch (message.type) {
    case 'settings':
      if (!worker) start(message.settings);
      return;
    case 'execute': {
      Atomics.store(stopFlag, 0, 0);
      const request: HostToWorker = { type: 'execute', requestId: message.requestId, keep: message.keep, cells: message.cells, target: message.target, through: message.through };
      worker?.postMessage(request);
      return;
    }
    case 'stop':
      Atomics.store(stopFlag, 0, 1);
      return;
  }
}

const reader = new FrameReader(MAX_REQUEST_BYTES);
process.stdin.on('data', (chunk: Buffer) => {
  for (const message of reader.push(chunk)) handle(message as HostToProcess);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
