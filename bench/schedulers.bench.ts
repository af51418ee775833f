/**
 * Bugs found per 1,000 runs, by scheduler: `explore()` with time-ordered
 * delivery (`'random'`, the baseline) and with PCT priorities (`'pct'`,
 * depth 1 to 3), on protocols with a known bug. Printed side by side, each
 * as a ratio to the baseline measured in the same run.
 */
import { explore } from '../src/check/explore/explore';
import type { ExploreOptions } from '../src/check/explore/types';
import type { SimulationConfig } from '../src/engine/api/types';
import { Account, bank } from '../test/fixtures/protocols/bank';
import { countdownRace } from '../test/fixtures/protocols/countdownRace';

const SEEDS = 1000;
const protocols: [string, SimulationConfig][] = [
  ['double-crediting account', bank(Account)],
  ['countdown race (ordering)', countdownRace()],
];
const schedulers: [string, ExploreOptions][] = [
  ['random', {}],
  ['pct d=1', { scheduler: 'pct', depth: 1 }],
  ['pct d=2', { scheduler: 'pct', depth: 2 }],
  ['pct d=3', { scheduler: 'pct', depth: 3 }],
];

console.log(`failing seeds per ${SEEDS} runs (ratio to random)`);
for (const [name, config] of protocols) {
  const found = schedulers.map(([, options]) => explore(config, { ...options, seeds: SEEDS, shrink: false }).failures.reduce((n, f) => Math.max(n, f.seeds.length), 0));
  const cells = found.map((n, k) => `${schedulers[k][0]}: ${n}${k === 0 ? '' : ` (${found[0] === 0 ? (n === 0 ? '1×' : '∞') : `${(n / found[0]).toFixed(2)}×`})`}`);
  console.log(`${name.padEnd(28)} ${cells.join('  ')}`);
}
