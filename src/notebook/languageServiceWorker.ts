/**
 * The editor's side of the analysis worker (src/analysis/analysisWorker.ts):
 * starts it on first use, sends requests, and resolves each with its
 * response. A worker that dies is started again on the next request; one
 * that does not answer within REQUEST_TIMEOUT_MS is ended, so a stuck
 * analysis fails its requests instead of leaving the editor waiting.
 */
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { AnalysisRequest, AnalysisResponse } from '../analysis/analysisRequests';

/** A request without its id (the client numbers them). */
/** Long enough for the first program of a large notebook on a loaded machine. */
export const REQUEST_TIMEOUT_MS = 45_000;

export type AnalysisQuery = AnalysisRequest extends infer R ? (R extends AnalysisRequest ? Omit<R, 'id'> : never) : never;

export class LanguageServiceWorker implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: AnalysisResponse) => void; reject: (e: Error) => void }>();
  /** Which worker each waiting request went to (a restarted worker never answers its predecessor's). */
  private readonly owners = new Map<number, Worker>();

  /** @param workerPath the bundled worker, `dist/analysisWorker.js`. */
  constructor(
    private readonly workerPath: string,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  /** Sends a request; resolves with the worker's response (which may be `{ kind: 'error' }`). */
  request(query: AnalysisQuery): Promise<AnalysisResponse> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.waiting.has(id)) return;
        // Ending the worker fails every request it holds; the next request starts a new one.
        if (this.worker === worker) this.worker = undefined;
        this.failAll(new Error(`the analysis did not answer a ${query.kind} request within ${this.timeoutMs / 1000} s`), worker);
        void worker.terminate();
      }, this.timeoutMs);
      timer.unref();
      this.waiting.set(id, {
        resolve: (response) => { clearTimeout(timer); resolve(response); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      });
      this.owners.set(id, worker);
      worker.postMessage({ ...query, id } as AnalysisRequest);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.on('message', (response: AnalysisResponse) => {
      const waiter = this.waiting.get(response.id);
      this.waiting.delete(response.id);
      this.owners.delete(response.id);
      waiter?.resolve(response);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(error, worker);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the analysis worker exited (code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Rejects the requests `worker` holds. */
  private failAll(error: Error, worker: Worker): void {
    for (const [id, owner] of this.owners) {
      if (owner !== worker) continue;
      this.owners.delete(id);
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      waiter?.reject(error);
    }
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
