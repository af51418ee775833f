/**
 * Simulation speed through the sandboxed kernel: message deliveries per
 * second of an echo and a broadcast protocol written in notebook cells
 * (bench/protocols/throughput.ts, as a cell), transpiled, step-instrumented
 * and run by `simulate` inside the vm context of the kernel worker — the
 * path a user's Run takes. Tracing off and on.
 *
 * Figures are CPU time of the kernel process (its worker thread runs the
 * cell; its main thread relays), best of three, including compiling the cell
 * and posting its result; wall time is shown beside them. The same protocols
 * run by the engine directly, in this process, in the same run, give the
 * ratio the sandbox and the process boundary cost.
 *
 * Then the boundary itself: starting a kernel process (to its first result),
 * the round trip of a cell that does nothing, and notebooks of 1,000 and
 * 10,000 such cells, a request per cell and in one request (the time should
 * grow linearly), and `protocol-notebook run` (dist/cli.js, type check
 * included) on a notebook file of 10,000 cells, start to exit, and on the same
 * file with a cell in the middle that runs out of memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KernelHost } from '../src/kernel/host';
import type { KernelCell } from '../src/common/kernelMessages';
import { workloads } from './protocols/throughput';
import { kernelBundles } from '../test/unit/kernel/kernelBundles';
import { simulate } from '../src/api/index';
import { kernelRate } from './support/kernelRate';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 2_000_000);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  // The default step budget, so handlers carry their step checks as in a user's run.
  const { workerScript, engineBundle } = await kernelBundles();
  const host = new KernelHost({ workerScript, engineBundle, timeoutMs: 600_000 });
  const measure = (nodes: string, traced: boolean) => kernelRate(host, nodes, DELIVERIES, { traced });

  console.log(`kernel: message deliveries per second through the sandboxed kernel (cell -> sucrase -> step checks -> vm context in the kernel process), Node ${process.version}`);
  console.log('targets: >= 2,000,000/s untraced, >= 500,000/s traced; "direct" is the engine run in this process on the same protocols, measured now\n');
  for (const { name, nodes, config } of workloads) {
    for (const traced of [false, true]) {
      const m = await measure(nodes, traced);
      const direct = directRate(config, traced, m.deliveries);
      const verdict = m.perSecond >= (traced ? 500_000 : 2_000_000) ? 'meets target' : 'below target';
      console.log(`${name.padEnd(38)} ${traced ? 'traced  ' : 'untraced'} ${fmt(m.perSecond).padStart(11)} deliveries/s  (${fmt(m.deliveries)} deliveries in ${fmt(m.ms)} ms of CPU, ${fmt(m.wallMs)} ms wall) ${verdict}; direct ${fmt(direct)}/s, kernel/direct ${(m.perSecond / direct).toFixed(2)}`);
    }
  }
  host.dispose();
  await boundary(workerScript, engineBundle);
}

/** The engine on the same protocols in this process: deliveries per CPU-second, best of three. */
function directRate(config: (typeof workloads)[number]['config'], traced: boolean, deliveries: number): number {
  let best = Infinity;
  let done = 0;
  const base = { ...config, maxEvents: Number.MAX_SAFE_INTEGER };
  const until = Math.ceil((1000 * deliveries) / Math.max(1, simulate({ ...base, until: 1000, trace: false }).stats.deliveries));
  for (let k = 0; k < 3; k++) {
    const started = process.cpuUsage();
    const run = simulate({ ...base, until, trace: traced ? { mode: 'last', maxEvents: 100_000 } : false });
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
    done = run.stats.deliveries;
  }
  return done / (best / 1000);
}

/** What the process boundary costs: start, one cell's round trip, and notebooks of many small cells. */
async function boundary(workerScript: string, engineBundle: string | undefined): Promise<void> {
  console.log('\nkernel process boundary (wall time; the machine\'s load shows in it)');
  const starts: number[] = [];
  for (let k = 0; k < 5; k++) {
    const host = new KernelHost({ workerScript, engineBundle });
    const started = performance.now();
    await host.execute([{ id: 'a', index: 0, source: '1' }], 0);
    starts.push(performance.now() - started);
    host.dispose();
  }
  console.log(`start of a kernel process, to its first result: median ${fmt(median(starts))} ms`);
  const host = new KernelHost({ workerScript, engineBundle });
  const cells = Array.from({ length: 10_000 }, (_, i): KernelCell => ({ id: `c${i}`, index: i, source: `const v${i} = ${i};` }));
  await host.execute(cells, 0);
  const trips: number[] = [];
  for (let i = 1; i <= 200; i++) {
    const started = performance.now();
    await host.execute(cells, i);
    trips.push(performance.now() - started);
  }
  host.dispose();
  console.log(`one small cell, round trip through the kernel process: median ${(median(trips)).toFixed(2)} ms`);
  const notebook = async (count: number) => {
    const fresh = new KernelHost({ workerScript, engineBundle });
    const started = performance.now();
    for (let i = 0; i < count; i++) await fresh.execute(cells, i);
    const ms = performance.now() - started;
    fresh.dispose();
    return ms;
  };
  // As the command line runs a notebook: one request for all of its cells, whose results stream back.
  const inOneRequest = async (count: number) => {
    const fresh = new KernelHost({ workerScript, engineBundle });
    const started = performance.now();
    await fresh.executeRange(cells, 0, count - 1);
    const ms = performance.now() - started;
    fresh.dispose();
    return ms;
  };
  const thousand = await notebook(1_000);
  const tenThousand = await notebook(10_000);
  console.log(`a notebook of 1,000 small cells, a request per cell: ${fmt(thousand)} ms; of 10,000: ${fmt(tenThousand)} ms; ratio ${(tenThousand / thousand).toFixed(1)} (10 is linear)`);
  const rangeThousand = await inOneRequest(1_000);
  const rangeTenThousand = await inOneRequest(10_000);
  console.log(
    `the same in one request (as \`protocol-notebook run\`): 1,000 cells ${fmt(rangeThousand)} ms; 10,000 cells ${fmt(rangeTenThousand)} ms (target < 10,000 ms), ` +
      `${(tenThousand / rangeTenThousand).toFixed(1)}x faster than a request per cell; ratio ${(rangeTenThousand / rangeThousand).toFixed(1)} (10 is linear)`,
  );
  const file = join(mkdtempSync(join(tmpdir(), 'pn-bench-')), 'ten-thousand.protocol.md');
  writeFileSync(file, '# Ten thousand cells\n\n' + Array.from({ length: 10_000 }, (_, i) => '```ts\nconst v' + i + ' = ' + i + ';\n```\n').join('\n'));
  const cli = join(__dirname, '..', 'dist', 'cli.js');
  for (const flags of [[], ['--no-typecheck']]) {
    const started = performance.now();
    execFileSync(process.execPath, [cli, 'run', ...flags, file], { stdio: 'ignore' });
    console.log(`protocol-notebook run ${flags.join(' ')}${flags.length ? ' ' : ''}on a file of 10,000 cells: ${fmt(performance.now() - started)} ms, start to exit (target < 10,000 ms)`);
  }
  // The same file with cell 5,001 running out of memory: the 4,999 cells below it run in a fresh kernel, told apart by the dependency analysis.
  const hogFile = file.replace('ten-thousand', 'ten-thousand-hog');
  const hog = 'const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1));';
  writeFileSync(hogFile, '# Ten thousand cells\n\n' + Array.from({ length: 10_000 }, (_, i) => '```ts\n' + (i === 5_000 ? hog : 'const v' + i + ' = ' + i + ';') + '\n```\n').join('\n'));
  const hogStarted = performance.now();
  try {
    execFileSync(process.execPath, [cli, 'run', '--no-typecheck', '--memory', '64', '--step-budget', '0', hogFile], { stdio: 'ignore' });
  } catch {
    // Exit code 1: the cell that ran out of memory failed.
  }
  console.log(`protocol-notebook run --no-typecheck on it with cell 5,001 out of memory (--memory 64): ${fmt(performance.now() - hogStarted)} ms, start to exit`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

void main();
