/**
 * Partial-order reduction by sleep sets (Godefroid, "Partial-Order Methods
 * for the Verification of Concurrent Systems", ch. 5), with state matching.
 *
 * Two steps are independent when either order leads to the same state and
 * neither disables the other: here, steps of different nodes that share no
 * message copy and do not both append to an ordered record (effects kept
 * in order, client history, the crash count). After taking step `t`, the
 * steps already explored from the same state that are independent of `t`
 * need not be taken again first: their interleavings with `t` were or will
 * be reached the other way round. A state's sleep set holds those steps.
 *
 * Every reachable state is still visited (only transitions are saved), so
 * safety and end-of-run verdicts are unchanged; cycles may be cut, so the
 * search for lassos (eventually properties) does not use it. With state
 * matching, a state reached again with a sleep set that lacks some step it
 * had slept through owes that step: it is expanded again for those steps.
 */
import { GrowableInts } from './growableInts';
import type { Action, ModelState } from './modelState';
import * as valueHash from './valueHash';

const { finish, hashValue, lanes, mixA, mixB } = valueHash;

/** The ordered records a step may append to: two steps that both append to one are dependent. */
const APPENDS_EFFECTS = 1;
const APPENDS_HISTORY = 2;
const COUNTS_CRASH = 4;

/** A step as a sleep set holds it: which choice it is, and what it touches. */
export interface SleptStep {
  /** The choice: kind and message copy, timer or node (64 bits). */
  readonly a: number;
  readonly b: number;
  /** The node whose state it changes; -1 for a message dropped by the network. */
  readonly node: number;
  /** Lanes of the message copy it consumes (0 when none). */
  readonly envelopeA: number;
  readonly envelopeB: number;
  /** Which ordered records it appends to (APPENDS_* bits). */
  readonly appends: number;
}

export type SleepSet = readonly SleptStep[];
export const EMPTY_SLEEP: SleepSet = Object.freeze([]);

/** The lanes `keyOf` leaves (a returned object per call would cost the hot loop an allocation). */
let keyA = 0;
let keyB = 0;
/** Timer names' hashes, per node and name (names are few). */
const timerKeys: Map<string, { a: number; b: number }>[] = [];

/** The identity of `action` into keyA/keyB (without what it appends: see `stepOf`). */
function keyOf(action: Action): void {
  switch (action.kind) {
    case 'deliver':
      keyA = action.envelope.a;
      keyB = action.envelope.b;
      return;
    case 'drop':
      keyA = action.envelope.a ^ 0x5bd1e995;
      keyB = action.envelope.b ^ 0x27d4eb2f;
      return;
    case 'duplicate':
      keyA = action.envelope.a ^ 0x165667b1;
      keyB = action.envelope.b ^ 0x9e3779b1;
      return;
    case 'timer': {
      const names = (timerKeys[action.node] ??= new Map());
      let key = names.get(action.name);
      if (key === undefined) {
        hashValue(action.name, 17 + action.node);
        key = { a: finish(mixA(lanes.a, 4)), b: finish(mixB(lanes.b, 4)) };
        names.set(action.name, key);
      }
      keyA = key.a;
      keyB = key.b;
      return;
    }
    default:
      keyA = finish(mixA(action.node + 1, action.kind === 'crash' ? 5 : 6));
      keyB = finish(mixB(~action.node, action.kind === 'crash' ? 5 : 6));
  }
}

/**
 * `action` taken in `from` as a sleep-set step; `to` is its successor, or
 * undefined when it was recognised from a memoized outcome (which appends
 * to nothing).
 */
export function stepOf(action: Action, from: ModelState, to: ModelState | undefined, effectsOrdered: boolean): SleptStep {
  keyOf(action);
  const a = keyA;
  const b = keyB;
  let appends = 0;
  if (to !== undefined) {
    if (effectsOrdered && to.effects !== from.effects) appends |= APPENDS_EFFECTS;
    if (to.history !== from.history) appends |= APPENDS_HISTORY;
    if (to.crashes !== from.crashes) appends |= COUNTS_CRASH;
  }
  const envelope = action.kind === 'deliver' || action.kind === 'drop' || action.kind === 'duplicate' ? action.envelope : undefined;
  const node = envelope ? (action.kind === 'drop' ? -1 : envelope.to) : (action as { node: number }).node;
  return { a, b, node, envelopeA: envelope?.a ?? 0, envelopeB: envelope?.b ?? 0, appends };
}

/** True when the steps commute and neither disables the other. */
export function independent(x: SleptStep, y: SleptStep): boolean {
  if (x.node >= 0 && x.node === y.node) return false;
  if ((x.appends & y.appends) !== 0) return false;
  // Two choices on one message copy (deliver and drop) exclude each other.
  if ((x.envelopeA | x.envelopeB) !== 0 && x.envelopeA === y.envelopeA && x.envelopeB === y.envelopeB) return false;
  return true;
}

/** True when `set` holds `step` (the same choice). */
function holds(set: SleepSet, step: SleptStep): boolean {
  for (let i = 0; i < set.length; i++) if (set[i].a === step.a && set[i].b === step.b) return true;
  return false;
}

/** The index in `set` of the step `action` is, or -1. */
export function indexIn(set: SleepSet, action: Action): number {
  if (set.length === 0) return -1;
  keyOf(action);
  const a = keyA;
  const b = keyB;
  for (let i = 0; i < set.length; i++) if (set[i].a === a && set[i].b === b) return i;
  return -1;
}

/** The sleep set after taking `taken` from a state whose sleep set was `base` and where `done` were explored before it. */
export function successorSleep(base: SleepSet, done: SleepSet, taken: SleptStep): SleepSet {
  let out: SleptStep[] | undefined;
  for (let i = 0; i < base.length; i++) if (independent(base[i], taken)) (out ??= []).push(base[i]);
  for (let i = 0; i < done.length; i++) if (independent(done[i], taken)) (out ??= []).push(done[i]);
  return out ?? EMPTY_SLEEP;
}

function intersection(x: SleepSet, y: SleepSet): SleepSet {
  if (x.length === 0 || y.length === 0) return EMPTY_SLEEP;
  const out = x.filter((step) => holds(y, step));
  return out.length === 0 ? EMPTY_SLEEP : out;
}

/** A state reached again after its expansion, owing the steps it slept through and that this path did not. */
export interface OwedExpansion {
  index: number;
  /** The steps to take now. */
  owed: SleepSet;
  /** The sleep set their successors start from. */
  base: SleepSet;
}

/** The sleep set of each state the search numbered, and whether it was expanded yet. */
export class SleepSets {
  private readonly sets: SleepSet[] = [];
  private readonly expanded = new GrowableInts();

  /** A new state `index` (states are recorded in the order they are numbered), reached with `set`. */
  record(index: number, set: SleepSet): void {
    if (index !== this.sets.length) throw new Error(`sleep sets: state ${index} recorded out of order`);
    this.sets.push(set);
    this.expanded.push(0);
  }

  /** The sleep set `index` is expanded with (from now on a later arrival may owe steps). */
  expand(index: number): SleepSet {
    this.expanded.set(index, 1);
    return this.sets[index];
  }

  /** True when an arrival at `index` cannot change anything, whatever its sleep set: its own is empty. */
  settled(index: number): boolean {
    return this.sets[index].length === 0;
  }

  /**
   * State `index`, seen before, is reached again by step `taken` from a
   * state expanded with sleep set `base` after `done`. Before its
   * expansion the sets are intersected; after it, the steps it slept
   * through that `arrival` lacks are owed.
   */
  arrive(index: number, base: SleepSet, done: SleepSet, taken: SleptStep): OwedExpansion | undefined {
    const stored = this.sets[index];
    if (stored.length === 0) return undefined;
    // Most arrivals change nothing: tell so without building their sleep set.
    if (stored.every((step) => independent(step, taken) && (holds(base, step) || holds(done, step)))) return undefined;
    const arrival = successorSleep(base, done, taken);
    const kept = intersection(stored, arrival);
    if (kept.length === stored.length) return undefined;
    this.sets[index] = kept;
    if (this.expanded.get(index) === 0) return undefined;
    return { index, owed: stored.filter((step) => !holds(kept, step)), base: kept };
  }
}
