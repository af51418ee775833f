/**
 * The network of a world: per-link latency, loss, duplication and corruption (resolved
 * once from the configuration and its overrides), which links a partition
 * currently cuts, and per-link FIFO ordering.
 */
import type { LinkModel, NetworkConfig, NodeId } from '../api/types';
import { latencySampler, type LatencySampler } from './latency';

/** The resolved model of one directed link. */
export interface Link {
  readonly latency: LatencySampler;
  readonly loss: number;
  readonly duplicate: number;
  readonly corrupt: number;
}

const DEFAULT_LATENCY = 1;

function checkProbability(value: number | undefined, what: string): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) throw new Error(`${what} must be a probability in [0, 1], got ${String(value)}`);
}

function matches(selector: NodeId | readonly NodeId[] | '*', id: NodeId): boolean {
  if (selector === '*') return true;
  return typeof selector === 'string' ? selector === id : selector.includes(id);
}

/** Links of `count` nodes, indexed `from * count + to`. */
export function resolveLinks(ids: readonly NodeId[], config: NetworkConfig = {}): Link[] {
  const known = new Set(ids);
  for (const override of config.links ?? []) {
    for (const side of [override.from, override.to]) {
      const names = side === '*' ? [] : typeof side === 'string' ? [side] : side;
      for (const name of names) if (!known.has(name)) throw new Error(`network.links names unknown node '${name}' (nodes: ${ids.join(', ')})`);
    }
  }
  checkProbability(config.loss, 'network.loss');
  checkProbability(config.duplicate, 'network.duplicate');
  checkProbability(config.corrupt, 'network.corrupt');
  const samplers = new Map<unknown, LatencySampler>();
  const samplerFor = (latency: LinkModel['latency']) => {
    const key = latency ?? DEFAULT_LATENCY;
    let sampler = samplers.get(key);
    if (!sampler) samplers.set(key, (sampler = latencySampler(key)));
    return sampler;
  };
  const links: Link[] = [];
  for (const from of ids) {
    for (const to of ids) {
      let latency = config.latency;
      let loss = config.loss ?? 0;
      let duplicate = config.duplicate ?? 0;
      let corrupt = config.corrupt ?? 0;
      for (const override of config.links ?? []) {
        if (!matches(override.from, from) || !matches(override.to, to)) continue;
        checkProbability(override.loss, 'link loss');
        checkProbability(override.duplicate, 'link duplicate');
        checkProbability(override.corrupt, 'link corrupt');
        latency = override.latency ?? latency;
        loss = override.loss ?? loss;
        duplicate = override.duplicate ?? duplicate;
        corrupt = override.corrupt ?? corrupt;
      }
      links.push({ latency: samplerFor(latency), loss, duplicate, corrupt });
    }
  }
  return links;
}

/**
 * Which directed links are cut. Counts overlapping partitions, so that the
 * end of one partition does not heal a link another still cuts.
 */
export class PartitionMatrix {
  private readonly cuts: Uint16Array;
  private active = 0;

  constructor(private readonly count: number) {
    this.cuts = new Uint16Array(count * count);
  }

  /** True when a message from `from` to `to` is dropped by a partition now. */
  isCut(from: number, to: number): boolean {
    return this.active > 0 && this.cuts[from * this.count + to] > 0;
  }

  /** Cuts (delta +1) or heals (delta -1) the links between groups; one-way cuts only first -> second. */
  apply(groups: readonly (readonly number[])[], oneWay: boolean, delta: 1 | -1): void {
    this.active += delta;
    for (let g = 0; g < groups.length; g++) {
      for (let h = 0; h < groups.length; h++) {
        if (g === h || (oneWay && !(g === 0 && h === 1))) continue;
        for (const from of groups[g]) for (const to of groups[h]) this.cuts[from * this.count + to] += delta;
      }
    }
  }

  clone(): PartitionMatrix {
    const copy = new PartitionMatrix(this.count);
    copy.cuts.set(this.cuts);
    copy.active = this.active;
    return copy;
  }
}
