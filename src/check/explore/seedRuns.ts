/**
 * The seed loop of a sweep, split so that parts of one sweep can run in
 * different threads and still add up to exactly what one thread would have
 * found: each part records what every seed it ran did (by position in the
 * sweep's seed list), and `tallySeeds` walks the positions in order as the
 * sequential loop does — the same groups, messages, first seeds, early stop.
 */
import type { SimulationConfig } from '../../engine/api/types';
import { simulate } from '../../engine/simulate';
import { failedProperties } from '../shrink/shrinkFailure';
import { CoverageTally, type CoverageCounts } from './coverage';
import type { ExploreFailure, ExploreOptions } from './types';

/** What one thread of a sweep ran. */
export interface SeedOutcomes {
  /** The positions run, as `[from, to)` ranges in the order they ran. */
  ranges: [number, number][];
  /** Events of each run, in that order. */
  events: number[];
  /** The failing positions, each with the properties it broke and why. */
  failures: { position: number; properties: { property: string; message: string }[] }[];
  /**
   * What the runs covered, summed; with `stopAfter`, each run's too, in the
   * order they ran, since the tally then counts only the runs before its
   * stopping point (see sweepCoverage).
   */
  coverage: { total: CoverageCounts; perRun?: CoverageCounts[] };
}

/** What each seed runs: one configuration for all, or each seed's own (a swarm sweep). */
export type SeedConfig = SimulationConfig | ((seed: number) => SimulationConfig);

/** Where a thread's next positions come from: `[from, to)`, or null when none are left. */
export type SeedClaim = () => [number, number] | null;

/** Every position of a sweep of `total` seeds, at once: the sweep runs in one thread. */
export function claimAll(total: number): SeedClaim {
  return claimRange(0, total);
}

/** Called after each seed with this thread's counts: true to stop (the editor's stop button). */
export type SeedProgress = (done: number, failed: number) => boolean;

/** Runs the positions `claim` hands out, stopping early as `options` and `progress` ask. */
export function runSeeds(config: SeedConfig, seeds: readonly number[], claim: SeedClaim, options: ExploreOptions, progress?: SeedProgress): { outcomes: SeedOutcomes; stopRequested: boolean } {
  const outcomes: SeedOutcomes = { ranges: [], events: [], failures: [], coverage: { total: { handlers: [], messages: [], properties: [], longest: null } } };
  const configOf = typeof config === 'function' ? config : () => config;
  // The handlers a sweep can run are the configuration's, whatever mix of faults a seed draws.
  const total = CoverageTally.of(configOf(seeds[0] ?? 0));
  const perRun: CoverageCounts[] | undefined = options.stopAfter === undefined ? undefined : [];
  if (perRun) outcomes.coverage.perRun = perRun;
  const done = () => {
    outcomes.coverage.total = total.counts();
    return outcomes;
  };
  let failedSeeds = 0;
  for (let range = claim(); range; range = claim()) {
    const ran: [number, number] = [range[0], range[0]];
    outcomes.ranges.push(ran);
    for (let position = range[0]; position < range[1]; position++) {
      if ((options.stopAfter !== undefined && failedSeeds >= options.stopAfter) || options.shouldStop?.()) return { outcomes: done(), stopRequested: false };
      const run = simulate({ ...configOf(seeds[position]), seed: seeds[position], trace: false, idempotency: false });
      outcomes.events.push(run.stats.events);
      total.addRun(run);
      if (perRun) {
        const one = total.fresh();
        one.addRun(run);
        perRun.push(one.counts());
      }
      ran[1] = position + 1;
      const failed = failedProperties(run);
      if (failed.length > 0) {
        failedSeeds++;
        const properties = failed.map((property) => ({
          property,
          message: property === 'handler error' && run.error ? `${run.error.name}: ${run.error.message}` : (run.verdicts.find((v) => v.name === property)?.message ?? 'failed'),
        }));
        outcomes.failures.push({ position, properties });
      }
      options.onProgress?.({ done: outcomes.events.length, total: seeds.length, failed: failedSeeds });
      if (progress?.(outcomes.events.length, failedSeeds)) return { outcomes: done(), stopRequested: true };
    }
  }
  return { outcomes: done(), stopRequested: false };
}

/**
 * Runs here the positions that no part ran but the sequential loop would
 * have: those a helper thread claimed and never handed over (it died, or was
 * given up on; see the kernel's HelperGroup.dropSilent). Walks the positions
 * in order as `tallySeeds` does, so nothing past the loop's `stopAfter`
 * point is run; `progress` returning true (the editor's stop) ends it.
 * Returns the extra parts: none when every position was run.
 */
export function fillGaps(config: SeedConfig, seeds: readonly number[], parts: readonly SeedOutcomes[], options: ExploreOptions, progress?: SeedProgress): SeedOutcomes[] {
  const ran = new Uint8Array(seeds.length);
  const failing = new Set<number>();
  const note = (part: SeedOutcomes) => {
    for (const [from, to] of part.ranges) ran.fill(1, from, to);
    for (const failure of part.failures) failing.add(failure.position);
  };
  parts.forEach(note);
  const extra: SeedOutcomes[] = [];
  let failedSeeds = 0;
  for (let position = 0; position < seeds.length; ) {
    if (options.stopAfter !== undefined && failedSeeds >= options.stopAfter) break;
    if (ran[position]) {
      if (failing.has(position)) failedSeeds++;
      position++;
      continue;
    }
    if (progress?.(0, 0)) break;
    let end = position;
    while (end < seeds.length && !ran[end]) end++;
    const gap = claimRange(position, end);
    const stopAfter = options.stopAfter === undefined ? undefined : options.stopAfter - failedSeeds;
    const { outcomes, stopRequested } = runSeeds(config, seeds, gap, { ...options, stopAfter }, progress);
    if (outcomes.events.length === 0) break;
    extra.push(outcomes);
    note(outcomes);
    if (stopRequested) break;
  }
  return extra;
}

/** The positions `[from, to)`, at once. */
function claimRange(from: number, to: number): SeedClaim {
  let claimed = false;
  return () => (claimed ? null : ((claimed = true), [from, to]));
}

/** A sweep's seeds as the sequential loop would have counted them. */
export interface SeedTally {
  seedsRun: number;
  events: number;
  stoppedEarly: boolean;
  /** In order of first failure, each with its failing seeds in sweep order. */
  failures: ExploreFailure[];
  /** The first failing seed of each property. */
  firstSeed: Map<string, number>;
  /** Positions from this one on were not counted (`stopAfter` was reached); the seed count when all were. */
  end: number;
}

/**
 * Combines the parts of one sweep (`seeds` is its whole seed list) in seed
 * order. Positions a thread did not run because of `stopAfter` all lie past
 * the sequential loop's stopping point (each thread stops only after that
 * many failures of its own), so the count matches the sequential loop's.
 */
export function tallySeeds(seeds: readonly number[], parts: readonly SeedOutcomes[], stopAfter: number | undefined): SeedTally {
  const events: (number | undefined)[] = new Array(seeds.length);
  const broken = new Map<number, SeedOutcomes['failures'][number]['properties']>();
  for (const part of parts) {
    let i = 0;
    for (const [from, to] of part.ranges) for (let position = from; position < to; position++) events[position] = part.events[i++];
    for (const failure of part.failures) broken.set(failure.position, failure.properties);
  }
  const tally: SeedTally = { seedsRun: 0, events: 0, stoppedEarly: false, failures: [], firstSeed: new Map(), end: seeds.length };
  const groups = new Map<string, ExploreFailure>();
  let failedSeeds = 0;
  for (let position = 0; position < seeds.length; position++) {
    if (stopAfter !== undefined && failedSeeds >= stopAfter) {
      tally.stoppedEarly = true;
      tally.end = position;
      break;
    }
    const ran = events[position];
    // Not run: the sweep was stopped.
    if (ran === undefined) {
      tally.stoppedEarly = true;
      continue;
    }
    tally.seedsRun++;
    tally.events += ran;
    const properties = broken.get(position);
    if (!properties) continue;
    failedSeeds++;
    const seed = seeds[position];
    for (const { property, message } of properties) {
      let group = groups.get(property);
      if (!group) {
        groups.set(property, (group = { property, seeds: [], message }));
        tally.firstSeed.set(property, seed);
      }
      group.seeds.push(seed);
    }
  }
  tally.failures = [...groups.values()];
  return tally;
}
