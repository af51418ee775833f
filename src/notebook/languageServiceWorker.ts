/**
 * The editor's side of the analysis worker (src/analysis/analysisWorker.ts):
 * starts it on first use, sends requests, and resolves each with its
 * response. A worker that dies is started again on the next request.
 */
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { AnalysisRequest, AnalysisResponse } from '../analysis/analysisRequests';

/** A request without its id (the client numbers them). */
export type AnalysisQuery = AnalysisRequest extends infer R ? (R extends AnalysisRequest ? Omit<R, 'id'> : never) : never;

export class LanguageServiceWorker implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: AnalysisResponse) => void; reject: (e: Error) => void }>();

  /** @param workerPath the bundled worker, `dist/analysisWorker.js`. */
  constructor(private readonly workerPath: string) {}

  /** Sends a request; resolves with the worker's response (which may be `{ kind: 'error' }`). */
  request(query: AnalysisQuery): Promise<AnalysisResponse> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...query, id } as AnalysisRequest);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.on('message', (response: AnalysisResponse) => {
      const waiter = this.waiting.get(response.id);
      this.waiting.delete(response.id);
      waiter?.resolve(response);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the analysis worker exited (code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
