/**
 * Coverage of a seed sweep: each handler's calls and each message type's
 * deliveries summed over the seeds, the runs that judged each property, the
 * longest run, and the defined handlers no seed ran. Counts of a part of a
 * sweep are plain data, as parts cross threads as JSON; summing them is
 * order-independent, so the result is the same for any number of threads
 * and for merged shards.
 */
import type { NodeId, RunResult, SimulationConfig } from '../../engine/api/types';
import { definedHandlers, messageHandlerName, nodeKinds, timerHandlerName } from '../definedHandlers';
import type { SeedOutcomes } from './seedRuns';
import type { ExploreCoverage } from './types';

/** Counts of one run or of several. */
export interface CoverageCounts {
  /** By handler name (`Kind.type`, `Kind.timer:name`). */
  handlers: [string, number][];
  /** Deliveries a handler ran for, by message type. */
  messages: [string, number][];
  /** Runs that judged each property. */
  properties: [string, number][];
  /** The run with the most events (the smallest seed of those), if any. */
  longest: { events: number; seed: number } | null;
}

const TIMER = 'timer:';

const byName = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

function bump(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Sums the coverage of runs, or of parts of a sweep. */
export class CoverageTally {
  private readonly handlers = new Map<string, number>();
  private readonly messages = new Map<string, number>();
  private readonly properties = new Map<string, number>();
  private longest: { events: number; seed: number } | null = null;

  constructor(
    private readonly kindOf: ReadonlyMap<NodeId, string>,
    private readonly names = new Map<NodeId, Map<string, { name: string; message?: string }>>(),
  ) {}

  /** A tally that names each node of `config` by its kind. */
  static of(config: SimulationConfig): CoverageTally {
    const ids = Object.keys(config.nodes);
    const kinds = nodeKinds(config, ids);
    return new CoverageTally(new Map(ids.map((id, k) => [id, kinds[k]])));
  }

  /** An empty tally naming nodes as this one does. */
  fresh(): CoverageTally {
    return new CoverageTally(this.kindOf, this.names);
  }

  addRun(run: RunResult): void {
    for (const { node, handler, runs } of run.handlerRuns) {
      const { name, message } = this.named(node, handler);
      bump(this.handlers, name, runs);
      if (message !== undefined) bump(this.messages, message, runs);
    }
    for (const verdict of run.verdicts) bump(this.properties, verdict.name, verdict.status === 'unknown' ? 0 : 1);
    this.noteLongest(run.stats.events, run.seed);
  }

  add(counts: CoverageCounts): void {
    for (const [key, n] of counts.handlers) bump(this.handlers, key, n);
    for (const [key, n] of counts.messages) bump(this.messages, key, n);
    for (const [key, n] of counts.properties) bump(this.properties, key, n);
    if (counts.longest) this.noteLongest(counts.longest.events, counts.longest.seed);
  }

  counts(): CoverageCounts {
    return { handlers: [...this.handlers], messages: [...this.messages], properties: [...this.properties], longest: this.longest };
  }

  /** The sweep's coverage: every handler `config` defines, and those counted. */
  coverage(config: SimulationConfig): ExploreCoverage {
    const handlers = new Map<string, number>();
    for (const name of definedHandlers(config)) handlers.set(name, 0);
    for (const [name, n] of this.handlers) bump(handlers, name, n);
    const names = [...handlers.keys()].sort(byName);
    return {
      handlers: names.map((handler) => ({ handler, runs: handlers.get(handler) ?? 0 })),
      messages: [...this.messages.keys()].sort(byName).map((type) => ({ type, deliveries: this.messages.get(type) ?? 0 })),
      properties: Object.keys(config.properties ?? {}).map((name) => ({ name, runs: this.properties.get(name) ?? 0 })),
      longestRun: this.longest ? { ...this.longest } : { events: 0 },
      neverRan: names.filter((name) => handlers.get(name) === 0),
    };
  }

  /** The coverage name of a node's handler (as RunResult.handlerRuns has it), and its message type; made once per pair, since every run asks again. */
  private named(node: NodeId, handler: string): { name: string; message?: string } {
    let byHandler = this.names.get(node);
    if (!byHandler) this.names.set(node, (byHandler = new Map()));
    let named = byHandler.get(handler);
    if (!named) {
      const kind = this.kindOf.get(node) ?? node;
      named = handler.startsWith(TIMER) ? { name: timerHandlerName(kind, handler.slice(TIMER.length)) } : { name: messageHandlerName(kind, handler), message: handler };
      byHandler.set(handler, named);
    }
    return named;
  }

  private noteLongest(events: number, seed: number): void {
    const known = this.longest;
    if (!known || events > known.events || (events === known.events && seed < known.seed)) this.longest = { events, seed };
  }
}

/** The coverage of merged parts of one sweep (shards): counts summed; none when a part has none. */
export function mergeExploreCoverage(parts: readonly (ExploreCoverage | undefined)[]): ExploreCoverage | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  const all = parts as readonly ExploreCoverage[];
  const handlers = new Map<string, number>();
  const messages = new Map<string, number>();
  const properties = new Map<string, number>();
  let longestRun: ExploreCoverage['longestRun'] = { events: 0 };
  for (const part of all) {
    for (const h of part.handlers) bump(handlers, h.handler, h.runs);
    for (const m of part.messages) bump(messages, m.type, m.deliveries);
    for (const p of part.properties) bump(properties, p.name, p.runs);
    const { events, seed } = part.longestRun;
    if (seed !== undefined && (longestRun.seed === undefined || events > longestRun.events || (events === longestRun.events && seed < longestRun.seed))) longestRun = { events, seed };
  }
  const names = [...handlers.keys()].sort(byName);
  return {
    handlers: names.map((handler) => ({ handler, runs: handlers.get(handler) ?? 0 })),
    messages: [...messages.keys()].sort(byName).map((type) => ({ type, deliveries: messages.get(type) ?? 0 })),
    properties: [...properties].map(([name, runs]) => ({ name, runs })),
    longestRun,
    neverRan: names.filter((name) => handlers.get(name) === 0),
  };
}

/** The coverage of a sweep's parts, counting only the positions before `end` (see SeedTally.end). */
export function sweepCoverage(config: SimulationConfig, parts: readonly SeedOutcomes[], end: number): ExploreCoverage {
  const tally = CoverageTally.of(config);
  for (const part of parts) {
    const perRun = part.coverage.perRun;
    if (!perRun) {
      tally.add(part.coverage.total);
      continue;
    }
    let i = 0;
    for (const [from, to] of part.ranges) for (let position = from; position < to; position++, i++) if (position < end) tally.add(perRun[i]);
  }
  return tally.coverage(config);
}
