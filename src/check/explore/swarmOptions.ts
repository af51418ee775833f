/** The `swarm` option of `explore()`, checked and completed with its defaults. */
import type { SimulationConfig } from '../../engine/api/types';
import type { ExploreOptions, SwarmMix } from './types';

const DEFAULT_ON = 0.5;

/** The swarm settings a sweep runs with, or undefined for a plain sweep. Throws on a bad option. */
export function swarmOptions(config: SimulationConfig, options: ExploreOptions): SwarmMix | undefined {
  const swarm: unknown = options.swarm;
  if (swarm === undefined || swarm === false) return undefined;
  if (swarm !== true && (typeof swarm !== 'object' || swarm === null || Array.isArray(swarm))) {
    throw new Error(`explore: swarm must be true, false or { on }, not ${JSON.stringify(swarm)}`);
  }
  const given = swarm === true ? {} : (swarm as Record<string, unknown>);
  for (const key of Object.keys(given)) if (key !== 'on') throw new Error(`explore: unknown swarm option ${JSON.stringify(key)}: the only one is 'on'`);
  const on = given.on ?? DEFAULT_ON;
  if (typeof on !== 'number' || !(on > 0 && on < 1)) throw new Error(`explore: swarm.on must be a probability between 0 and 1 (both excluded), not ${JSON.stringify(on)}`);
  const network = config.network ?? {};
  if (!((network.loss ?? 0) > 0 || (network.duplicate ?? 0) > 0 || (config.faults ?? []).length > 0)) {
    throw new Error('explore: swarm needs something to switch on and off: network loss, duplication or faults');
  }
  return { on };
}
