/**
 * Linearizability checking speed on the Jepsen corpus
 * (../shared/corpus/linearizability), next to Porcupine's reference timings
 * from the corpus README (Go, same kind of machine). Each figure is read +
 * check in this process: the first (cold) run, then the best and median of
 * the warm runs, wall clock and CPU. The etcd figure is also taken the way
 * Porcupine's is, "including start-up": one run of the built CLI on all files.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHistory, type HistoryModelName } from '../src/check/linearizability';
import { readHistoryText } from '../src/cli/historyFormats';

const root = join(__dirname, '..');
const corpus = join(root, '..', 'shared', 'corpus', 'linearizability');
const expected = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as {
  etcd: { file: string; linearizable: boolean }[];
  kv: { file: string; linearizable: boolean; partitionByKey: boolean }[];
};
const WARM_RUNS = 7;

interface Job {
  file: string;
  model: HistoryModelName;
  noPartition: boolean;
  linearizable: boolean;
}

/** Reads and checks every job once; throws on a wrong verdict (a fast wrong answer is no answer). */
function runJobs(jobs: Job[]): void {
  for (const job of jobs) {
    const { history } = readHistoryText(readFileSync(join(corpus, job.file), 'utf8'), job.file);
    const verdict = checkHistory(history, job.model, { noPartition: job.noPartition }).verdict;
    if ((verdict === 'linearizable') !== job.linearizable) throw new Error(`${job.file}: wrong verdict ${verdict}`);
  }
}

function measure(label: string, reference: string, jobs: Job[]): void {
  const times: { wall: number; cpu: number }[] = [];
  for (let run = 0; run <= WARM_RUNS; run++) {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    runJobs(jobs);
    const cpu = process.cpuUsage(cpu0);
    times.push({ wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000 });
  }
  const [cold, ...warm] = times;
  const byWall = [...warm].sort((a, b) => a.wall - b.wall);
  const best = byWall[0];
  const median = byWall[Math.floor(byWall.length / 2)];
  const ms = (t: number) => `${t.toFixed(t < 10 ? 1 : 0)} ms`;
  console.log(
    `${label.padEnd(34)} cold ${ms(cold.wall).padStart(8)} (cpu ${ms(cold.cpu)}) | warm best ${ms(best.wall).padStart(8)} (cpu ${ms(best.cpu)}), median ${ms(median.wall).padStart(8)} | Porcupine ${reference}`,
  );
}

const etcd: Job[] = expected.etcd.map((e) => ({ ...e, model: 'register', noPartition: false }));
const kv = (name: string, split: boolean): Job[] =>
  expected.kv
    .filter((e) => e.partitionByKey === split && (name === '*' || e.file.includes(name)))
    .map((e) => ({ file: e.file, linearizable: e.linearizable, model: 'kv', noPartition: !split }));

/**
 * The CLI on all 102 etcd files in one process, node start-up included: the
 * CLI bundle (every command but lint, each loaded when run), and a bundle of
 * the linearizable command alone.
 */
async function cliOnAllEtcd(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pn-bench-'));
  const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' } as const;
  const fullCli = join(dir, 'cli.js');
  const commandOnly = join(dir, 'linearizable.js');
  await build({ ...node, entryPoints: [join(root, 'src', 'cli', 'main.ts')], outfile: fullCli, external: ['vscode'] });
  await build({
    ...node,
    stdin: { contents: "import { main } from './src/cli/commands/linearizable'; void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });", resolveDir: root, loader: 'ts' },
    outfile: commandOnly,
  });
  const files = expected.etcd.map((e) => e.file);
  for (const [label, args] of [
    ['etcd, 102 files, CLI process', [fullCli, 'linearizable']],
    ['etcd, 102 files, command bundle', [commandOnly]],
  ] as const) {
    const walls: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      const child = spawnSync(process.execPath, [...args, '--model', 'register', ...files], { cwd: corpus, encoding: 'utf8' });
      walls.push(performance.now() - start);
      const linearizable = child.stdout.split('\n').filter((line) => line.endsWith(': linearizable (register, 1 partition)')).length;
      if (linearizable !== 23) throw new Error(`${label}: ${linearizable} linearizable etcd histories, expected 23`);
    }
    console.log(`${label.padEnd(34)} best of 3 ${Math.min(...walls).toFixed(0)} ms wall, node start-up included | Porcupine 370 ms (including test start-up)`);
  }
}

console.log(`Linearizability on the Jepsen corpus (${WARM_RUNS} warm runs after a cold one; read + check)`);
measure('etcd, all 102 histories', '370 ms (incl. start-up)', etcd);
measure('kv split per key, all 6 files', '260 ms', kv('*', true));
measure('kv split per key, c50-ok', '200 ms', kv('c50-ok', true));
measure('kv whole, c10-ok', '1700 ms', kv('c10-ok', false));
measure('kv whole, c10-bad', '1900 ms', kv('c10-bad', false));
void cliOnAllEtcd();
