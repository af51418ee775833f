/**
 * Seed sweep speed: runs per second of `explore()` on one core for the
 * lossy, duplicating bank protocol of test/fixtures/protocols/bank.ts, the
 * deduplicating account (every seed passes) and the double-crediting one
 * (failures grouped and the first shrunk), and the cost of one shrink.
 * The CLI's --workers spreads the same sweep over worker threads.
 */
import { explore } from '../src/check/explore/explore';
import { Account, DedupAccount, bank } from '../test/fixtures/protocols/bank';

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
