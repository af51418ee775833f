// The editor's side of the analysis worker: a worker that never answers
// fails its requests after the timeout instead of leaving a completion or a
// diagnostic waiting forever, and the next request starts a fresh worker.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LanguageServiceWorker } from '../../../src/notebook/languageServiceWorker';

/** A worker script that answers once it has seen `answerAfter` requests, and ignores the others. */
function workerScript(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pn-analysis-'));
  const file = join(dir, 'worker.cjs');
  writeFileSync(file, `const { parentPort } = require('node:worker_threads');\n${body}\n`);
  return file;
}

// The client unrefs its worker and timers (they must not keep VS Code's extension host alive); a test keeps the loop alive itself.
function keepAlive(): () => void {
  const timer = setInterval(() => undefined, 1_000);
  return () => clearInterval(timer);
}

test('a request the worker never answers fails after the timeout, and the next request gets a new worker', async () => {
  // The first worker hangs on its first request; a worker started later answers (it finds the marker file).
  const dir = mkdtempSync(join(tmpdir(), 'pn-analysis-'));
  const marker = join(dir, 'started-once');
  const script = workerScript(`
const fs = require('node:fs');
const first = !fs.existsSync(${JSON.stringify(marker)});
fs.writeFileSync(${JSON.stringify(marker)}, '');
parentPort.on('message', (request) => {
  if (first) for (;;) {}
  parentPort.postMessage({ id: request.id, kind: 'error', message: 'answered by worker two' });
});`);
  const worker = new LanguageServiceWorker(script, 1_000);
  const release = keepAlive();
  try {
    const started = Date.now();
    await assert.rejects(worker.request({ kind: 'language-feature' } as never), /did not answer a language-feature request within 1 s/);
    assert.ok(Date.now() - started < 10_000, 'rejected at the timeout');
    // On a loaded machine a fresh worker may itself miss the short timeout while it starts; each miss starts another, which answers.
    let answer: unknown;
    for (let attempt = 0; attempt < 5 && answer === undefined; attempt++) {
      answer = await worker.request({ kind: 'language-feature' } as never).catch((error: Error) => {
        assert.match(error.message, /did not answer a language-feature request within 1 s/);
        return undefined;
      });
    }
    assert.equal((answer as { kind?: string } | undefined)?.kind, 'error');
    assert.equal((answer as { message?: string }).message, 'answered by worker two', 'a new worker answered');
  } finally {
    release();
    worker.dispose();
  }
});

test('a worker that answers in time is kept for the next request', async () => {
  const script = workerScript(`
const startedAt = Date.now();
parentPort.on('message', (request) => parentPort.postMessage({ id: request.id, kind: 'error', message: String(startedAt) }));`);
  const worker = new LanguageServiceWorker(script, 5_000);
  const release = keepAlive();
  try {
    const one = await worker.request({ kind: 'language-feature' } as never);
    const two = await worker.request({ kind: 'language-feature' } as never);
    assert.equal(one.kind, 'error');
    assert.equal(two.kind, 'error');
    assert.equal((one as { message: string }).message, (two as { message: string }).message, 'the same worker answered both');
  } finally {
    release();
    worker.dispose();
  }
});
