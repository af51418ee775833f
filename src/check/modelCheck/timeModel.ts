/**
 * The bounded-delay time model of `check({ time })`: a message sent at time
 * s is delivered at s + d for some whole d in [min, max] (or lost, on a lossy
 * network), and a timer fires at its deadline, never before and never after.
 * Time is a step of its own (`tick`) that moves the clock to the next instant
 * at which something may happen, and it may not pass a message's last
 * instant or a due timer. Under `healAt`, no fault happens from the heal on
 * and a crashed node restarts at once.
 *
 * A state holds times relative to its own clock (how long ago each message
 * was sent, how long until each timer is due), so a protocol that repeats
 * itself — a heartbeat re-armed forever — has finitely many states. Only
 * when a handler reads `ctx.now` must the clock itself be part of the state
 * (`absolute`): check() then searches again that way.
 */
import type { Property } from '../../engine/api/propertyTypes';
import type { SimulationConfig } from '../../engine/api/types';
import type { Lanes, ModelState } from './modelState';
import * as valueHash from './valueHash';

const { finish, mixA, mixB } = valueHash;

/** What `check({ time })` accepts. */
export interface TimeOption {
  /** Delivery delay: a whole number, or `[min, max]` whole numbers. Default: the configuration's `network.latency` when it is one of those. */
  delay?: number | readonly [number, number];
}

export interface TimeModel {
  readonly min: number;
  readonly max: number;
  /** When the faults stop (the configuration's `healAt`). */
  readonly healAt: number | undefined;
  /** The clock is part of a state (a handler reads `ctx.now`). */
  readonly absolute: boolean;
  /** The deadlines of `eventually(…, { within })` properties (from the heal, or from 0). */
  readonly deadlines: readonly number[];
}

function wholeDelay(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The time model `option` asks for, checked; a TypeError says what is wrong. */
export function timeModelOf(config: SimulationConfig, option: unknown, properties: readonly Property[] = [], absolute = false): TimeModel {
  if (option === null || typeof option !== 'object' || Array.isArray(option)) throw new TypeError('check: time must be an object, e.g. { delay: [1, 3] }');
  for (const key of Object.keys(option)) if (key !== 'delay') throw new TypeError(`check: time: unknown option '${key}' (delay)`);
  const given = (option as TimeOption).delay;
  const latency = config.network?.latency;
  const delay = given ?? (typeof latency === 'number' || Array.isArray(latency) ? latency : undefined);
  if (delay === undefined) throw new TypeError(`check: time needs a delay bound: { delay: [min, max] } (the network's latency ${JSON.stringify(latency)} has no upper bound)`);
  const [min, max] = typeof delay === 'number' ? [delay, delay] : Array.isArray(delay) && delay.length === 2 ? delay : [NaN, NaN];
  if (!wholeDelay(min) || !wholeDelay(max) || min > max || max < 1) {
    throw new TypeError(`check: time.delay must be a whole number of at least 1, or [min, max] whole numbers with 0 <= min <= max and max >= 1 (got ${JSON.stringify(delay)}${given === undefined ? ', the network latency' : ''})`);
  }
  const links = (config.network?.links ?? []).find((l) => l.latency !== undefined);
  if (links && given === undefined) throw new TypeError('check: time: some links have their own latency; give the delay bound of every link with { delay: [min, max] }');
  const start = config.healAt ?? 0;
  const deadlines = [...new Set(properties.filter((p) => p.within !== undefined).map((p) => start + (p.within as number)))].sort((x, y) => x - y);
  return { min, max, healAt: config.healAt, absolute, deadlines };
}

/** True once the faults have stopped. */
export function healed(time: TimeModel, now: number): boolean {
  return time.healAt !== undefined && now >= time.healAt;
}

/** True when a message sent at `sent` may be delivered at `now`. */
export function deliverable(time: TimeModel, sent: number, now: number): boolean {
  return now - sent >= time.min;
}

/** True when a timer due at `at` may fire at `now`. */
export function due(at: number, now: number): boolean {
  return at <= now;
}

/**
 * How far the clock may move from `state.now` in one tick: to the next
 * instant at which a message may arrive, a timer falls due or the network
 * heals. Undefined when time may not pass: a message is at its last instant,
 * a timer is due, a node must restart after the heal, or nothing is pending
 * and the heal, if any, is past.
 */
export function tickDelta(time: TimeModel, state: ModelState, mustRestart: (node: number) => boolean): number | undefined {
  const now = state.now;
  let next = Infinity;
  for (const envelope of state.network) {
    const age = now - envelope.sent;
    if (age >= time.max) return undefined;
    // The next whole delay after `age` (deliveries happen at whole delays after the send).
    const step = age < time.min ? time.min - age : Math.floor(age) + 1 - age;
    if (step < next) next = step;
  }
  const nodes = state.nodes;
  for (let k = 0; k < nodes.length; k++) {
    const slot = nodes[k];
    if (!slot.up && healed(time, now) && mustRestart(k)) return undefined;
    for (const timer of slot.timers) {
      if (due(timer.at, now)) return undefined;
      if (timer.at - now < next) next = timer.at - now;
    }
  }
  // The heal is an instant of its own, as in a simulated run (properties are judged there), even with nothing else to come.
  if (time.healAt !== undefined && now < time.healAt && time.healAt - now < next) next = time.healAt - now;
  return next === Infinity ? undefined : next;
}

/**
 * The part of a state's fingerprint that is time: each message's age and
 * each timer's time to its deadline (with the clock itself when `absolute`),
 * and the time left until the heal and each deadline. Summed per message (the network is a
 * multiset) and mixed per node.
 */
export function timeHash(time: TimeModel, state: Pick<ModelState, 'now' | 'network' | 'nodes'>): Lanes {
  const now = state.now;
  let a = 0;
  let b = 0;
  for (const envelope of state.network) {
    const age = now - envelope.sent;
    a = (a + finish(mixA(envelope.a, hashNumber(age)))) | 0;
    b = (b + finish(mixB(envelope.b, hashNumber(age)))) | 0;
  }
  const nodes = state.nodes;
  for (let k = 0; k < nodes.length; k++) {
    for (const timer of nodes[k].timers) {
      const left = hashNumber(timer.at - now);
      a = mixA(mixA(a, k + 1), left);
      b = mixB(mixB(b, k + 1), left);
    }
  }
  const untilHeal = time.healAt === undefined ? 0 : hashNumber(Math.max(0, time.healAt - now));
  a = mixA(a, untilHeal);
  b = mixB(b, untilHeal);
  // Before or past each deadline, and how long until it (past it, all states are alike).
  for (const deadline of time.deadlines) {
    const left = hashNumber(Math.max(-1, deadline - now));
    a = mixA(a, left);
    b = mixB(b, left);
  }
  if (time.absolute) {
    a = mixA(a, hashNumber(now));
    b = mixB(b, hashNumber(now));
  }
  return { a: finish(a), b: finish(b) };
}

/** A 32-bit integer for a time (times are sums of whole delays and timer delays, so usually small integers). */
function hashNumber(value: number): number {
  if (Number.isInteger(value) && Math.abs(value) < 0x40000000) return value | 0;
  valueHash.hashValue(value, 17);
  return valueHash.lanes.a;
}
