/** The configuration each seed of a sweep runs: the caller's, with the scheduler `explore()` was asked for. */
import type { SimulationConfig } from '../../engine/api/types';
import type { ExploreOptions } from './types';

export function withScheduler(config: SimulationConfig, options: ExploreOptions): SimulationConfig {
  const scheduler = options.scheduler ?? 'random';
  if (scheduler === 'random') {
    if (options.depth !== undefined) throw new Error("explore: `depth` needs scheduler: 'pct'");
    return config;
  }
  if (scheduler !== 'pct') throw new Error(`explore: unknown scheduler ${JSON.stringify(scheduler)}: use 'random' or 'pct'`);
  return { ...config, scheduler: { kind: 'pct', ...(options.depth === undefined ? {} : { depth: options.depth }) } };
}
