/**
 * Combines the results of one `explore()` call run in parts — shards of a CI
 * matrix, or worker threads of one process — into the result of the whole
 * sweep. Order-independent: merging the same parts in any order gives the
 * same result.
 */
import { mergeExploreCoverage } from './coverage';
import type { ExploreFailure, ExploreResult } from './types';

/** One result for the seeds of all `parts` (all from the same `explore()` call). */
export function mergeExploreResults(parts: readonly ExploreResult[]): ExploreResult {
  if (parts.length === 0) throw new Error('mergeExploreResults: nothing to merge');
  if (parts.length === 1) return parts[0];
  const byProperty = new Map<string, ExploreFailure>();
  for (const part of parts) {
    for (const failure of part.failures) {
      const known = byProperty.get(failure.property);
      if (!known) {
        byProperty.set(failure.property, { ...failure, seeds: [...failure.seeds] });
        continue;
      }
      known.seeds.push(...failure.seeds);
      // Keep the counterexample of the smallest failing seed, so the merge does not depend on part order.
      const knownSeed = known.counterexample?.replay.seed ?? Infinity;
      const otherSeed = failure.counterexample?.replay.seed ?? Infinity;
      if (otherSeed < knownSeed && failure.counterexample) {
        known.counterexample = failure.counterexample;
        known.message = failure.message;
      }
    }
  }
  const failures = [...byProperty.values()].sort((x, y) => x.property.localeCompare(y.property));
  for (const failure of failures) failure.seeds.sort((x, y) => x - y);
  const seedsRun = parts.reduce((n, p) => n + p.seedsRun, 0);
  const wallMs = Math.max(...parts.map((p) => p.stats.wallMs));
  const merged: ExploreResult = {
    kind: 'protocol-notebook/explore',
    ok: failures.length === 0,
    seedsRun,
    seedsTotal: parts.reduce((n, p) => n + p.seedsTotal, 0),
    stoppedEarly: parts.some((p) => p.stoppedEarly),
    ...(parts[0].swarm ? { swarm: parts[0].swarm } : {}),
    properties: [...new Set(parts.flatMap((p) => p.properties))],
    failures,
    stats: { wallMs, runsPerSecond: wallMs > 0 ? Math.round((seedsRun / wallMs) * 1000) : 0, events: parts.reduce((n, p) => n + p.stats.events, 0) },
  };
  const coverage = mergeExploreCoverage(parts.map((p) => p.coverage));
  if (coverage) merged.coverage = coverage;
  const first = failures.find((f) => f.counterexample);
  if (first?.counterexample) merged.trace = first.counterexample.run.trace;
  return merged;
}
