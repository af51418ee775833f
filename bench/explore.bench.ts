/**
 * Seed sweep speed: runs per second of `explore()` on one core for the
 * lossy, duplicating bank protocol of test/fixtures/protocols/bank.ts, the
 * deduplicating account (every seed passes) and the double-crediting one
 * (failures grouped and the first shrunk), and the cost of one shrink.
 * The CLI's --workers spreads the same sweep over worker threads.
 *
 * Then the same sweep as a notebook cell through the kernel (sandbox, step
 * checks, progress reports), in one thread and split across helper threads
 * (`workers`): seeds per second of wall time, and per second of CPU time of
 * the whole process (every thread).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { explore } from '../src/check/explore/explore';
import { KernelHost } from '../src/kernel/host';
import { notebookCells } from '../src/kernel/notebookFile';
import { decodeNotebookBytes } from '../src/document';
import { Account, DedupAccount, bank } from '../test/fixtures/protocols/bank';
import { kernelBundles } from '../test/unit/kernel/kernelBundles';

const SEEDS = 1000;

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

for (const [name, account] of [['deduplicating account (passes)', DedupAccount], ['double-crediting account (fails)', Account]] as const) {
  const cpu = process.cpuUsage();
  const result = explore(bank(account), { seeds: SEEDS, shrink: false });
  const seconds = cpuSeconds(cpu);
  const failing = result.failures.reduce((n, f) => n + f.seeds.length, 0);
  console.log(
    `${name.padEnd(34)} ${SEEDS} seeds: ${Math.round(result.stats.wallMs)} ms wall, ${result.stats.runsPerSecond.toLocaleString('en-US')} runs/s, ` +
      `${Math.round(SEEDS / seconds).toLocaleString('en-US')} runs/cpu-s, ${Math.round(result.stats.events / seconds).toLocaleString('en-US')} events/cpu-s, ${failing} failing seeds`,
  );
}
const cpu = process.cpuUsage();
const shrunk = explore(bank(Account), { seeds: 1 })?.failures[0]?.counterexample;
if (shrunk) {
  console.log(
    `shrink of one failure: ${shrunk.shrinkRuns} simulations, ${cpuSeconds(cpu).toFixed(2)} cpu-s; faults ${shrunk.before.faults} → ${shrunk.after.faults}, ` +
      `until ${shrunk.before.until} → ${shrunk.after.until}, events ${shrunk.before.events} → ${shrunk.after.events}`,
  );
}

// Long enough (about ten seconds in one thread) that a helper thread's start-up, about a second, does not hide what a second core gives.
const KERNEL_SEEDS = Number(process.env.BENCH_KERNEL_SEEDS ?? 300_000);

async function throughKernel(): Promise<void> {
  const { workerScript, engineBundle } = await kernelBundles();
  const kernel = { workerScript, engineBundle };
  const file = join(__dirname, '../test/fixtures/protocols/bank.protocol.md');
  const [definitions] = notebookCells(decodeNotebookBytes(readFileSync(file), file)).cells;
  const cores = availableParallelism();
  console.log(`\nthrough the kernel, as a cell: explore(config, { seeds: ${KERNEL_SEEDS}, shrink: false, workers }) on ${cores} cores`);
  for (const workers of [1, Math.min(cores, 4), undefined]) {
    const host = new KernelHost({ ...kernel, timeoutMs: 600_000 });
    const cells = [definitions, { id: 'sweep', index: 9, source: `explore(config, { seeds: ${KERNEL_SEEDS}, shrink: false, workers: ${workers} }).seedsRun` }];
    await host.execute(cells, 0);
    let threads = 1;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await host.execute(cells, 1, undefined, { onProgress: (p) => (threads = Math.max(threads, p.workers)) });
    const wall = (performance.now() - started) / 1000;
    const seconds = cpuSeconds(cpu);
    host.dispose();
    if (!result.ok) throw new Error(`the sweep failed: ${JSON.stringify(result.error)}`);
    const label = workers === undefined ? 'default (split when long)' : `workers: ${workers}`;
    console.log(
      `${label.padEnd(26)} ${Math.round(KERNEL_SEEDS / wall).toLocaleString('en-US')} seeds/s wall (${wall.toFixed(2)} s), ` +
        `${Math.round(KERNEL_SEEDS / seconds).toLocaleString('en-US')} seeds/cpu-s (${seconds.toFixed(2)} cpu-s), ${threads} ${threads === 1 ? 'thread' : 'threads'} ran seeds`,
    );
  }
}

void throughKernel();
