/** The schedulers the bug-finding benchmarks compare, side by side: time order (the baseline), PCT at depths 1 to 3, and swarm. */
import type { ExploreOptions } from '../../src/check/explore/types';

export const schedulers: [string, ExploreOptions][] = [
  ['random', {}],
  ['pct d=1', { scheduler: 'pct', depth: 1 }],
  ['pct d=2', { scheduler: 'pct', depth: 2 }],
  ['pct d=3', { scheduler: 'pct', depth: 3 }],
  ['swarm', { swarm: true }],
];
