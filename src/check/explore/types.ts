/** The options and the result of `explore()`: plain data, safe to post across threads and to write as JSON. */
import type { Trace } from '../../common/traceFormat';
import type { Fault, NetworkConfig, PctScheduler, RunResult } from '../../engine/api/types';

/**
 * Which seeds to run: a count `n` (seeds 1…n), an inclusive range, or a list.
 */
export type SeedSpec = number | { from: number; to: number } | readonly number[];

/** One part of a sweep split across independent jobs: seeds `s` with `s % count === index - 1`. */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface ExploreProgress {
  done: number;
  total: number;
  failed: number;
}

/** `explore()`'s swarm settings (`swarm: true` takes the defaults). */
export interface SwarmOptions {
  /** Probability that a seed switches each kind of fault on. Default 0.5. */
  on?: number;
}

/** The swarm settings a sweep ran with, defaults filled in. */
export interface SwarmMix {
  on: number;
}

export interface ExploreOptions {
  /**
   * How each seed's run orders its deliveries: `'random'` (default) in time
   * order, as latency drew it; `'pct'` by random node priorities with
   * `depth - 1` change points (see `PctScheduler`), which reaches bugs that
   * need a few specific orderings far more often.
   */
  scheduler?: 'random' | 'pct';
  /** With `scheduler: 'pct'`: the bug depth d (d - 1 priority changes). Default 3. */
  depth?: number;
  /**
   * Swarm testing: each seed draws, from a random stream of its own, which
   * kinds of the configuration's faults it runs (loss, duplication,
   * partitions, crashes, clock skew, Byzantine and corrupting nodes, each
   * on with probability `on`) and scales the loss and duplication it keeps
   * (¼× to 2×). Reaches bugs that need one kind of fault without another
   * ("a crash, and no loss"). A failure's replay spells out its seed's mix.
   */
  swarm?: boolean | SwarmOptions;
  /** Seeds to run. Default 100 (seeds 1…100). */
  seeds?: SeedSpec;
  /** Run only this shard of the seeds (CI matrices: `{ index: 2, count: 4 }`). */
  shard?: Shard;
  /** Stop after this many failing seeds. Default: run every seed. */
  stopAfter?: number;
  /** Shrink each property's first failure to a minimal counterexample. Default true. */
  shrink?: boolean;
  /** Simulations a shrink may run. Default 300. */
  maxShrinkRuns?: number;
  /**
   * Threads a sweep in a notebook cell may run on. By default a sweep that
   * proves long (2 s or more left after its first 250 ms) is split over the
   * cores other work leaves free, at most 4; `n` splits it `n` ways from
   * the first seed; `1` keeps every seed in the kernel's own thread. The
   * result is the same for any number. Outside a notebook kernel seeds run
   * in one thread (the CLI has `--workers`).
   */
  workers?: number;
  /** Called after each seed. A sweep with this callback runs in one thread. */
  onProgress?: (progress: ExploreProgress) => void;
  /** Polled between seeds: return true to stop early. A sweep with this callback runs in one thread. */
  shouldStop?: () => boolean;
}

/**
 * What to change in the configuration to replay a counterexample exactly:
 * `simulate({ ...config, ...replay })` gives the counterexample's run, trace
 * byte for byte.
 */
export interface Replay {
  seed: number;
  until: number;
  /** Every fault of the run, explicit: a nemesis appears as the partitions and crashes it made. */
  faults: Fault[];
  /** The whole network: the configuration's (latency, links, fifo) with the shrunk loss and duplication. */
  network: NetworkConfig & { loss: number; duplicate: number };
  /** The scheduler the sweep ran with, when it was not the default. */
  scheduler?: PctScheduler;
  /** The configuration's `healAt`, when it has one (shrinking keeps it: it is not a fault). */
  healAt?: number;
}

/** A failure made small: fewest faults, least loss and duplication, shortest time. */
export interface ShrunkCounterexample {
  replay: Replay;
  /** Why the property failed in the shrunk run. */
  message: string;
  /** The shrunk run, with its trace (draw it as a chart with `display(...)`). */
  run: RunResult;
  /** Size before and after shrinking. */
  before: { faults: number; until: number; events: number };
  after: { faults: number; until: number; events: number };
  /** Simulations the shrink ran. */
  shrinkRuns: number;
}

/** Every seed that broke one property. */
export interface ExploreFailure {
  /** Property name, or `handler error` when a handler threw. */
  property: string;
  seeds: number[];
  /** The first failure's message. */
  message: string;
  /** The first failing seed, shrunk (absent when shrinking is off, or for merged shard results that did not carry it). */
  counterexample?: ShrunkCounterexample;
}

/** What a sweep ran, summed over its seeds, so that "no failure" can be told from "never got there". */
export interface ExploreCoverage {
  /** Every handler the node kinds define (`Kind.type`, `Kind.timer:name`), and any other that ran, sorted by name: its calls over all runs. */
  handlers: { handler: string; runs: number }[];
  /** Per message type, sorted: deliveries a handler ran for. */
  messages: { type: string; deliveries: number }[];
  /** Per property: the runs that judged it (pass or fail; not a run a handler error ended first). */
  properties: { name: string; runs: number }[];
  /** The run with the most events, and its seed (the smallest such); no seed when no seed ran. */
  longestRun: { events: number; seed?: number };
  /** The defined handlers that never ran in any seed. */
  neverRan: string[];
}

export interface ExploreResult {
  readonly kind: 'protocol-notebook/explore';
  /** True when every seed run passed. */
  ok: boolean;
  /** Set when the sweep was not run (the `check` command skips `explore()`): nothing was checked. */
  skipped?: true;
  /** Seeds run, in order. */
  seedsRun: number;
  /** Seeds selected (may exceed seedsRun when stopped early). */
  seedsTotal: number;
  stoppedEarly: boolean;
  shard?: Shard;
  /** Set when the sweep was a swarm sweep: each seed ran its own mix of the faults (see `ExploreOptions.swarm`). */
  swarm?: SwarmMix;
  /** Names of the properties each run checked. */
  properties: string[];
  failures: ExploreFailure[];
  stats: { wallMs: number; runsPerSecond: number; events: number };
  /** What the seeds ran (absent when the sweep was skipped). */
  coverage?: ExploreCoverage;
  /** The first shrunk counterexample's trace, for the chart. */
  trace?: Trace;
}
