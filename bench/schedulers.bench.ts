/**
 * Bugs found per 1,000 runs, by scheduler: `explore()` with time-ordered
 * delivery (`'random'`, the baseline), with PCT priorities (`'pct'`, depth
 * 1 to 3), as a swarm sweep (each seed its own mix of the faults), and
 * with a nemesis aimed at the busiest node added to the faults
 * (`target: 'busiest'`, staggered), on protocols with a known bug. Printed
 * side by side, each as a ratio to the baseline measured in the same run,
 * with the first failing seed. Raft's Figure 8 runs twice: with the
 * notebook's hand-written schedule, and without it (only the busiest-node
 * nemesis brings faults there).
 */
import { explore } from '../src/check/explore/explore';
import type { ExploreOptions } from '../src/check/explore/types';
import { nemesis } from '../src/engine/api/faults';
import type { SimulationConfig } from '../src/engine/api/types';
import { Account, bank } from '../test/fixtures/protocols/bank';
import { countdownRace } from '../test/fixtures/protocols/countdownRace';
import { losslessCrash } from '../test/fixtures/protocols/losslessCrash';
import { figure8Buggy, figure8Unscripted } from './figure8';
import { schedulers as baseSchedulers } from './support/schedulers';

const SEEDS = 1000;
const protocols: [string, SimulationConfig][] = [
  ['double-crediting account', bank(Account)],
  ['countdown race (ordering)', countdownRace()],
  ['no loss, and a crash', losslessCrash()],
  ['Raft Figure 8 (notebook)', figure8Buggy()],
  ['Raft Figure 8 (no schedule)', figure8Unscripted()],
];
/** The same generic nemesis for every protocol: it knows none of them. */
const busiest = nemesis({ every: 3, duration: 20, kinds: ['crash'], target: 'busiest', stagger: true, from: 0 });
const schedulers: [string, ExploreOptions][] = [...baseSchedulers, ['busiest', {}]];

console.log(`failing seeds per ${SEEDS} runs (ratio to random; first failing seed)`);
for (const [name, config] of protocols) {
  const found = schedulers.map(([scheduler, options]) => {
    const swept = scheduler === 'busiest' ? { ...config, faults: [...(config.faults ?? []), busiest] } : config;
    if (options.swarm && !(config.network?.loss || config.network?.duplicate || config.faults?.length)) return undefined;
    const failures = explore(swept, { ...options, seeds: SEEDS, shrink: false }).failures;
    const seeds = failures.reduce<number[]>((most, f) => (f.seeds.length > most.length ? f.seeds : most), []);
    return { n: seeds.length, first: seeds[0] };
  });
  const base = found[0]?.n ?? 0;
  const cells = found.map((f, k) => {
    if (!f) return `${schedulers[k][0]}: —`;
    const ratio = k === 0 ? '' : ` ${base === 0 ? (f.n === 0 ? '1×' : '∞') : `${(f.n / base).toFixed(2)}×`}`;
    return `${schedulers[k][0]}: ${f.n} (${ratio.trim() ? `${ratio.trim()}, ` : ''}#${f.first ?? '—'})`;
  });
  console.log(`${name.padEnd(28)} ${cells.join('  ')}`);
}
