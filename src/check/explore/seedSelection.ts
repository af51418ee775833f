/** Which seeds a sweep, a shard of it, or one worker of a shard runs. */
import type { SeedSpec, Shard } from './types';

/** The seeds of `spec`, in order. */
export function seedList(spec: SeedSpec): number[] {
  if (typeof spec === 'number') {
    if (!(Number.isInteger(spec) && spec >= 0)) throw new RangeError(`explore(): seeds must be a whole number, a { from, to } range or a list, got ${String(spec)}`);
    return Array.from({ length: spec }, (_, k) => k + 1);
  }
  if (Array.isArray(spec)) return [...(spec as readonly number[])];
  const { from, to } = spec as { from: number; to: number };
  if (!(Number.isInteger(from) && Number.isInteger(to) && to >= from)) throw new RangeError('explore(): a seed range needs whole numbers with from <= to');
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/** Parses `i/n` (1-based) as a shard. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * The seeds of shard `shard`: those with `seed % count === index - 1`, so
 * that shards of the same spec never overlap and together cover it, with no
 * coordination between the jobs that run them.
 */
export function shardSeeds(seeds: readonly number[], shard: Shard | undefined): number[] {
  if (!shard) return [...seeds];
  const { index, count } = shard;
  return seeds.filter((s) => (((s % count) + count) % count) === index - 1);
}

/** The part of `seeds` worker `worker` of `workers` runs: every `workers`-th, by position. */
export function workerSeeds(seeds: readonly number[], worker: number, workers: number): number[] {
  return seeds.filter((_, position) => position % workers === worker);
}
