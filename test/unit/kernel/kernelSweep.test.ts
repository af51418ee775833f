import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SWEEP_STOP_GRACE_MS } from '../../../src/kernel/host';
import { MIME, type CellResult, type KernelCell } from '../../../src/common/kernelMessages';
import type { SweepProgress } from '../../../src/common/sweepProgress';
import { decodeValue } from '../../../src/common/valueEncoding';
import type { JsonValue } from '../../../src/common/traceFormat';
import type { ExploreResult } from '../../../src/check/explore/types';
import { decodeNotebookBytes } from '../../../src/document';
import { notebookCells } from '../../../src/kernel/notebookFile';
import { kernelHosts } from './kernelBundles';

/** The bank notebook's first cell (nodes and `config`), then `source`. */
function withBank(source: string): KernelCell[] {
  const file = join(__dirname, '..', '..', 'fixtures', 'protocols', 'bank.protocol.md');
  const first = notebookCells(decodeNotebookBytes(readFileSync(file), file)).cells[0];
  return [first, { id: 'sweep', index: 9, source }];
}

function exploreResult(result: CellResult): ExploreResult {
  assert.ok(result.ok, `cell failed: ${JSON.stringify(result.error)}`);
  return decodeValue(result.outputs.find((o) => o.mime === MIME.value)?.data as JsonValue) as ExploreResult;
}

describe('explore() in the kernel: progress, helper threads, stop', () => {
  const kernels = kernelHosts({ stepBudget: 0, timeoutMs: 60_000, memoryMb: 256 });
  const newHost = kernels.newHost;
  before(() => kernels.setUp());
  after(() => kernels.disposeAll());

  /** Runs `explore(config, { seeds, maxShrinkRuns: 60, workers })` in a fresh kernel. */
  async function sweep(seeds: number, workers: string) {
    const progress: SweepProgress[] = [];
    const result = await newHost().execute(withBank(`explore(config, { seeds: ${seeds}, maxShrinkRuns: 60, workers: ${workers} })`), 1, undefined, { onProgress: (p) => progress.push(p) });
    const explored = exploreResult(result);
    assert.equal(explored.seedsRun, seeds);
    assert.ok(explored.failures[0]?.counterexample, 'shrunk');
    assert.ok(progress.length >= 2, `${progress.length} progress reports`);
    const last = progress.at(-1) as SweepProgress;
    assert.deepEqual([last.done, last.total, last.failed], [seeds, seeds, explored.failures[0].seeds.length]);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i].done >= progress[i - 1].done, 'done never goes back');
    return { outputs: JSON.stringify(result.outputs), threads: Math.max(...progress.map((p) => p.workers)) };
  }

  it('gives byte-identical outputs with helper threads as in one thread', async () => {
    // Long enough (about 3 s in one thread) that a helper starts in time: well under a second on an idle machine, more on a busy one.
    const alone = await sweep(100_000, '1');
    const split = await sweep(100_000, '2');
    assert.equal(alone.threads, 1);
    assert.equal(split.threads, 2, 'the helper thread joined the sweep');
    assert.ok(split.outputs === alone.outputs, 'the same outputs, byte for byte');
  });

  it('says when the seeds of a sweep share state through a top-level binding, and stays quiet when they do not', async () => {
    const sharing = `let deposits = 0;
const Counting = node<{ balance: number }, Msg>({ init: () => ({ balance: 0 }), on: { deposit(state, msg, ctx) { deposits++; state.balance += msg.amount; ctx.reply(msg, { type: 'ack', id: msg.id }); } } });
explore({ ...config, nodes: { account: Counting, client: Depositor } }, { seeds: 5, shrink: false })`;
    const shared = await newHost().execute(withBank(sharing), 1);
    assert.ok(shared.ok, JSON.stringify(shared.error));
    assert.ok(shared.logs.some((line) => /^warn: explore\(\): its seeds share state: `deposits`/.test(line)), shared.logs.join('\n'));
    const alone = await newHost().execute(withBank('explore(config, { seeds: 5, shrink: false })'), 1);
    assert.deepEqual(alone.logs.filter((line) => line.includes('share state')), []);
  });

  it('gives the same outputs for any number of workers, and reports progress before the result', async () => {
    const outputs = await Promise.all(['1', '3', 'undefined'].map((workers) => sweep(2000, workers).then((s) => s.outputs)));
    for (const other of outputs.slice(1)) assert.ok(other === outputs[0], 'the same outputs, byte for byte');
  });

  it('stops a sweep in helper threads from the stop button with the seeds it ran', async () => {
    const host = newHost();
    const abort = new AbortController();
    let abortedAt = 0;
    const cells = withBank('explore(config, { seeds: 2_000_000, workers: 2 })');
    const result = await host.execute(cells, 1, abort.signal, {
      onProgress: (p) => {
        if (p.done > 100 && !abortedAt) {
          abortedAt = performance.now();
          abort.abort();
        }
      },
    });
    const waited = performance.now() - abortedAt;
    const explored = exploreResult(result);
    assert.equal(explored.stoppedEarly, true);
    assert.ok(explored.seedsRun > 100 && explored.seedsRun < 2_000_000, `${explored.seedsRun} seeds run`);
    assert.ok(explored.failures.length > 0 && explored.failures.every((f) => !f.counterexample), 'failures kept, not shrunk');
    assert.ok(waited < SWEEP_STOP_GRACE_MS, `reported ${Math.round(waited)} ms after the stop`);
    // The kernel was not restarted: the next cell runs without replaying the ones above.
    const next = await host.execute([...cells, { id: 'next', index: 11, source: 'config.until' }], 2);
    assert.ok(next.ok);
    assert.equal(next.replayed, undefined);
  });

  it('reports a cell that runs out of steps in any thread of a sweep at the loop, as in one thread', async () => {
    const spin = [
      "const Spinner = node<{ n: number }>({ name: 'Spinner', init: () => ({ n: 0 }), on: {}, start(state, ctx) {",
      '  if (ctx.random() < 0.02) {',
      '    while (true) state.n++;',
      '  }',
      '} });',
      'explore({ nodes: { s: Spinner } }, { seeds: 400, shrink: false, workers: WORKERS })',
    ].join('\n');
    for (const workers of ['1', '2']) {
      const host = newHost({ stepBudget: 2_000_000 });
      const cells = withBank(spin.replace('WORKERS', workers));
      const result = await host.execute(cells, 1);
      assert.equal(result.ok, false);
      assert.equal(result.error?.name, 'StepBudgetExceeded', JSON.stringify(result.error));
      assert.equal(result.error?.position?.cellId, 'sweep');
      assert.equal(result.error?.position?.line, 2, `workers: ${workers}`);
    }
  });
});
