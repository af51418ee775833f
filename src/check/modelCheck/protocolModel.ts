/**
 * The semantics of a protocol as a transition system, for exhaustive search.
 * Time is abstracted away: any message in flight may be delivered next (or,
 * on a lossy network, lost; on a duplicating one, delivered twice), any armed
 * timer may fire, and up to `crashes` server nodes may crash and restart.
 * Handlers run exactly as in `simulate` (same `ctx`, same commands); their
 * effects on the world mirror World's, so that a path can be replayed on a
 * real World to draw its chart (see replayPath.ts).
 */
import type { HistoryOperation } from '../../common/history';
import { canonicalKey, describeValue, encodeValue } from '../../common/valueEncoding';
import type { Message, NodeDefinition, NodeId, SimulationConfig } from '../../engine/api/types';
import { NodeContext, type Command } from '../../engine/model/context';
import { createWorld } from '../../engine/model/createWorld';
import type { Random } from '../../engine/model/random';
import type { EffectRecord } from '../../engine/api/propertyTypes';
import { cloneValue as cloneValueBinding } from '../../engine/model/values';
import type { Action, EffectLink, Envelope, Lanes, MemoizedStep, ModelError, ModelState, NodeSlot, TimerEntry } from './modelState';
import { predicateClock } from '../properties/predicateClock';
import { CopyOnDraw } from './copyOnDraw';
import { deliverable, due, healed, tickDelta, timeHash, type TimeModel } from './timeModel';
import { asymmetryError, outcomeKey, renameIds, renamingSwaps, type Renaming } from './symmetryAudit';
import * as sortedLists from './sortedLists';
import * as valueHash from './valueHash';

// Bound once: when this module is compiled to CommonJS (tsx, tests), every
// call through an import binding is a getter call, which the hot loop feels.
const { finish, hashValue, lanes, mixA, mixB } = valueHash;
const { insertEnvelope, removeEnvelope, setTimer } = sortedLists;
const cloneValue = cloneValueBinding;

/** Which faults the search injects as choices. */
export interface FaultChoices {
  /** Messages in flight may be lost. */
  loss: boolean;
  /** A message may be delivered twice. */
  duplicate: boolean;
  /** At most this many crashes of server nodes along a path. */
  crashes: number;
  /** A crashed node may restart (its `recover` handler runs). */
  restart: boolean;
  /** The server nodes that may crash; every server node when undefined. */
  crashNodes?: readonly NodeId[];
  /** Interchangeable nodes are treated as one (their random streams then may not be used). */
  symmetry?: boolean;
  /** Effects are a multiset (their order is not part of a state): when no property depends on their order. */
  effectsMultiset?: boolean;
}

/**
 * The configuration a model and its replays share: network effects become
 * choices, timed faults are dropped (clock faults stay). Replays move the
 * clock themselves under the time model, so messages then take its shortest delay.
 */
export function modelConfig(config: SimulationConfig, time?: TimeModel): SimulationConfig {
  return {
    ...config,
    network: { latency: time ? time.min : 1 },
    faults: (config.faults ?? []).filter((f) => f.fault === 'clock'),
    idempotency: false,
  };
}


/** The parts of a successor decided before its handler runs. */
interface Base {
  network: readonly Envelope[];
  networkA: number;
  networkB: number;
  now: number;
  /** Key of the message (lane A of its hash: a small integer, a fast Map key) or timer (its name), when the outcome may be memoized on the node's slot. */
  memoKey?: number | string;
  /** Lane B of the message's hash, checked on lookup. */
  memoCheck?: number;
}

/** The memoized outcome of delivering `envelope` to the node in `slot`, if any. */
function memoizedDelivery(slot: NodeSlot, envelope: Envelope): MemoizedStep | undefined {
  const step = slot.memo?.get(envelope.a);
  return step !== undefined && step.check === envelope.b ? step : undefined;
}

function baseOf(state: ModelState): Base {
  return { network: state.network, networkA: state.networkA, networkB: state.networkB, now: state.now };
}

function isEmptyRecord(value: object): boolean {
  for (const key in value) if (hasOwn.call(value, key)) return false;
  return true;
}

/** A handler call on a node's state; with `swap`, on the situation of another node (its inputs swapped with `swap`). */
type HandlerCall = (state: unknown, ctx: NodeContext, swap?: (value: unknown) => unknown) => unknown;

interface Outcome {
  state: unknown;
  ctx: NodeContext;
  commands: readonly Command[];
  draws: CopyOnDraw;
  error?: ModelError;
}

const hasOwn = Object.prototype.hasOwnProperty;
const EMPTY_LANES: Lanes = { a: 0, b: 0 };
const NO_COMMANDS: readonly Command[] = [];

function hashOf(value: unknown, seed: number): Lanes {
  hashValue(value, seed);
  return { a: lanes.a, b: lanes.b };
}

function errorOf(node: NodeId, handler: string, error: unknown): ModelError {
  const isError = typeof error === 'object' && error !== null && 'message' in error;
  return { node, handler, name: isError ? String((error as Error).name ?? 'Error') : 'Error', message: isError ? String((error as Error).message) : String(error) };
}

export class ProtocolModel {
  readonly ids: readonly NodeId[];
  readonly roles: readonly ('node' | 'client')[];
  private readonly indexOf: ReadonlyMap<NodeId, number>;
  private readonly definitions: readonly NodeDefinition[];
  private readonly contexts: NodeContext[];
  private readonly draws: CopyOnDraw[];
  private readonly skew: readonly { skew: number; drift: number; skewed: boolean }[];
  private readonly crashable: readonly boolean[];
  private readonly crashActions: readonly Action[];
  private readonly restartActions: readonly Action[];
  /** Sender of the payload being delivered, for `ctx.reply`. */
  private currentPayload: Message | undefined;
  private currentFrom: NodeId | undefined;
  private nextOperation = 0;
  /** Set once any handler read `ctx.now`. */
  private readsClock = false;
  /** Handler outcomes are not memoized: a handler read the clock, or the time model is on (an outcome's timers and messages carry times). */
  private memoOff: boolean;
  private static readonly TICK: Action = { kind: 'tick' };
  initialError: ModelError | undefined;
  private readonly world;
  /** Under symmetry: the renamings every handler call is checked against (see symmetryAudit.ts). */
  private swaps: readonly Renaming[] = [];
  private readonly auditContexts: NodeContext[];
  /** The payload and sender of the delivery being audited, for `ctx.reply` on the partner. */
  private auditPayload: Message | undefined;
  private auditFrom: NodeId | undefined;
  private auditOperation = 0;

  constructor(
    config: SimulationConfig,
    readonly faults: FaultChoices,
    readonly time?: TimeModel,
  ) {
    this.memoOff = time !== undefined;
    const world = createWorld(modelConfig(config, time));
    this.world = world;
    this.ids = world.setup.ids;
    this.indexOf = world.setup.indexOf;
    this.definitions = world.nodes.map((n) => n.definition);
    this.roles = this.definitions.map((d) => d.role);
    this.crashable = this.roles.map((r, k) => r === 'node' && (faults.crashNodes === undefined || faults.crashNodes.includes(this.ids[k])));
    this.crashActions = this.roles.map((_, node) => ({ kind: 'crash', node }));
    this.restartActions = this.roles.map((_, node) => ({ kind: 'restart', node }));
    this.skew = world.nodes.map((n) => ({ skew: n.skew, drift: n.drift, skewed: n.skewed }));
    const host = {
      senderOf: (message: Message) => (message === this.currentPayload ? this.currentFrom : undefined),
      nextOperationId: () => this.nextOperation++,
    };
    this.draws = world.nodes.map(() => new CopyOnDraw());
    if (faults.symmetry) for (const draws of this.draws) draws.forbidden = true;
    this.contexts = world.nodes.map((n, k) => new NodeContext(n.id, n.context.peers, {}, this.draws[k] as unknown as Random, host, n.context.directory));
    // Notice the first read of `ctx.now`: from then on a handler's outcome may depend on the path, not only on the node, and is not memoized.
    for (const ctx of this.contexts) {
      let now = 0;
      Object.defineProperty(ctx, 'now', {
        get: () => {
          this.readsClock = true;
          this.memoOff = true;
          return now;
        },
        set: (value: number) => {
          now = value;
        },
      });
    }
    this.initialError = world.error ? { node: world.error.node, handler: world.error.handler, name: world.error.name, message: world.error.message } : undefined;
    const auditHost = {
      senderOf: (message: Message) => (message === this.auditPayload ? this.auditFrom : undefined),
      nextOperationId: () => this.auditOperation++,
    };
    this.auditContexts = world.nodes.map((n) => {
      const draws = new CopyOnDraw();
      draws.forbidden = true;
      return new NodeContext(n.id, n.context.peers, {}, draws as unknown as Random, auditHost, n.context.directory);
    });
    if (faults.symmetry) {
      this.swaps = renamingSwaps(this.symmetryClasses(), this.ids);
      this.initialError ??= this.initialAsymmetry(world.nodes);
    }
  }

  /** Under symmetry: an error when the initial states are not the same up to renaming interchangeable nodes. */
  private initialAsymmetry(nodes: readonly { state: unknown; context: NodeContext }[]): ModelError | undefined {
    for (const renaming of this.swaps) {
      for (let k = 0; k < nodes.length; k++) {
        const j = renaming.image[k];
        if (canonicalKey(renameIds([nodes[k].state, nodes[k].context.durable], renaming.names)) !== canonicalKey([nodes[j].state, nodes[j].context.durable])) {
          return errorOf(this.ids[k], 'init', asymmetryError(this.ids[k], 'init', renaming));
        }
      }
    }
    return undefined;
  }

  /**
   * Under symmetry: runs `call` again on node π(k), on π of node `k`'s
   * situation, and returns the error refusing the reduction when the outcome
   * is not π of node `k`'s.
   */
  private auditSymmetry(state: ModelState, now: number, slot: NodeSlot, k: number, renaming: Renaming, from: NodeId | undefined, call: HandlerCall, handlerName: string, outcome: Outcome): ModelError | undefined {
    const j = renaming.image[k];
    const swap = (value: unknown) => renameIds(value, renaming.names);
    const refused = () => errorOf(this.ids[k], handlerName, asymmetryError(this.ids[k], handlerName, renaming));
    const ctx = this.auditContexts[j];
    ctx.durable = swap(slot.durable) as Record<string, unknown>;
    const skew = this.skew[j];
    ctx.now = skew.skewed ? skew.skew + now * (1 + skew.drift) : now;
    ctx.from = from === undefined ? undefined : (swap(from) as NodeId);
    ctx.clearCommands();
    this.auditFrom = ctx.from;
    this.auditOperation = state.history.length;
    const copy = swap(slot.state);
    let after: unknown;
    try {
      const result = call(copy, ctx, swap);
      after = result === undefined ? copy : result;
    } catch {
      return refused();
    } finally {
      this.auditPayload = undefined;
    }
    const expected = outcomeKey(swap(outcome.state), swap(outcome.ctx.durable), swap(outcome.commands) as Command[]);
    const seen = outcomeKey(after, ctx.durable, ctx.takeCommands());
    return seen === expected ? undefined : refused();
  }

  /** The state after every node's `start` handler ran, in node order (as `simulate` runs them at time 0). */
  initial(): ModelState {
    const nodes = this.world.nodes.map((n, k) =>
      this.slot(k, n.state, n.context.durable, n.context.randomSource, true, [], undefined, undefined, undefined, undefined),
    );
    let state = this.assemble(nodes, [], 0, 0, null, [], 0, 0, 0, 0, this.initialError);
    if (state.error) return state;
    for (let k = 0; k < nodes.length && !state.error; k++) {
      const start = this.definitions[k].spec.start;
      if (start) state = this.runHandler(state, baseOf(state), k, 'start', undefined, undefined, (s, ctx) => start(s, ctx));
    }
    return state;
  }

  /** Groups (of two or more) of interchangeable nodes: the same definition, role and clock. */
  symmetryClasses(): number[][] {
    const groups = new Map<string, number[]>();
    const kinds = new Map<NodeDefinition, number>();
    this.definitions.forEach((definition, k) => {
      if (!kinds.has(definition)) kinds.set(definition, kinds.size);
      const { skew, drift } = this.skew[k];
      const key = `${kinds.get(definition)}/${this.roles[k]}/${skew}/${drift}`;
      const group = groups.get(key) ?? [];
      group.push(k);
      groups.set(key, group);
    });
    return [...groups.values()].filter((g) => g.length > 1);
  }

  /** Every choice enabled in `state`, in an order that depends only on the state's content. */
  actions(state: ModelState): Action[] {
    const list: Action[] = [];
    this.enabledInto(state, list);
    return list;
  }

  /**
   * Writes the choices `actions` gives into `into` from index 0 and returns
   * how many there are; entries past that are left over from earlier calls.
   * The search refills one array this way (emptying it first would cost a
   * runtime call per state).
   */
  enabledInto(state: ModelState, into: Action[]): number {
    if (this.time) return this.timedEnabledInto(state, into, this.time);
    let count = 0;
    if (state.error) return count;
    const network = state.network;
    for (let i = 0; i < network.length; i++) {
      const envelope = network[i];
      // Identical copies lead to identical successors: offer one.
      if (i > 0 && network[i - 1].a === envelope.a && network[i - 1].b === envelope.b) continue;
      // Action objects are made once per envelope or timer and shared by every state that holds it.
      const made = (envelope.actions ??= { deliver: { kind: 'deliver', envelope }, drop: { kind: 'drop', envelope }, duplicate: { kind: 'duplicate', envelope } });
      into[count++] = made.deliver;
      if (this.faults.loss) into[count++] = made.drop;
      if (envelope.canDuplicate && state.nodes[envelope.to].up) into[count++] = made.duplicate;
    }
    const nodes = state.nodes;
    for (let k = 0; k < nodes.length; k++) {
      const slot = nodes[k];
      const timers = slot.timers;
      for (let t = 0; t < timers.length; t++) into[count++] = timers[t].action ??= { kind: 'timer', node: k, name: timers[t].name };
      if (slot.up) {
        if (state.crashes < this.faults.crashes && this.crashable[k]) into[count++] = this.crashActions[k];
      } else if (this.faults.restart) into[count++] = this.restartActions[k];
    }
    return count;
  }

  /**
   * The choices under the time model: messages whose delay is within the
   * bounds, timers that are due, faults until the heal, and time passing when
   * nothing is due (timeModel.ts).
   */
  private timedEnabledInto(state: ModelState, into: Action[], time: TimeModel): number {
    let count = 0;
    if (state.error) return count;
    const now = state.now;
    const faulty = !healed(time, now);
    const network = state.network;
    for (let i = 0; i < network.length; i++) {
      const envelope = network[i];
      if (i > 0 && network[i - 1].a === envelope.a && network[i - 1].b === envelope.b && network[i - 1].sent === envelope.sent) continue;
      const made = (envelope.actions ??= { deliver: { kind: 'deliver', envelope }, drop: { kind: 'drop', envelope }, duplicate: { kind: 'duplicate', envelope } });
      const arrives = deliverable(time, envelope.sent, now);
      if (arrives) into[count++] = made.deliver;
      if (this.faults.loss && faulty) into[count++] = made.drop;
      if (arrives && faulty && envelope.canDuplicate && state.nodes[envelope.to].up) into[count++] = made.duplicate;
    }
    const nodes = state.nodes;
    for (let k = 0; k < nodes.length; k++) {
      const slot = nodes[k];
      const timers = slot.timers;
      for (let t = 0; t < timers.length; t++) if (due(timers[t].at, now)) into[count++] = timers[t].action ??= { kind: 'timer', node: k, name: timers[t].name };
      if (slot.up) {
        if (faulty && state.crashes < this.faults.crashes && this.crashable[k]) into[count++] = this.crashActions[k];
      } else if (this.faults.restart) into[count++] = this.restartActions[k];
    }
    if (tickDelta(time, state, this.mustRestart) !== undefined) into[count++] = ProtocolModel.TICK;
    return count;
  }

  /** After the heal a crashed node that may restart does so before time passes. */
  private readonly mustRestart = (): boolean => this.faults.restart;

  /** True when node `k` has a handler for messages of `type` (its own, or `onAny`). */
  handles(k: number, type: string): boolean {
    const spec = this.definitions[k].spec;
    return hasOwn.call(spec.on, type) || spec.onAny !== undefined;
  }

  /** True while memoized handler outcomes may be reused (no handler has read the clock, no time model). */
  get memoizing(): boolean {
    return !this.memoOff;
  }

  /** True when the states no longer say enough: under the time model with relative times, a handler or a property read the clock (check() searches again with it). */
  get abandoned(): boolean {
    return (this.readsClock || predicateClock.read) && this.time !== undefined && !this.time.absolute;
  }

  /** True once some handler has read `ctx.now`. */
  get clockRead(): boolean {
    return this.readsClock;
  }

  /** The fingerprint left by the last `memoizedFingerprint` that returned true. */
  successorA = 0;
  successorB = 0;

  /**
   * When the outcome of `action` in `state` is memoized, computes the
   * successor's fingerprint into successorA/B without building it, and
   * returns true: most successors are states seen before, and the search
   * recognises them by fingerprint alone.
   */
  memoizedFingerprint(state: ModelState, action: Action): boolean {
    if (this.memoOff) return false;
    if (action.kind === 'deliver') {
      const envelope = action.envelope;
      const slot = state.nodes[envelope.to];
      const step = slot.up ? memoizedDelivery(slot, envelope) : undefined;
      if (step === undefined) return false;
      this.memoizedSuccessor(state, envelope.to, step, envelope);
      return true;
    }
    if (action.kind === 'timer') {
      const step = state.nodes[action.node].memo?.get(action.name);
      if (step === undefined) return false;
      this.memoizedSuccessor(state, action.node, step, undefined);
      return true;
    }
    return false;
  }

  /** The state after taking `action` in `state`. */
  next(state: ModelState, action: Action): ModelState {
    switch (action.kind) {
      case 'deliver':
        return this.deliver(state, action.envelope, false);
      case 'duplicate':
        return this.deliver(state, action.envelope, true);
      case 'drop':
        return this.withNetwork(state, removeEnvelope(state.network, action.envelope), -action.envelope.a, -action.envelope.b);
      case 'timer':
        return this.fireTimer(state, action.node, action.name);
      case 'crash': {
        const slot = state.nodes[action.node];
        const nodes = state.nodes.slice();
        nodes[action.node] = this.slot(action.node, slot.state, slot.durable, slot.random, false, [], slot.stateHash, slot.durableHash, slot.randomHash, EMPTY_LANES);
        return this.assemble(nodes, state.network, state.networkA, state.networkB, state.effects, state.history, state.historyA, state.historyB, state.crashes + 1, state.now, undefined);
      }
      case 'restart':
        return this.restart(state, action.node);
      case 'tick': {
        const delta = this.time ? tickDelta(this.time, state, this.mustRestart) : undefined;
        if (delta === undefined) throw new Error('check: time may not pass in this state');
        const now = state.now + delta;
        return this.assemble(state.nodes, state.network, state.networkA, state.networkB, state.effects, state.history, state.historyA, state.historyB, state.crashes, now, undefined, now !== this.time?.healAt);
      }
    }
  }

  /**
   * A short description of an action, for people, with the message's
   * contents: `deliver prepare{ballot: 3} a→b`. Given the state it is taken
   * in, a delivery to a crashed node says that it was dropped.
   */
  describe(action: Action, before?: ModelState): string {
    switch (action.kind) {
      case 'deliver':
      case 'drop':
      case 'duplicate': {
        const e = action.envelope;
        const { type, ...fields } = e.payload as Message & Record<string, unknown>;
        const contents = Object.keys(fields).length > 0 ? describeValue(encodeValue(fields), 120) : '';
        const dropped = action.kind !== 'drop' && before && !before.nodes[e.to].up ? ` (dropped: ${this.ids[e.to]} is crashed)` : '';
        return `${action.kind} ${type}${contents} ${this.ids[e.from]}→${this.ids[e.to]}${dropped}`;
      }
      case 'timer':
        return `timer ${action.name} on ${this.ids[action.node]}`;
      case 'tick': {
        const delta = before && this.time ? tickDelta(this.time, before, this.mustRestart) : undefined;
        return before && delta !== undefined ? `time passes: ${before.now} → ${before.now + delta}` : 'time passes';
      }
      default:
        return `${action.kind} ${this.ids[action.node]}`;
    }
  }

  private deliver(state: ModelState, envelope: Envelope, keepCopy: boolean): ModelState {
    let network: readonly Envelope[];
    let networkA = state.networkA - envelope.a;
    let networkB = state.networkB - envelope.b;
    if (keepCopy) {
      const rest = this.envelope(envelope.from, envelope.to, envelope.payload, false, envelope.at, envelope.sent);
      network = insertEnvelope(removeEnvelope(state.network, envelope), rest);
      networkA += rest.a;
      networkB += rest.b;
    } else network = removeEnvelope(state.network, envelope);
    networkA |= 0;
    networkB |= 0;
    const now = envelope.at > state.now ? envelope.at : state.now;
    const k = envelope.to;
    // A memoized outcome means the node was up and had a handler: look there first.
    const memoized = this.memoOff || !state.nodes[k].up ? undefined : memoizedDelivery(state.nodes[k], envelope);
    if (memoized) return this.reuse(state, k, memoized, network, networkA, networkB, now);
    const spec = this.definitions[k].spec;
    const handler = hasOwn.call(spec.on, envelope.payload.type) ? spec.on[envelope.payload.type] : spec.onAny;
    // Lost on arrival (the receiver is down), or nothing handles it.
    if (!state.nodes[k].up || !handler) return this.assemble(state.nodes, network, networkA, networkB, state.effects, state.history, state.historyA, state.historyB, state.crashes, now, undefined);
    const base: Base = { network, networkA, networkB, now, memoKey: envelope.a, memoCheck: envelope.b };
    const payload = cloneValue(envelope.payload);
    const from = this.ids[envelope.from];
    this.currentPayload = payload;
    this.currentFrom = from;
    const next = this.runHandler(state, base, k, payload.type, from, undefined, (s, ctx, swap) => {
      if (!swap) return handler(s, payload, ctx);
      const swapped = swap(payload) as Message;
      this.auditPayload = swapped;
      return handler(s, swapped, ctx);
    });
    this.currentPayload = undefined;
    return next;
  }

  private fireTimer(state: ModelState, k: number, name: string): ModelState {
    const slot = state.nodes[k];
    const timer = slot.timers.find((t) => t.name === name) as TimerEntry;
    const timers = slot.timers.filter((t) => t !== timer);
    const now = timer.at > state.now ? timer.at : state.now;
    const handlers = this.definitions[k].spec.timers;
    const handler = handlers && hasOwn.call(handlers, name) ? handlers[name] : undefined;
    if (!handler) {
      const error = errorOf(this.ids[k], `timer:${name}`, new Error(`${this.definitions[k].name ?? this.ids[k]} has no handler for timer '${name}' (add it to \`timers\`)`));
      return this.assemble(state.nodes, state.network, state.networkA, state.networkB, state.effects, state.history, state.historyA, state.historyB, state.crashes, now, error);
    }
    const memoized = this.memoOff ? undefined : slot.memo?.get(name);
    if (memoized) return this.reuse(state, k, memoized, state.network, state.networkA, state.networkB, now);
    return this.runHandler(state, { network: state.network, networkA: state.networkA, networkB: state.networkB, now, memoKey: name }, k, `timer:${name}`, undefined, timers, (s, ctx, swap) => handler(s, ctx, swap ? swap(timer.data) : timer.data));
  }

  private restart(state: ModelState, k: number): ModelState {
    const slot = state.nodes[k];
    const spec = this.definitions[k].spec;
    let fresh: unknown;
    try {
      fresh = spec.init({ self: this.ids[k], peers: this.contexts[k].peers });
    } catch (error) {
      return this.assemble(state.nodes, state.network, state.networkA, state.networkB, state.effects, state.history, state.historyA, state.historyB, state.crashes, state.now, errorOf(this.ids[k], 'init', error));
    }
    const nodes = state.nodes.slice();
    nodes[k] = this.slot(k, fresh, slot.durable, slot.random, true, [], undefined, slot.durableHash, slot.randomHash, EMPTY_LANES);
    const base = this.assemble(nodes, state.network, state.networkA, state.networkB, state.effects, state.history, state.historyA, state.historyB, state.crashes, state.now, undefined);
    const handler = spec.recover ?? spec.start;
    if (!handler) return base;
    return this.runHandler(base, baseOf(base), k, spec.recover ? 'recover' : 'start', undefined, undefined, (s, ctx) => handler(s, ctx));
  }

  /**
   * Runs a handler of node `k` on a copy of its state and applies the commands
   * it recorded, as World does. `timers` replaces the node's timers first (a fired timer is disarmed).
   */
  private runHandler(state: ModelState, base: Base, k: number, handlerName: string, from: NodeId | undefined, timers: readonly TimerEntry[] | undefined, call: HandlerCall): ModelState {
    const slot = state.nodes[k];
    const now = base.now;
    const outcome = this.invoke(state, now, k, slot, from, call, handlerName);
    if (outcome.error) return this.assemble(state.nodes, base.network, base.networkA, base.networkB, state.effects, state.history, state.historyA, state.historyB, state.crashes, now, outcome.error);
    let nodeTimers = timers ?? slot.timers;
    let timersChanged = timers !== undefined;
    let network = base.network;
    let networkA = base.networkA;
    let networkB = base.networkB;
    let effects = state.effects;
    let history = state.history;
    let historyA = state.historyA;
    let historyB = state.historyB;
    const drift = this.skew[k].drift;
    const sent: Envelope[] = [];
    let memoizable = base.memoKey !== undefined && !this.memoOff && outcome.draws.copy === undefined;
    for (const command of outcome.commands) {
      switch (command.op) {
        case 'send': {
          const to = this.indexOf.get(command.to);
          if (to === undefined) break; // dropped at send: unknown node
          const envelope = this.envelope(k, to, cloneValue(command.msg), this.faults.duplicate, now + (this.time ? this.time.min : 1), now);
          sent.push(envelope);
          network = insertEnvelope(network, envelope);
          networkA = (networkA + envelope.a) | 0;
          networkB = (networkB + envelope.b) | 0;
          break;
        }
        case 'timer-set': {
          const entry: TimerEntry = { name: command.name, data: cloneValue(command.data), at: now + command.delay / (1 + drift) };
          nodeTimers = setTimer(nodeTimers, entry);
          timersChanged = true;
          break;
        }
        case 'timer-cancel': {
          const kept = nodeTimers.filter((t) => t.name !== command.name);
          if (kept.length !== nodeTimers.length) {
            nodeTimers = kept;
            timersChanged = true;
          }
          break;
        }
        case 'effect': {
          memoizable = false;
          effects = this.linkEffect(effects, { node: this.ids[k], kind: command.kind, data: cloneValue(command.data), t: now, event: -1 });
          break;
        }
        case 'invoke': {
          memoizable = false;
          const { f, input, key } = command.operation;
          const op: HistoryOperation = { process: command.operation.process ?? this.ids[k], f, ...(key === undefined ? {} : { key: encodeValue(key) }), input: encodeValue(input ?? null), call: now, status: 'info' };
          history = [...history, op];
          hashValue(['invoke', command.id, op.process, f, op.key, op.input], 5);
          historyA = finish(mixA(historyA, lanes.a));
          historyB = finish(mixB(historyB, lanes.b));
          break;
        }
        case 'complete': {
          memoizable = false;
          const op = history[command.id];
          if (!op || op.return !== undefined) break;
          const done: HistoryOperation = { ...op, status: command.status, return: now };
          if (command.output !== undefined) done.output = encodeValue(command.output);
          const copy = history.slice();
          copy[command.id] = done;
          history = copy;
          hashValue(['complete', command.id, command.status, done.output], 7);
          historyA = finish(mixA(historyA, lanes.a));
          historyB = finish(mixB(historyB, lanes.b));
          break;
        }
        case 'log':
          break;
      }
    }
    const random = outcome.draws.copy ?? slot.random;
    const randomHash = outcome.draws.copy ? hashOf(outcome.draws.copy.state(), 11) : slot.randomHash;
    const nodes = state.nodes.slice();
    const durable = outcome.ctx.durable;
    const durableKept = isEmptyRecord(durable) && isEmptyRecord(slot.durable);
    nodes[k] = this.slot(k, outcome.state, durableKept ? slot.durable : durable, random, slot.up, nodeTimers, undefined, durableKept ? slot.durableHash : undefined, randomHash, timersChanged ? undefined : slot.timersHash);
    if (memoizable && !this.memoOff) (slot.memo ??= new Map()).set(base.memoKey as number | string, { slot: nodes[k], sent, check: base.memoCheck ?? 0 });
    return this.assemble(nodes, network, networkA, networkB, effects, history, historyA, historyB, state.crashes, now, undefined);
  }

  /** `effects` with `effect` recorded after them. */
  private linkEffect(effects: EffectLink | null, effect: EffectRecord): EffectLink {
    hashValue([effect.node, effect.kind, effect.data], 3);
    return {
      effect,
      previous: effects,
      length: (effects?.length ?? 0) + 1,
      // As a multiset, effects hash by sum (as the messages in flight do): their order is not part of the state.
      a: this.faults.effectsMultiset ? ((effects?.a ?? 0) + lanes.a) | 0 : finish(mixA(effects?.a ?? 0, lanes.a)),
      b: this.faults.effectsMultiset ? ((effects?.b ?? 0) + lanes.b) | 0 : finish(mixB(effects?.b ?? 0, lanes.b)),
    };
  }

  /**
   * A node slot made from its parts (a copy received from another thread),
   * hashed here: the slot of node `k` with that state, durable storage,
   * random stream, up flag and timers.
   */
  restoreSlot(k: number, state: unknown, durable: Record<string, unknown>, random: Random, up: boolean, timers: readonly TimerEntry[]): NodeSlot {
    return this.slot(k, state, durable, random, up, timers, undefined, undefined, undefined, undefined);
  }

  /** A message in flight made from its parts, hashed here (without the time model, sent one unit before it arrives). */
  restoreEnvelope(from: number, to: number, payload: Message, canDuplicate: boolean, at: number): Envelope {
    return this.envelope(from, to, payload, canDuplicate, at, at - 1);
  }

  /**
   * A state made from its parts, its fingerprint computed here. The network
   * must be sorted as states keep it (by hash); effects are rehashed from the
   * records, oldest first; the history's running hash cannot be recomputed
   * from the operations and is taken as given.
   */
  restoreState(nodes: readonly NodeSlot[], network: readonly Envelope[], effects: readonly EffectRecord[], history: readonly HistoryOperation[], historyA: number, historyB: number, crashes: number, now: number, error: ModelError | undefined): ModelState {
    let networkA = 0;
    let networkB = 0;
    for (const envelope of network) {
      networkA = (networkA + envelope.a) | 0;
      networkB = (networkB + envelope.b) | 0;
    }
    let link: EffectLink | null = null;
    for (const effect of effects) link = this.linkEffect(link, effect);
    return this.assemble(nodes, network, networkA, networkB, link, history, historyA, historyB, crashes, now, error);
  }

  private invoke(state: ModelState, now: number, k: number, slot: NodeSlot, from: NodeId | undefined, call: HandlerCall, handlerName: string): Outcome {
    const ctx = this.contexts[k];
    const draws = this.draws[k];
    draws.reset(slot.random);
    const skew = this.skew[k];
    ctx.durable = cloneValue(slot.durable);
    ctx.now = skew.skewed ? skew.skew + now * (1 + skew.drift) : now;
    ctx.from = from;
    ctx.clearCommands();
    this.nextOperation = state.history.length;
    const copy = cloneValue(slot.state);
    let result: unknown;
    try {
      result = call(copy, ctx);
    } catch (error) {
      ctx.clearCommands();
      return { state: copy, ctx, commands: [], draws, error: errorOf(this.ids[k], handlerName, error) };
    }
    const commands = ctx.outLength > 0 ? ctx.takeCommands() : NO_COMMANDS;
    const outcome: Outcome = { state: result === undefined ? copy : result, ctx, commands, draws };
    for (const renaming of this.swaps) {
      const asymmetry = this.auditSymmetry(state, now, slot, k, renaming, from, call, handlerName, outcome);
      if (asymmetry) return { ...outcome, commands: [], error: asymmetry };
    }
    return outcome;
  }

  private envelope(from: number, to: number, payload: Message, canDuplicate: boolean, at: number, sent: number): Envelope {
    hashValue(payload, (from << 16) ^ (to << 1) ^ (canDuplicate ? 1 : 0));
    return { from, to, payload, canDuplicate, at, sent, a: lanes.a, b: lanes.b, actions: undefined, mark: 0, id: 0 };
  }

  private slot(
    k: number,
    state: unknown,
    durable: Record<string, unknown>,
    random: Random,
    up: boolean,
    timers: readonly TimerEntry[],
    stateHash: Lanes | undefined,
    durableHash: Lanes | undefined,
    randomHash: Lanes | undefined,
    timersHash: Lanes | undefined,
  ): NodeSlot {
    const s = stateHash ?? hashOf(state, 1);
    const d = durableHash ?? hashOf(durable, 2);
    const r = randomHash ?? hashOf(random.state(), 11);
    const t = timersHash ?? (timers.length === 0 ? EMPTY_LANES : hashOf(timers.map((timer) => [timer.name, timer.data]), 13));
    let a = mixA(k + 1, up ? 1 : 2);
    let b = mixB(k + 1, up ? 2 : 1);
    a = mixA(mixA(mixA(mixA(a, s.a), d.a), r.a), t.a);
    b = mixB(mixB(mixB(mixB(b, s.b), d.b), r.b), t.b);
    return { state, durable, random, up, timers, stateHash: s, durableHash: d, randomHash: r, timersHash: t, a: finish(a), b: finish(b), memo: undefined, mark: 0, id: 0 };
  }

  /** The successor when node `k`'s handler already ran from the same slot on the same message or timer elsewhere in the search. */
  private reuse(state: ModelState, k: number, step: MemoizedStep, network: readonly Envelope[], networkA: number, networkB: number, now: number): ModelState {
    const nodes = state.nodes.slice();
    nodes[k] = step.slot;
    for (const envelope of step.sent) {
      network = insertEnvelope(network, envelope);
      networkA = (networkA + envelope.a) | 0;
      networkB = (networkB + envelope.b) | 0;
    }
    return this.assemble(nodes, network, networkA, networkB, state.effects, state.history, state.historyA, state.historyB, state.crashes, now, undefined);
  }

  private withNetwork(state: ModelState, network: readonly Envelope[], deltaA: number, deltaB: number): ModelState {
    return this.assemble(state.nodes, network, (state.networkA + deltaA) | 0, (state.networkB + deltaB) | 0, state.effects, state.history, state.historyA, state.historyB, state.crashes, state.now, undefined);
  }

  private assemble(
    nodes: readonly NodeSlot[],
    network: readonly Envelope[],
    networkA: number,
    networkB: number,
    effects: EffectLink | null,
    history: readonly HistoryOperation[],
    historyA: number,
    historyB: number,
    crashes: number,
    now: number,
    error: ModelError | undefined,
    silent = false,
  ): ModelState {
    let nodesA = 0;
    let nodesB = 0;
    for (let i = 0; i < nodes.length; i++) {
      nodesA = (nodesA + nodes[i].a) | 0;
      nodesB = (nodesB + nodes[i].b) | 0;
    }
    this.fingerprint(nodesA, nodesB, networkA, networkB, network.length, effects, historyA, historyB, crashes, error !== undefined);
    if (this.time) {
      const times = timeHash(this.time, { now, network, nodes });
      this.fingerprintA = finish(mixA(this.fingerprintA, times.a));
      this.fingerprintB = finish(mixB(this.fingerprintB, times.b));
    }
    return { nodes, nodesA, nodesB, network, networkA, networkB, effects, history, historyA, historyB, crashes, now, silent, error, a: this.fingerprintA, b: this.fingerprintB };
  }

  private fingerprintA = 0;
  private fingerprintB = 0;
  /** The state whose `rest` was last computed for memoizedSuccessor, and that rest (a state's successors share it). */
  private restOf: ModelState | undefined;
  private restOfA = 0;
  private restOfB = 0;
  private restA = 0;
  private restB = 0;

  /**
   * Computes a state's fingerprint from its parts into fingerprintA/B. The
   * nodes enter as the sum of their slot hashes (each slot's hash covers its
   * node's position), so a step that changes one node updates it in constant
   * time; the parts a handler's step rarely changes are mixed first (see `rest`).
   */
  private fingerprint(nodesA: number, nodesB: number, networkA: number, networkB: number, networkLength: number, effects: EffectLink | null, historyA: number, historyB: number, crashes: number, error: boolean): void {
    this.rest(effects, historyA, historyB, crashes, error);
    this.finishFingerprint(this.restA, this.restB, nodesA, nodesB, networkA, networkB, networkLength);
  }

  /** Mixes effects, history, crashes and the error flag into restA/B. */
  private rest(effects: EffectLink | null, historyA: number, historyB: number, crashes: number, error: boolean): void {
    // A state reached by a handler that threw differs from every other: it is where the search reports the error.
    this.restA = mixA(mixA(mixA(mixA(0x6a09e667, effects?.a ?? 0), historyA), crashes), error ? 1 : 0);
    this.restB = mixB(mixB(mixB(mixB(0x3c6ef372, effects?.b ?? 0), historyB), crashes), error ? 1 : 0);
  }

  private finishFingerprint(restA: number, restB: number, nodesA: number, nodesB: number, networkA: number, networkB: number, networkLength: number): void {
    this.fingerprintA = finish(mixA(mixA(mixA(restA, nodesA), networkA), networkLength));
    this.fingerprintB = finish(mixB(mixB(mixB(restB, nodesB), networkB), networkLength));
  }

  /** The fingerprint, into successorA/B, of the state after node `k` takes memoized `step` in `state` (consuming `removed`, if any). */
  private memoizedSuccessor(state: ModelState, k: number, step: MemoizedStep, removed: Envelope | undefined): void {
    let networkA = state.networkA;
    let networkB = state.networkB;
    let length = state.network.length + step.sent.length;
    if (removed) {
      networkA -= removed.a;
      networkB -= removed.b;
      length--;
    }
    for (const envelope of step.sent) {
      networkA += envelope.a;
      networkB += envelope.b;
    }
    const old = state.nodes[k];
    const nodesA = (state.nodesA - old.a + step.slot.a) | 0;
    const nodesB = (state.nodesB - old.b + step.slot.b) | 0;
    // A memoized step changes no effect, history or crash count, and the states expanded have no error: the successor shares its state's rest.
    if (this.restOf !== state) {
      this.rest(state.effects, state.historyA, state.historyB, state.crashes, false);
      this.restOf = state;
      this.restOfA = this.restA;
      this.restOfB = this.restB;
    }
    this.finishFingerprint(this.restOfA, this.restOfB, nodesA, nodesB, networkA | 0, networkB | 0, length);
    this.successorA = this.fingerprintA;
    this.successorB = this.fingerprintB;
  }
}
