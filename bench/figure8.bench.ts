/**
 * Raft's Figure 8 (test/fixtures/textbook/raft-figure-8.protocol.md) found
 * by `explore()` without the notebook's hand-written schedule: the
 * notebook's nodes, network, properties and run length (150), with a fault
 * schedule that knows nothing about Raft — none, a Jepsen-style random
 * nemesis, or a nemesis aimed at the busiest node — under each scheduler,
 * side by side in the same run. Each cell: failing seeds of 1,000 (bugs
 * per 1,000 runs) and the first failing seed. The hand-written schedule is
 * the first row, for reference.
 */
import { explore } from '../src/check/explore/explore';
import { nemesis } from '../src/engine/api/faults';
import type { Fault } from '../src/engine/api/types';
import { figure8Buggy, figure8Unscripted } from './figure8';
import { schedulers } from './support/schedulers';

const SEEDS = 1000;
const PROPERTY = 'an index is committed once';
/** Strikes about as often as the leader's heartbeat (3), faults about as long as an election timeout (20). */
const EVERY = 3;
const DURATION = 20;
const schedules: [string, Fault[] | undefined][] = [
  ["notebook's own schedule", undefined],
  ['no faults', []],
  ['random nemesis (Jepsen)', [nemesis({ every: EVERY, duration: DURATION, kinds: ['partition', 'crash'], stagger: true, from: 0 })]],
  ['busiest: crash', [nemesis({ every: EVERY, duration: DURATION, kinds: ['crash'], target: 'busiest', stagger: true, from: 0 })]],
  ['busiest: crash, partition', [nemesis({ every: EVERY, duration: DURATION, kinds: ['crash', 'partition'], target: 'busiest', stagger: true, from: 0 })]],
];

console.log(`Raft Figure 8, "${PROPERTY}" broken: failing seeds of ${SEEDS} (first failing seed)`);
console.log(`${''.padEnd(26)} ${schedulers.map(([name]) => name.padEnd(14)).join(' ')}`);
for (const [name, faults] of schedules) {
  const config = faults ? { ...figure8Unscripted(), faults } : figure8Buggy();
  const cells = schedulers.map(([, options]) => {
    if (options.swarm && config.faults?.length === 0) return '—';
    const failure = explore(config, { ...options, seeds: SEEDS, shrink: false }).failures.find((f) => f.property === PROPERTY);
    return `${failure?.seeds.length ?? 0} (#${failure?.seeds[0] ?? '—'})`;
  });
  console.log(`${name.padEnd(26)} ${cells.map((c) => c.padEnd(14)).join(' ')}`);
}
