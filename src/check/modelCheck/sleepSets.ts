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
 *
 * A step is three integers (its 64-bit identity and what it touches), and
 * every sleep set lives in one pool of them: a search keeps one per state,
 * and as objects they cost more collection than the steps they save.
 */
import { GrowableInts } from './growableInts';
import type { Action, ModelState } from './modelState';
import * as valueHash from './valueHash';

const { finish, hashValue, lanes, mixA, mixB } = valueHash;

/** The ordered records a step may append to: two steps that both append to one are dependent. */
const APPENDS_EFFECTS = 1;
const APPENDS_HISTORY = 2;
const COUNTS_CRASH = 4;
/** Integers per step: identity (2 lanes) and meta (node + 1, kind, appends). */
export const STEP = 3;

const DELIVER = 1;
const DROP = 2;
const DUPLICATE = 3;
const TIMER = 4;
const CRASH = 5;
const RESTART = 6;
/** What a drop's and a duplicate's identity differ from their message copy's lanes by. */
const DROP_A = 0x5bd1e995;
const DROP_B = 0x27d4eb2f;
const DUPLICATE_A = 0x165667b1;
const DUPLICATE_B = 0x7f4a7c15;

/** The lanes `keyOf` leaves (a returned object per call would cost the hot loop an allocation). */
let keyA = 0;
let keyB = 0;
/** Timer names' hashes, per node and name (names are few). */
const timerKeys: Map<string, { a: number; b: number }>[] = [];

/** The identity of `action` into keyA/keyB. */
function keyOf(action: Action): void {
  switch (action.kind) {
    case 'deliver':
      keyA = action.envelope.a;
      keyB = action.envelope.b;
      return;
    case 'drop':
      keyA = action.envelope.a ^ DROP_A;
      keyB = action.envelope.b ^ DROP_B;
      return;
    case 'duplicate':
      keyA = action.envelope.a ^ DUPLICATE_A;
      keyB = action.envelope.b ^ DUPLICATE_B;
      return;
    case 'timer': {
      const names = (timerKeys[action.node] ??= new Map());
      let key = names.get(action.name);
      if (key === undefined) {
        hashValue(action.name, 17 + action.node);
        key = { a: finish(mixA(lanes.a, TIMER)), b: finish(mixB(lanes.b, TIMER)) };
        names.set(action.name, key);
      }
      keyA = key.a;
      keyB = key.b;
      return;
    }
    case 'tick':
      throw new Error('sleep sets: the time model is not reduced (check() refuses partialOrder with time)');
    default: {
      const code = action.kind === 'crash' ? CRASH : RESTART;
      keyA = finish(mixA(action.node + 1, code));
      keyB = finish(mixB(~action.node, code));
    }
  }
}

/** The meta integer of `action` taken in `from` to `to` (`to` undefined: a memoized outcome, which appends to nothing). */
function metaOf(action: Action, from: ModelState, to: ModelState | undefined, effectsOrdered: boolean): number {
  let appends = 0;
  if (to !== undefined) {
    if (effectsOrdered && to.effects !== from.effects) appends |= APPENDS_EFFECTS;
    if (to.history !== from.history) appends |= APPENDS_HISTORY;
    if (to.crashes !== from.crashes) appends |= COUNTS_CRASH;
  }
  switch (action.kind) {
    case 'deliver':
      return (action.envelope.to + 1) | (DELIVER << 16) | (appends << 24);
    case 'duplicate':
      return (action.envelope.to + 1) | (DUPLICATE << 16) | (appends << 24);
    case 'drop':
      return (DROP << 16) | (appends << 24);
    case 'timer':
      return (action.node + 1) | (TIMER << 16) | (appends << 24);
    case 'crash':
      return (action.node + 1) | (CRASH << 16) | (appends << 24);
    case 'restart':
      return (action.node + 1) | (RESTART << 16) | (appends << 24);
    case 'tick':
      throw new Error('sleep sets: the time model is not reduced (check() refuses partialOrder with time)');
  }
}

/** Lane A of the message copy a step consumes, given its kind (0 when none); lane B likewise. */
function envelopeA(a: number, kind: number): number {
  return kind === DELIVER ? a : kind === DROP ? a ^ DROP_A : kind === DUPLICATE ? a ^ DUPLICATE_A : 0;
}
function envelopeB(b: number, kind: number): number {
  return kind === DELIVER ? b : kind === DROP ? b ^ DROP_B : kind === DUPLICATE ? b ^ DUPLICATE_B : 0;
}

/** True when the steps (identity and meta) commute and neither disables the other. */
function independent(xa: number, xb: number, xm: number, ya: number, yb: number, ym: number): boolean {
  const xNode = xm & 0xffff;
  if (xNode !== 0 && xNode === (ym & 0xffff)) return false;
  if ((xm >>> 24) & (ym >>> 24)) return false;
  const xKind = (xm >>> 16) & 0xff;
  const yKind = (ym >>> 16) & 0xff;
  // Two choices on one message copy (deliver and drop) exclude each other.
  if (xKind <= DUPLICATE && yKind <= DUPLICATE && envelopeA(xa, xKind) === envelopeA(ya, yKind) && envelopeB(xb, xKind) === envelopeB(yb, yKind)) return false;
  return true;
}

/**
 * The steps explored from the state being expanded, in order: a reusable
 * list, with a hash set of the identities of those steps and of the state's
 * sleep set, so that an arrival at a state seen before is judged in time
 * linear in that state's sleep set.
 */
export class StepList {
  data = new Int32Array(STEP * 64);
  count = 0;
  /** The step taken last (what `push` added), for the sleep set of its successor. */
  lastA = 0;
  lastB = 0;
  lastMeta = 0;
  private keys = new Int32Array(2 * 256);
  private stamps = new Int32Array(256);
  private stamp = 0;

  /** Starts the list of a state whose sleep set is at `baseAt` in `sleeps` and that has `enabled` steps. */
  clear(sleeps: SleepSets, baseAt: number, baseCount: number, enabled: number): void {
    this.count = 0;
    let capacity = this.stamps.length;
    if (capacity < 2 * (baseCount + enabled)) {
      while (capacity < 2 * (baseCount + enabled)) capacity *= 2;
      this.keys = new Int32Array(2 * capacity);
      this.stamps = new Int32Array(capacity);
      this.stamp = 0;
    }
    this.stamp++;
    for (let i = 0; i < baseCount; i++) {
      const p = baseAt + i * STEP;
      this.remember(sleeps.poolAt(p), sleeps.poolAt(p + 1));
    }
  }

  /** True when the step is in the state's sleep set or was explored from it. */
  known(a: number, b: number): boolean {
    const mask = this.stamps.length - 1;
    for (let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      if (this.stamps[slot] !== this.stamp) return false;
      if (this.keys[2 * slot] === a && this.keys[2 * slot + 1] === b) return true;
    }
  }

  private remember(a: number, b: number): void {
    const mask = this.stamps.length - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    while (this.stamps[slot] === this.stamp) {
      if (this.keys[2 * slot] === a && this.keys[2 * slot + 1] === b) return;
      slot = (slot + 1) & mask;
    }
    this.stamps[slot] = this.stamp;
    this.keys[2 * slot] = a;
    this.keys[2 * slot + 1] = b;
  }

  /** Describes `action` taken in `from` (to `to`) as the last step; `push` then adds it. */
  take(action: Action, from: ModelState, to: ModelState | undefined, effectsOrdered: boolean): void {
    keyOf(action);
    this.lastA = keyA;
    this.lastB = keyB;
    this.lastMeta = metaOf(action, from, to, effectsOrdered);
  }

  push(): void {
    if ((this.count + 1) * STEP > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const at = this.count++ * STEP;
    this.data[at] = this.lastA;
    this.data[at + 1] = this.lastB;
    this.data[at + 2] = this.lastMeta;
    this.remember(this.lastA, this.lastB);
  }
}

/** A state reached again after its expansion, owing the steps it slept through and that this path did not. */
export interface OwedExpansion {
  index: number;
  /** The steps to take now (STEP integers each). */
  owed: Int32Array;
  /** Where in the pool the sleep set their successors start from begins, and its steps. */
  baseAt: number;
  baseCount: number;
}

/** The sleep set of each state the search numbered, and whether it was expanded yet. */
export class SleepSets {
  private readonly pool = new GrowableInts(1 << 16);
  private readonly at = new GrowableInts();
  /** Steps in each state's set; negative (-1 - count) once the state was expanded. */
  private readonly counts = new GrowableInts();

  /** A new state, numbered next, with an empty sleep set. */
  recordEmpty(index: number): void {
    this.checkOrder(index);
    this.at.push(0);
    this.counts.push(0);
  }

  /**
   * A new state, numbered next, reached by `taken.last` from a state whose
   * sleep set is at `baseAt` (`baseCount` steps) after `done` were explored:
   * it sleeps through the ones independent of the step taken.
   */
  recordSuccessor(index: number, baseAt: number, baseCount: number, done: StepList): void {
    this.checkOrder(index);
    const pool = this.pool;
    const start = pool.length;
    const { lastA, lastB, lastMeta } = done;
    for (let i = 0; i < baseCount; i++) {
      const p = baseAt + i * STEP;
      const a = pool.get(p);
      const b = pool.get(p + 1);
      const m = pool.get(p + 2);
      if (independent(a, b, m, lastA, lastB, lastMeta)) pushStep(pool, a, b, m);
    }
    const data = done.data;
    for (let i = 0; i < done.count; i++) {
      const p = i * STEP;
      if (independent(data[p], data[p + 1], data[p + 2], lastA, lastB, lastMeta)) pushStep(pool, data[p], data[p + 1], data[p + 2]);
    }
    this.at.push(start);
    this.counts.push((pool.length - start) / STEP);
  }

  /** Marks `index` expanded (from now on a later arrival may owe steps); `baseAt`/`baseCount` then say where its set is. */
  expand(index: number): void {
    const count = this.counts.get(index);
    this.baseAt = this.at.get(index);
    this.baseCount = count < 0 ? -1 - count : count;
    if (count >= 0) this.counts.set(index, -1 - count);
  }

  baseAt = 0;
  baseCount = 0;

  /** True when `action` is in the set at `baseAt` (`baseCount` steps). */
  holds(baseAt: number, baseCount: number, action: Action): boolean {
    if (baseCount === 0) return false;
    keyOf(action);
    return this.find(baseAt, baseCount, keyA, keyB);
  }

  /** An integer of the pool (for StepList). */
  poolAt(p: number): number {
    return this.pool.get(p);
  }

  /** True when an arrival at `index` cannot change anything: its set is empty. */
  settled(index: number): boolean {
    return this.counts.get(index) === 0 || this.counts.get(index) === -1;
  }

  /**
   * State `index`, seen before, is reached again by `done.last` from the
   * state `done` lists the steps of. Before its
   * expansion the sets are intersected; after it, the steps it slept
   * through that this arrival does not are owed.
   */
  arrive(index: number, done: StepList): OwedExpansion | undefined {
    const signed = this.counts.get(index);
    const expanded = signed < 0;
    const count = expanded ? -1 - signed : signed;
    if (count === 0) return undefined;
    const pool = this.pool;
    const start = this.at.get(index);
    let all = true;
    for (let i = 0; i < count && all; i++) all = this.staysAsleep(start + i * STEP, done);
    if (all) return undefined;
    const kept = pool.length;
    const owed: number[] = [];
    for (let i = 0; i < count; i++) {
      const p = start + i * STEP;
      if (this.staysAsleep(p, done)) pushStep(pool, pool.get(p), pool.get(p + 1), pool.get(p + 2));
      else owed.push(pool.get(p), pool.get(p + 1), pool.get(p + 2));
    }
    const keptCount = (pool.length - kept) / STEP;
    this.at.set(index, kept);
    this.counts.set(index, expanded ? -1 - keptCount : keptCount);
    return expanded ? { index, owed: Int32Array.from(owed), baseAt: kept, baseCount: keptCount } : undefined;
  }

  /** True when the stored step at `p` stays asleep for an arrival by `done.last` whose set is at `baseAt`: it sleeps through it too. */
  private staysAsleep(p: number, done: StepList): boolean {
    const pool = this.pool;
    const a = pool.get(p);
    const b = pool.get(p + 1);
    return independent(a, b, pool.get(p + 2), done.lastA, done.lastB, done.lastMeta) && done.known(a, b);
  }

  /** True when the owed steps hold `action`. */
  static owes(owed: Int32Array, action: Action): boolean {
    keyOf(action);
    for (let p = 0; p < owed.length; p += STEP) if (owed[p] === keyA && owed[p + 1] === keyB) return true;
    return false;
  }

  private find(baseAt: number, baseCount: number, a: number, b: number): boolean {
    const pool = this.pool;
    for (let i = 0, p = baseAt; i < baseCount; i++, p += STEP) if (pool.get(p) === a && pool.get(p + 1) === b) return true;
    return false;
  }

  private checkOrder(index: number): void {
    if (index !== this.counts.length) throw new Error(`sleep sets: state ${index} recorded out of order`);
  }
}

function pushStep(pool: GrowableInts, a: number, b: number, m: number): void {
  pool.push(a);
  pool.push(b);
  pool.push(m);
}
