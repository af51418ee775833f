/**
 * What freezing the realm costs the engine: Hardened JavaScript's
 * `lockdown()` (the `ses` package) against no freezing, and our own freeze
 * (the cell realm's `harden()`, src/kernel/sandboxRuntime.ts) against none,
 * on the echo and broadcast workloads of bench/engine.bench.ts, untraced and
 * traced: deliveries per CPU second, best of three per process, and the
 * ratios, all measured in this run.
 *
 * lockdown() is for the whole process and cannot be undone, so each side runs
 * in a process of its own (bench/support/sesWorkload.ts), alternately, and the
 * best of the rounds counts. Our freeze is measured on two cell realms in
 * this process, made as the kernel makes them (bench/support/sandboxRealm.ts).
 *
 * `ses` is not a dependency: install it anywhere and point SES_DIR there
 * (default: ses-eval in the temporary directory), e.g.
 *   npm install --prefix /tmp/ses-eval ses && SES_DIR=/tmp/ses-eval npm run bench sesEvaluation
 * Without it, the lockdown half is skipped with a message.
 *
 * Figures (Node 20.20, a shared 2-core Linux machine, ses 2.3.0, 1,000,000
 * deliveries per run, 2 rounds; deliveries per CPU second):
 *
 *   workload   trace       none   lockdown  ratio |  unfrozen       ours  ratio
 *   echo       off    2,507,173  2,175,154  0.87  | 2,666,922  2,418,740  0.91
 *   echo       on       679,389    248,456  0.37  |   751,004    572,260  0.76
 *   broadcast  off    2,194,623  2,275,461  1.04  | 3,161,906  2,822,552  0.89
 *   broadcast  on       594,955    189,125  0.32  |   781,322    626,021  0.80
 *
 * Which freeze costs what (echo traced, plain process, 500,000 deliveries,
 * one run each, measured apart from this file): none 505,000/s; Object.prototype alone frozen 231,000
 * (0.46); the typed arrays and their prototypes alone 219,000 (0.43);
 * Array.prototype and Function.prototype 432,000 (0.85); lockdown() 241,000
 * (0.48); lockdown({ overrideTaming: 'min', errorTaming: 'unsafe' }) 259,000
 * (0.51).
 *
 * Conclusion: keep our own freeze. Untraced, neither freeze costs much
 * (lockdown 0.87–1.04, ours 0.89–0.91, within this machine's noise), but a
 * traced run, the one every chart comes from, keeps 0.76–0.80 of its speed
 * under ours and only a third (0.32–0.37) under lockdown(): lockdown freezes
 * Object.prototype and the typed arrays the trace is kept in, V8 leaves its
 * fast paths for any such prototype that is no longer untouched, and each of
 * the two alone halves a traced run; lockdown has no option to leave them
 * out (freezing every intrinsic is what it is for). In exchange, ours leaves
 * Object.prototype, RegExp.prototype and the typed-array prototypes open to
 * a cell, which changes only that cell's own program (the kernel captured
 * their methods first, and their members are frozen). lockdown() is also whole-process, where the cells'
 * realm is one vm context of the kernel; running SES inside that context
 * instead was not measured.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deliveryRate } from './support/deliveryRate';
import { sandboxRealm, throughputScript } from './support/sandboxRealm';
import { workloads } from './protocols/throughput';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const sesDir = process.env.SES_DIR ?? join(tmpdir(), 'ses-eval');
const TRACES = [false, true] as const;
const keyOf = (name: string, traced: boolean) => `${name}|${traced ? 'traced' : 'untraced'}`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);

/** The installed version of `ses` under `dir`, or undefined. */
function sesVersion(dir: string): string | undefined {
  try {
    const entry = createRequire(join(dir, 'package.json')).resolve('ses');
    for (let at = dirname(entry); at !== dirname(at); at = dirname(at)) {
      const manifest = join(at, 'package.json');
      if (existsSync(manifest)) {
        const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (name === 'ses') return version;
      }
    }
    return 'unknown';
  } catch {
    return undefined;
  }
}

/** Best deliveries per CPU second per workload over alternating processes, plain and after lockdown(). */
function lockdownRates(): Record<'plain' | 'lockdown', Record<string, number>> {
  const best: Record<'plain' | 'lockdown', Record<string, number>> = { plain: {}, lockdown: {} };
  const script = join(__dirname, 'support', 'sesWorkload.ts');
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ['plain', 'lockdown'] as const) {
      const output = execFileSync(process.execPath, ['--import', 'tsx', script, mode, sesDir, String(DELIVERIES)], { encoding: 'utf8', cwd: join(__dirname, '..') });
      const rates = JSON.parse(output.trim().split('\n').pop() as string) as Record<string, number>;
      for (const [key, rate] of Object.entries(rates)) best[mode][key] = Math.max(best[mode][key] ?? 0, rate);
    }
  }
  return best;
}

/** Best deliveries per CPU second per workload in a cell realm, unfrozen and frozen by our harden(), alternately. */
function freezeRates(): Record<'unfrozen' | 'frozen', Record<string, number>> {
  const best: Record<'unfrozen' | 'frozen', Record<string, number>> = { unfrozen: {}, frozen: {} };
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ['unfrozen', 'frozen'] as const) {
      const run = sandboxRealm(mode === 'frozen');
      run(throughputScript);
      for (const { name, nodes } of workloads) {
        for (const traced of TRACES) {
          const trace = traced ? "{ mode: 'last', maxEvents: 100000 }" : 'false';
          const rate = deliveryRate((until) => run(`simulate({ nodes: ${nodes}, network: { latency: [1, 10] }, until: ${until}, maxEvents: Number.MAX_SAFE_INTEGER, trace: ${trace} }).stats.deliveries`), DELIVERIES);
          best[mode][keyOf(name, traced)] = Math.max(best[mode][keyOf(name, traced)] ?? 0, rate);
        }
      }
    }
  }
  return best;
}

const version = sesVersion(sesDir);
console.log(`freezing the realm: deliveries per CPU second, best of ${ROUNDS} rounds of 3 runs, ${DELIVERIES.toLocaleString('en-US')} deliveries per run, Node ${process.version}`);
if (version === undefined) console.log(`ses is not installed in ${sesDir} (npm install --prefix ${sesDir} ses, or set SES_DIR): lockdown() skipped`);
const locked = version === undefined ? undefined : lockdownRates();
const frozen = freezeRates();
console.log(`\n${'workload'.padEnd(38)} ${'trace'.padEnd(5)} ${locked ? `${'none'.padStart(10)} ${'lockdown'.padStart(10)} ratio |` : ''} ${'unfrozen'.padStart(10)} ${'ours'.padStart(10)} ratio`);
for (const { name } of workloads) {
  for (const traced of TRACES) {
    const key = keyOf(name, traced);
    const ses = locked ? `${fmt(locked.plain[key])} ${fmt(locked.lockdown[key])} ${(locked.lockdown[key] / locked.plain[key]).toFixed(2)}  |` : '';
    console.log(`${name.padEnd(38)} ${(traced ? 'on' : 'off').padEnd(5)} ${ses} ${fmt(frozen.unfrozen[key])} ${fmt(frozen.frozen[key])} ${(frozen.frozen[key] / frozen.unfrozen[key]).toFixed(2)}`);
  }
}
if (version !== undefined) console.log(`\nlockdown: ses ${version} from ${sesDir}, default options, in a plain Node process (the engine loaded first); ours: the kernel's cell realm, harden() or not`);
