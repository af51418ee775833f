/**
 * `explore()`: a seed sweep. Runs a configuration with many seeds, groups
 * the failing seeds by the property they broke, and shrinks each property's
 * first failure to a minimal counterexample that replays exactly.
 */
import type { SimulationConfig } from '../../engine/api/types';
import { shrinkFailure } from '../shrink/shrinkFailure';
import { sweepCoverage } from './coverage';
import { claimAll, fillGaps, runSeeds, tallySeeds } from './seedRuns';
import { seedList, shardSeeds, workerSeeds } from './seedSelection';
import { sweepHost } from './sweepHost';
import { sweepOverrides } from './sweepOverrides';
import { swarmConfig } from './swarmConfig';
import { swarmOptions } from './swarmOptions';
import type { ExploreOptions, ExploreResult } from './types';
import { withScheduler } from './withScheduler';

const DEFAULT_SEEDS = 100;
const DEFAULT_SHRINK_RUNS = 300;

/**
 * Runs `config` once per seed and reports the failures grouped by property,
 * each shrunk to a minimal counterexample — fewest faults, least loss and
 * duplication, shortest run — that `simulate({ ...config, ...replay })`
 * reproduces exactly. Its `run` holds the trace: `display(...)` draws it.
 *
 * In a notebook cell the cell shows a progress bar, its stop button ends
 * the sweep with the seeds run so far, and a long sweep runs in parallel
 * threads (see `workers`); the result is the same whatever the number of threads.
 *
 * @example
 * explore({ nodes: { account: Account, client: Client }, network: { loss: 0.1, duplicate: 0.1 }, properties }, { seeds: 1000 })
 */
export function explore(config: SimulationConfig, options: ExploreOptions = {}): ExploreResult {
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  const started = clock?.now() ?? 0;
  const swarm = swarmOptions(config, options);
  const overrides = sweepOverrides();
  const shard = overrides.shard ?? options.shard;
  let seeds = shardSeeds(seedList(overrides.seeds ?? options.seeds ?? DEFAULT_SEEDS), shard);
  // The `check` command reports only check(): a sweep would be work thrown away.
  if (overrides.skip === 'explore') {
    return { kind: 'protocol-notebook/explore', ok: true, skipped: true, seedsRun: 0, seedsTotal: seeds.length, stoppedEarly: true, ...(swarm ? { swarm } : {}), properties: Object.keys(config.properties ?? {}), failures: [], stats: { wallMs: 0, runsPerSecond: 0, events: 0 } };
  }
  if (overrides.worker) seeds = workerSeeds(seeds, overrides.worker.index, overrides.worker.count);
  // The CLI already splits sweeps across threads; callbacks that watch each seed need the seeds in one thread.
  const host = overrides.worker ? undefined : sweepHost();
  const alone = options.onProgress !== undefined || options.shouldStop !== undefined;
  const sweep = host?.begin(seeds.length, alone ? 1 : options.workers) ? host : undefined;
  const claim = sweep ? () => sweep.claim() : claimAll(seeds.length);
  const scheduled = withScheduler(config, options);
  // A swarm sweep's seeds each run their own mix of the faults; shrinking starts from that mix, so the replay spells it out.
  const swept = swarm ? (seed: number) => swarmConfig(scheduled, seed, swarm) : () => scheduled;
  const { outcomes, stopRequested: stopped } = runSeeds(swept, seeds, claim, options, sweep && ((done, failed) => sweep.progress(done, failed)));
  const parts = sweep ? [outcomes, ...sweep.finish(outcomes)] : [outcomes];
  // What a helper thread claimed but never handed over (it died) is run here: usually nothing.
  if (sweep && !stopped) parts.push(...fillGaps(swept, seeds, parts, options, (done, failed) => sweep.progress(done, failed)));
  const tally = tallySeeds(seeds, parts, options.stopAfter);
  // Stopped from the editor (here, or in a helper while this thread waited).
  const stopRequested = stopped || (tally.stoppedEarly && options.stopAfter === undefined && !alone);
  const failures = tally.failures;
  // A sweep stopped from the editor reports at once; its failures keep their seeds but are not shrunk.
  if (options.shrink !== false && !stopRequested) {
    for (const failure of failures) {
      const seed = tally.firstSeed.get(failure.property) as number;
      failure.counterexample = shrinkFailure(swept(seed), seed, failure.property, options.maxShrinkRuns ?? DEFAULT_SHRINK_RUNS);
    }
  }
  const wallMs = (clock?.now() ?? 0) - started;
  const result: ExploreResult = {
    kind: 'protocol-notebook/explore',
    ok: failures.length === 0,
    seedsRun: tally.seedsRun,
    seedsTotal: seeds.length,
    stoppedEarly: tally.stoppedEarly,
    ...(shard ? { shard } : {}),
    ...(swarm ? { swarm } : {}),
    properties: Object.keys(config.properties ?? {}),
    failures,
    stats: { wallMs, runsPerSecond: wallMs > 0 ? Math.round((tally.seedsRun / wallMs) * 1000) : 0, events: tally.events },
    coverage: sweepCoverage(config, parts, tally.end),
  };
  const first = failures.find((f) => f.counterexample);
  if (first?.counterexample) result.trace = first.counterexample.run.trace;
  return result;
}
