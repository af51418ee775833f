/**
 * `explore()`: a seed sweep. Runs a configuration with many seeds, groups
 * the failing seeds by the property they broke, and shrinks each property's
 * first failure to a minimal counterexample that replays exactly.
 */
import type { SimulationConfig } from '../../engine/api/types';
import { simulate } from '../../engine/simulate';
import { failedProperties, shrinkFailure } from '../shrink/shrinkFailure';
import { seedList, shardSeeds, workerSeeds } from './seedSelection';
import { sweepOverrides } from './sweepOverrides';
import type { ExploreFailure, ExploreOptions, ExploreResult } from './types';

const DEFAULT_SEEDS = 100;
const DEFAULT_SHRINK_RUNS = 300;

/**
 * Runs `config` once per seed and reports the failures grouped by property,
 * each shrunk to a minimal counterexample — fewest faults, least loss and
 * duplication, shortest run — that `simulate({ ...config, ...replay })`
 * reproduces exactly. Its `run` holds the trace: `display(...)` draws it.
 *
 * @example
 * explore({ nodes: { account: Account, client: Client }, network: { loss: 0.1, duplicate: 0.1 }, properties }, { seeds: 1000 })
 */
export function explore(config: SimulationConfig, options: ExploreOptions = {}): ExploreResult {
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  const started = clock?.now() ?? 0;
  const overrides = sweepOverrides();
  const shard = overrides.shard ?? options.shard;
  let seeds = shardSeeds(seedList(overrides.seeds ?? options.seeds ?? DEFAULT_SEEDS), shard);
  if (overrides.worker) seeds = workerSeeds(seeds, overrides.worker.index, overrides.worker.count);
  const groups = new Map<string, ExploreFailure>();
  const firstSeed = new Map<string, number>();
  let failedSeeds = 0;
  let seedsRun = 0;
  let events = 0;
  let stoppedEarly = false;
  for (const seed of seeds) {
    if ((options.stopAfter !== undefined && failedSeeds >= options.stopAfter) || options.shouldStop?.()) {
      stoppedEarly = true;
      break;
    }
    const run = simulate({ ...config, seed, trace: false, idempotency: false });
    seedsRun++;
    events += run.stats.events;
    const failed = failedProperties(run);
    if (failed.length > 0) failedSeeds++;
    for (const property of failed) {
      let group = groups.get(property);
      if (!group) {
        const message = property === 'handler error' && run.error ? `${run.error.name}: ${run.error.message}` : (run.verdicts.find((v) => v.name === property)?.message ?? 'failed');
        groups.set(property, (group = { property, seeds: [], message }));
        firstSeed.set(property, seed);
      }
      group.seeds.push(seed);
    }
    options.onProgress?.({ done: seedsRun, total: seeds.length, failed: failedSeeds });
  }
  const failures = [...groups.values()];
  if (options.shrink !== false) {
    for (const failure of failures) failure.counterexample = shrinkFailure(config, firstSeed.get(failure.property) as number, failure.property, options.maxShrinkRuns ?? DEFAULT_SHRINK_RUNS);
  }
  const wallMs = (clock?.now() ?? 0) - started;
  const result: ExploreResult = {
    kind: 'protocol-notebook/explore',
    ok: failures.length === 0,
    seedsRun,
    seedsTotal: seeds.length,
    stoppedEarly,
    ...(shard ? { shard } : {}),
    properties: Object.keys(config.properties ?? {}),
    failures,
    stats: { wallMs, runsPerSecond: wallMs > 0 ? Math.round((seedsRun / wallMs) * 1000) : 0, events },
  };
  const first = failures.find((f) => f.counterexample);
  if (first?.counterexample) result.trace = first.counterexample.run.trace;
  return result;
}
