/**
 * Deep bugs: how each strategy of check() does on a bug about twenty steps
 * deep, Paxos with volatile acceptors (test/fixtures/protocols/paxos.ts: two
 * proposers, three acceptors, one crash and restart). Target: found by some
 * strategy in under 60 s of CPU on one core. Each figure is printed beside
 * breadth-first search's on the same model in the same run, as a ratio.
 * Random walks are run for ten seeds, to show how often they find it.
 */
import { check } from '../src/check/modelCheck/check';
import type { CheckOptions } from '../src/check/modelCheck/types';
import { paxos, paxosAcceptors } from '../test/fixtures/protocols/paxos';

const TARGET_CPU_SECONDS = 60;
const MAX_STATES = 4_000_000;

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

function attempt(options: CheckOptions): { found: boolean; steps: number; states: number; seconds: number } {
  const cpu = process.cpuUsage();
  const result = check(paxos('volatile'), { crashes: 1, maxStates: MAX_STATES, ...options });
  const seconds = cpuSeconds(cpu);
  const verdict = result.verdicts.find((v) => v.name === 'one value is chosen');
  const found = verdict?.status === 'fail' && verdict.counterexample?.run.verdicts.find((v) => v.name === 'one value is chosen')?.status === 'fail';
  return { found, steps: verdict?.counterexample?.steps.length ?? 0, states: result.stats.uniqueStates, seconds };
}

function row(cells: (string | number)[]): string {
  return cells.map((c, i) => (typeof c === 'number' ? c.toLocaleString('en-US') : c).padStart(i === 0 ? 34 : 12)).join(' ');
}

console.log('Paxos with volatile acceptors: agreement, one crash and restart (a counterexample counts only if its replay fails agreement)');
console.log(row(['strategy', 'found', 'steps', 'states', 'cpu s', 'cpu vs bfs']));
for (const crashNodes of [undefined, paxosAcceptors]) {
  const scope = crashNodes ? ', crashes of acceptors only' : ', any node may crash';
  const bfs = attempt({ ...(crashNodes ? { crashNodes } : {}) });
  const line = (name: string, r: ReturnType<typeof attempt>) =>
    console.log(row([name + scope, r.found ? 'yes' : 'no', r.steps, r.states, r.seconds.toFixed(2), `${(r.seconds / bfs.seconds).toFixed(3)}x`]));
  line('bfs', bfs);
  const dfs = attempt({ strategy: 'dfs', ...(crashNodes ? { crashNodes } : {}) });
  line('dfs', dfs);
  let foundBy = 0;
  let total = 0;
  for (let seed = 0; seed < 10; seed++) {
    const walk = attempt({ strategy: 'random-walk', walks: 1000, seed, ...(crashNodes ? { crashNodes } : {}) });
    if (walk.found) foundBy++;
    total += walk.seconds;
    if (seed === 0) line('random-walk (1,000 walks, seed 0)', walk);
  }
  console.log(`  random-walk, 1,000 walks${scope}: found with ${foundBy} of 10 seeds, ${(total / 10).toFixed(2)} cpu s per seed`);
  const fastest = [bfs, dfs].filter((r) => r.found).reduce((a, b) => Math.min(a, b.seconds), Infinity);
  console.log(`  target: found by a strategy that walks the whole space in under ${TARGET_CPU_SECONDS} cpu s: ${Number.isFinite(fastest) ? `${fastest.toFixed(2)} s, ${fastest < TARGET_CPU_SECONDS ? 'met' : 'missed'}` : 'not found'}`);
}
