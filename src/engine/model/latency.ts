/** Sampling message latency from the distributions of `Latency`. */
import type { Latency } from '../api/types';
import type { Random } from './random';

/** A latency distribution made ready for sampling. */
export type LatencySampler = (random: Random) => number;

/** Turns a `Latency` description into a sampler; throws a readable error for a malformed one. */
export function latencySampler(latency: Latency): LatencySampler {
  if (typeof latency === 'number') {
    requireNonNegative(latency, 'latency');
    return () => latency;
  }
  if (Array.isArray(latency)) {
    const [min, max] = latency as readonly [number, number];
    requireNonNegative(min, 'latency minimum');
    if (!(max >= min)) throw new Error(`latency [${min}, ${max}]: the maximum must be at least the minimum`);
    if (Number.isInteger(min) && Number.isInteger(max)) return (random) => random.int(min, max);
    return (random) => min + random.next() * (max - min);
  }
  if ('exponential' in latency) {
    const mean = latency.exponential;
    const min = latency.min ?? 0;
    requireNonNegative(mean, 'exponential latency mean');
    // Inverse transform; 1 - u is in (0, 1], so the log is finite.
    return (random) => min + -Math.log(1 - random.next()) * mean;
  }
  if ('pareto' in latency) {
    const scale = latency.pareto;
    const alpha = latency.alpha;
    requireNonNegative(scale, 'pareto latency scale');
    if (!(alpha > 0)) throw new Error('pareto latency: alpha must be positive');
    return (random) => scale / Math.pow(1 - random.next(), 1 / alpha);
  }
  throw new Error(`unknown latency ${JSON.stringify(latency)}: use a number, [min, max], { exponential: mean } or { pareto: scale, alpha }`);
}

function requireNonNegative(value: number, what: string): void {
  if (!(typeof value === 'number' && value >= 0 && Number.isFinite(value))) throw new Error(`${what} must be a non-negative number, got ${String(value)}`);
}
