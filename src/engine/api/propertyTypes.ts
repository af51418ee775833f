/**
 * What a property sees of a run, and how it reports. Properties are monitors:
 * the simulator shows them the world after every step and once at the end.
 * Plain types only. The engine owns them (simulate runs the monitors); the
 * properties themselves are made in src/check/properties.
 */
import type { HistoryOperation } from '../../common/history';
import type { Trace } from '../../common/traceFormat';

/** An externally visible side effect recorded with `ctx.effect(kind, data)`. */
export interface EffectRecord {
  /** Node that performed the effect. */
  node: string;
  /** Effect kind, e.g. `'charge'`, `'ship'`, `'decide'`. */
  kind: string;
  /** The data given to `ctx.effect` (a private copy). */
  data: unknown;
  /** Virtual time and trace event index of the effect. */
  t: number;
  event: number;
}

/**
 * Node states by id, as predicates see them unless told more. Deliberately
 * loose: a run mixes node kinds, and `always(w => w.state.account.balance >= 0)`
 * must type-check in a cell as it reads. For strict types, give the states:
 * `always<StatesOf<typeof nodes>>(w => …)`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the one deliberately loose type of the API
export type LooseStates = Record<string, any>;

/**
 * The world as a property predicate sees it, after a step of the run.
 * `W` maps node ids to their state types.
 */
export interface WorldView<W = LooseStates> {
  /** Virtual (true) time. */
  readonly now: number;
  /** Index of the last event of the step just taken (the event a failure points at). */
  readonly event: number;
  /** Every node's current state, by node id (a crashed node keeps the state it had when it crashed). */
  readonly state: Readonly<W>;
  /** Whether each node is running (false while crashed). */
  readonly up: Readonly<Record<string, boolean>>;
  /**
   * Every node's durable storage (`ctx.durable`), by node id: what survives a
   * crash (Raft's term, vote and log), so properties need not mirror it into state.
   */
  readonly durable: Readonly<LooseStates>;
  /** Node ids with their role, in configuration order. */
  readonly nodes: readonly { readonly id: string; readonly role: 'node' | 'client' }[];
  /** Operations issued by clients so far (see `client()` and `ctx.invoke`). */
  readonly history: readonly HistoryOperation[];
  /** Effects performed so far, in order. */
  readonly effects: readonly EffectRecord[];
  /** The run's `healAt`, when it has one: the time from which its faults stop. */
  readonly healAt?: number;
}

/** How a run ended, told to monitors when it does. */
export interface RunEnd {
  readonly reason: Trace['endReason'];
  /** The run's time bound. */
  readonly until: number;
}

/** A property found false: where, and why. */
export interface PropertyFailure {
  /** Event index the failure points at. */
  event: number;
  /** Virtual time of that event. */
  at: number;
  message: string;
}

/** Watches one run. `step` returns a failure the first time the property is known false. */
export interface PropertyMonitor {
  step(view: WorldView): PropertyFailure | undefined;
  /**
   * Called once when the run ends. Returns a failure, or undefined when the
   * property held. `end` is given by the simulator (the model checker's
   * paths have no time bound).
   */
  finish(view: WorldView, end?: RunEnd): PropertyFailure | undefined;
}

/**
 * A property of runs, as created by `always`, `eventually` or a built-in
 * (`agreement`, `exactlyOnce`, …). Plain object with a monitor factory.
 */
export interface Property {
  readonly kind: 'protocol-notebook/property';
  readonly type: 'always' | 'eventually' | 'builtin';
  /** Whether monitors need `step` after every step (built-ins over effects can skip steps without effects). */
  readonly watches: 'steps' | 'effects' | 'end';
  /**
   * Set when the verdict does not depend on the order of the effects (only on
   * which effects happened): the model checker may then hold effects as a
   * multiset, so that states that differ only in the order of decisions are one.
   */
  readonly effectOrder?: 'irrelevant';
  /**
   * Set by `eventually(p, { within })`: the deadline, in time units after the
   * heal (or the start of the run). The model checker judges it under its time model only (`check(config, { time })`).
   */
  readonly within?: number;
  monitor(): PropertyMonitor;
}

/** True when `value` is a property made by this module (works across realms). */
export function isProperty(value: unknown): value is Property {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'protocol-notebook/property';
}
