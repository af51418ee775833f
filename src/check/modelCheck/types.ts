/** The options and the result of `check()`: plain data, safe to post across threads. */
import type { Trace } from '../../common/traceFormat';
import type { RunResult } from '../../engine/api/types';
import type { FairnessOptions } from './fairness';
import type { TimeOption } from './timeModel';

/** How `check()` walks the state space (see docs/exploration.md, "Which strategy when"). */
export type CheckStrategy = 'bfs' | 'dfs' | 'random-walk';

/** Bounds and fault choices of an exhaustive check. */
export interface CheckOptions {
  /** Longest path explored, in steps after every node's start. Default: no bound. */
  depth?: number;
  /** Stop after this many distinct states. Default 1,000,000. */
  maxStates?: number;
  /** Messages may be lost. Default: when the configuration's network has `loss` > 0. */
  loss?: boolean;
  /** A message may be delivered twice. Default: when the configuration's network has `duplicate` > 0. */
  duplicate?: boolean;
  /** At most this many crashes of server nodes along a path. Default 0. */
  crashes?: number;
  /** A crashed node may restart (running `recover`). Default true. */
  restart?: boolean;
  /** Which server nodes may crash (ids). Default: every server node. */
  crashNodes?: string[];
  /**
   * Treat interchangeable nodes (copies of one definition with the same role
   * and clock) as one: states that differ only by which copy is which are
   * visited once. Such nodes must not draw random numbers, and must behave
   * alike up to their ids: each handler call is checked against every swap
   * of two copies, and a node whose behaviour depends on which copy is which
   * (`ctx.self` compared or matched against a literal id) makes the check
   * refuse the reduction with a `handler error`, never pass; so does a
   * property that names one copy (`w.state.rm1`). Default false.
   */
  symmetry?: boolean;
  /**
   * How a state holds the effects recorded so far. `'multiset'`: which
   * effects happened, not in what order, so paths that decide in different
   * orders meet (far fewer states); `'sequence'`: in order. Default:
   * `'multiset'` when every property's verdict is known not to depend on the
   * order (`agreement`, `integrity`, `termination`, `exactlyOnce`),
   * `'sequence'` otherwise (`always`, `eventually` and `validity` may read it).
   */
  effectOrder?: 'multiset' | 'sequence';
  /** Keep searching after the first violation, to find one per property. Default false. */
  keepGoing?: boolean;
  /**
   * `'bfs'` (default): breadth-first, level by level; a counterexample is a
   * shortest one. `'dfs'`: depth-first with iterative deepening (bounds 16,
   * 32, 64, … up to `depth`); reaches deep states sooner, with a
   * counterexample no longer than the round's bound. `'random-walk'`:
   * `walks` random paths of up to `depth` steps (default 100) from the
   * initial state, as TLC's simulation mode; never a proof.
   */
  strategy?: CheckStrategy;
  /** With `strategy: 'random-walk'`: how many walks. Default 1,000. */
  walks?: number;
  /** With `strategy: 'random-walk'`: the seed of the walks' choices. Default 0. */
  seed?: number;
  /**
   * Which steps a liveness counterexample (a lasso) must treat fairly:
   * `{ delivery: 'strong', timers: 'weak' }`, per node in `nodes`. Weak
   * (TLA+'s WF): a step enabled in every state of the loop is taken in it;
   * strong (SF): a step enabled in some state of the loop is taken in it.
   * An unfair lasso is not a counterexample. Default: no fairness.
   */
  fairness?: FairnessOptions;
  /**
   * Count what the search ran: each handler's transitions and the new states
   * they found, each property's states (see `CheckResult.coverage`). The
   * search then builds every successor, even one it could recognise as seen
   * before by fingerprint alone, so it is slower. Default false.
   */
  coverage?: boolean;
  /**
   * Partial-order reduction by sleep sets: of the orders in which independent
   * steps can happen (steps of different nodes on different messages), only
   * one is taken from each state. Every reachable state is still visited, so
   * a safety or end-of-run verdict is the same as without it; fewer handler
   * calls are made. A counterexample is a real path, not always a shortest
   * one. Breadth-first only; not with symmetry or `eventually` properties.
   * When a handler reads `ctx.now` the search runs again without it.
   * Default false.
   */
  partialOrder?: boolean;
  /**
   * The bounded-delay time model: a message sent at time s arrives at s + d
   * for some whole d in `delay` ([min, max], or one number; default the
   * network's latency when it is a number or a pair), or is lost on a lossy
   * network; a timer fires at its deadline, never sooner or later; time
   * passes only when no timer is due and no message is at its last instant.
   * With `healAt` in the configuration, no fault happens from then on and a
   * crashed node restarts at once, and `eventually(…, { within })` must
   * come true within its deadline after the heal (or the start). Without
   * `time`, any message and any armed timer may come next, whatever the
   * delays. Not with symmetry or partialOrder.
   */
  time?: TimeOption;
  /**
   * Threads to split a breadth-first search over (see docs/exploration.md,
   * "Checking in parallel"): each keeps the states it finds, the threads go
   * level by level in step, and states move between them only to balance a
   * level. The states, the verdicts
   * and the counterexamples' lengths are those of one thread. In a notebook
   * the kernel starts the threads (each runs the cells up to this check());
   * from a script, see threadedCheck(). Safety properties (`always`, the
   * effect built-ins) only: not with `eventually`, `termination` or other
   * end-of-run properties, fairness, symmetry, partialOrder, coverage or a
   * strategy other than `'bfs'`. Default 1.
   */
  workers?: number;
  /** Called after each level of the search. */
  onProgress?: (progress: { states: number; depth: number }) => void;
}

/** A path that breaks a property, replayed as an ordinary run. */
export interface CheckCounterexample {
  /**
   * - `path`: the steps lead to a state that breaks a safety property, or to a
   *   state with no step left where an end-of-run property fails (shortest such path);
   * - `lasso`: the steps from `loopStart` on can repeat forever without the property being reached;
   * - `bound`: the property was not reached within the depth bound on this path (not a proof).
   */
  kind: 'path' | 'lasso' | 'bound';
  /** One line per step, after the nodes' starts. */
  steps: string[];
  /** For a lasso: the index in `steps` where the loop begins. */
  loopStart?: number;
  /** The path run on the simulator: its trace draws as a sequence chart. */
  run: RunResult;
}

/** The outcome of one property. */
export interface CheckVerdict {
  name: string;
  /** `unknown` when the search was bounded and found no violation, or found only a bounded liveness witness. */
  status: 'pass' | 'fail' | 'unknown';
  message?: string;
  counterexample?: CheckCounterexample;
}

export interface CheckStats {
  /** Successor states computed, including ones seen before. */
  statesExplored: number;
  /** Distinct states (with `eventually` properties: distinct pairs of state and properties not yet reached). */
  uniqueStates: number;
  /** Longest shortest-path length reached. */
  depth: number;
  wallMs: number;
  /** Distinct states per second of wall time (0 when the host has no clock). */
  statesPerSecond: number;
  /** With `workers` above 1: the threads the search ran in. */
  workers?: number;
  /** With `workers` above 1, per thread: the distinct states it owns, the successors it computed, and its states per second of the search's wall time. */
  perWorker?: { uniqueStates: number; statesExplored: number; statesPerSecond: number }[];
}

/** One handler (`Kind.type` or `Kind.timer:name`) in a model check. */
export interface CheckHandlerCoverage {
  handler: string;
  /** Transitions that ran it. */
  runs: number;
  /** Of those, the ones whose successor was new to the search. */
  newStates: number;
}

/** What a model check ran, so that "no violation" can be told from "never got there". */
export interface CheckCoverage {
  /** Every handler the node kinds define, and any other that ran, sorted by name. */
  handlers: CheckHandlerCoverage[];
  /** Per message type: deliveries (a handler ran, or the receiver was down or had none) and the new states they found. Sorted by type. */
  messages: { type: string; deliveries: number; newStates: number }[];
  /**
   * Per property, the states it was judged in: `always` and the effect
   * built-ins in every distinct state reached (`judged: 'states'`), end-of-run
   * properties in the distinct states with no step left (`'end states'`).
   */
  properties: { name: string; judged: 'states' | 'end states'; states: number }[];
  /** The longest shortest path reached, in steps. */
  depth: number;
  /** The defined handlers that never ran. */
  neverRan: string[];
}

/** The result of `check()`. */
export interface CheckResult {
  readonly kind: 'protocol-notebook/check';
  /** True when no property failed (see `complete` for whether that is a proof). */
  ok: boolean;
  /** Set when the search was not run (the `explore` command skips `check()`): every verdict is unknown. */
  skipped?: true;
  /** True when every reachable state was explored: a pass is then a proof within the model. */
  complete: boolean;
  /** Why the search stopped early (`walks`: a random walk did all its walks, which is never a proof). */
  stoppedBy?: 'depth' | 'states' | 'violation' | 'walks';
  /** The strategy that searched. */
  strategy: CheckStrategy;
  /** The fairness a lasso had to meet, when some was asked for. */
  fairness?: FairnessOptions;
  stats: CheckStats;
  verdicts: CheckVerdict[];
  /** The trace of the first counterexample, for the chart. */
  trace?: Trace;
  /** The fault choices the search made. */
  faults: { loss: boolean; duplicate: boolean; crashes: number; restart: boolean; symmetry: boolean; crashNodes?: string[] };
  /** How states held the effects (see `CheckOptions.effectOrder`). */
  effects: 'multiset' | 'sequence';
  /** With `coverage: true`: what the search ran. */
  coverage?: CheckCoverage;
  /**
   * With `partialOrder: true`: whether the reduction was applied, the steps
   * it spared, the states it expanded a second time (reached again with
   * fewer steps asleep than the first time, so owing the others), and why
   * not when it was not.
   */
  partialOrder?: { applied: boolean; slept: number; reexpanded: number; why?: string };
  /**
   * With `time`: the delay bounds and the heal time the search used, and how
   * states held the clock: `relative` (times relative to each state's clock,
   * so a protocol that repeats itself has finitely many states) or
   * `absolute` (a handler reads `ctx.now`; `why` says so).
   */
  time?: { delay: [number, number]; healAt?: number; clock: 'relative' | 'absolute'; why?: string };
}
