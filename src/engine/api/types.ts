/**
 * The public types of the protocol API (the `protocol-notebook` module).
 * Their JSDoc is the hover text users read in their cells.
 */
import type { HistoryOperation } from '../../common/history';
import type { JsonValue, PropertyVerdict, RunStats, Trace } from '../../common/traceFormat';
import type { EffectRecord, Property, WorldView } from './propertyTypes';

/** A node's id in the run configuration (`'account'`, `'n1'`, …). */
export type NodeId = string;

/** Every message is a plain object with a `type`, which selects the handler in `on`. */
export interface Message {
  type: string;
}

/** Outcome of a client operation, as recorded in the history. */
export type OperationStatus = 'ok' | 'fail' | 'info';

/** What a client asks of the system: recorded as a history operation by `ctx.invoke`. */
export interface Operation {
  /** Operation name: `'read'`, `'write'`, `'cas'`, `'deposit'`, … */
  f: string;
  /** Its argument(s). */
  input?: unknown;
  /** For key–value workloads: the key, so checkers can split the history per key. */
  key?: unknown;
  /**
   * The history's process name; default the node's id. A client whose
   * operation timed out (status 'info') must continue as a new process,
   * since a process has at most one operation outstanding.
   */
  process?: string;
  /**
   * The server node the operation was sent to, when there is one (`client()`
   * records it): the broadcast and counter checkers compare each node's final read.
   */
  node?: string;
}

/**
 * Everything a handler may do, and all it may know of the world. Handlers
 * never act directly: each call records a command that the simulator applies
 * when the handler returns.
 */
export interface Context<M extends Message = Message, D = Record<string, unknown>> {
  /** This node's id. */
  readonly self: NodeId;
  /** The other server nodes of the run (clients are not peers; a client's peers are the servers). */
  readonly peers: readonly NodeId[];
  /** This node's local clock: virtual time as seen through the node's skew and drift. */
  readonly now: number;
  /** The sender of the message being handled (undefined in timers, `start` and `recover`). */
  readonly from: NodeId | undefined;
  /**
   * Storage that survives a crash. Everything else (state, timers) is lost
   * when the node crashes; `recover` can read this to rebuild its state.
   */
  readonly durable: D;
  /**
   * The ids of a group of nodes, in configuration order: a group named in
   * `simulate({ groups })`, or every node of a kind (`node({ name: 'Acceptor' })`
   * makes the group `'Acceptor'`). Lets a protocol name its roles instead of
   * hard-coding ids. Throws for an unknown group.
   *
   * @example for (const a of ctx.group('Acceptor')) ctx.send(a, { type: 'prepare', ballot })
   */
  group(name: string): readonly NodeId[];
  /** Sends `msg` to node `to`. The network may delay, reorder, lose or duplicate it. A `to` that is no node of the run is an error, at the send. */
  send(to: NodeId, msg: M): void;
  /** Sends `response` to the sender of `request` (a message this node received). */
  reply(request: M, response: M): void;
  /** Sends `msg` to every peer (and to this node too with `{ includeSelf: true }`). */
  broadcast(msg: M, options?: { includeSelf?: boolean }): void;
  /** Arms timer `name` to fire after `delay` units of this node's local clock, replacing an armed timer of that name. */
  setTimer(name: string, delay: number, data?: unknown): void;
  /** Disarms timer `name`; nothing happens if it is not armed. */
  cancelTimer(name: string): void;
  /** A seeded random number in [0, 1): the same seed gives the same numbers. */
  random(): number;
  /** A seeded random integer in [min, max] (both included). */
  randomInt(min: number, max: number): number;
  /** A seeded random pick from a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /**
   * Records an externally visible side effect (a charge, a shipment, a decision).
   * Effects are what exactly-once is about: see `exactlyOnce` and the consensus properties.
   */
  effect(kind: string, data?: unknown): void;
  /** Writes a line to the trace, attached to this node. */
  log(text: string, data?: unknown): void;
  /** Records the invocation of a client operation in the history; returns its id for `complete`. */
  invoke(operation: Operation): number;
  /** Records the completion of an operation started with `invoke`. `'info'` means the outcome is unknown. */
  complete(operationId: number, status: OperationStatus, output?: unknown): void;
}

/** What `init` may know: who the node is and who its peers are. */
export interface InitContext {
  readonly self: NodeId;
  readonly peers: readonly NodeId[];
}

/** A handler may change `state` in place, or return a new state. */
export type HandlerResult<S> = S | void;

/** The message handlers of a node, one per message `type`, each given the narrowed message. */
export type MessageHandlers<S, M extends Message, D> = {
  [K in M['type']]?: (state: S, msg: Extract<M, { type: K }>, ctx: Context<M, D>) => HandlerResult<S>;
};

/** A timer handler: runs when the timer fires, with the data given to `setTimer`. */
export type TimerHandler<S, M extends Message, D> = (state: S, ctx: Context<M, D>, data: unknown) => HandlerResult<S>;

/** What `node({...})` is given: the behaviour of one kind of node. */
export interface NodeSpec<S, M extends Message, D = Record<string, unknown>> {
  /** Name of this kind of node, shown in the chart (`TraceNode.kind`). */
  name?: string;
  /** The initial volatile state. Called at the start and again after each crash. */
  init: (ctx: InitContext) => S;
  /** Message handlers, keyed by message `type`. */
  on: MessageHandlers<S, M, D>;
  /** Timer handlers, keyed by timer name (`ctx.setTimer(name, delay)`). */
  timers?: Record<string, TimerHandler<S, M, D>>;
  /** Runs once when the node starts, at time 0. */
  start?: (state: S, ctx: Context<M, D>) => HandlerResult<S>;
  /** Runs when the node restarts after a crash, with a fresh `init` state and the durable storage kept. Defaults to `start`. */
  recover?: (state: S, ctx: Context<M, D>) => HandlerResult<S>;
  /** The initial durable storage (`ctx.durable`). Default `{}`. */
  durable?: () => D;
}

/** Erased shapes the simulator works with (the type parameters only matter to the user's code). */
export type ErasedHandler = (state: unknown, msg: Message, ctx: Context) => unknown;
export type ErasedTimerHandler = (state: unknown, ctx: Context, data: unknown) => unknown;
export type ErasedLifecycleHandler = (state: unknown, ctx: Context) => unknown;

export interface ErasedNodeSpec {
  name?: string;
  init: (ctx: InitContext) => unknown;
  on: Record<string, ErasedHandler | undefined>;
  /** Handles message types that have no entry in `on` (used by `client()`). */
  onAny?: ErasedHandler;
  timers?: Record<string, ErasedTimerHandler | undefined>;
  start?: ErasedLifecycleHandler;
  recover?: ErasedLifecycleHandler;
  durable?: () => unknown;
}

/** A node definition, made by `node()` or `client()`: give it an id in `simulate({ nodes })`. */
export interface NodeDefinition<S = unknown, M extends Message = Message, D = unknown> {
  readonly kind: 'protocol-notebook/node';
  readonly name?: string;
  /** Clients issue operations and are drawn apart from servers. */
  readonly role: 'node' | 'client';
  /** The behaviour, with its types erased. */
  readonly spec: ErasedNodeSpec;
  /** Phantom field carrying the state, message and durable types; never set. */
  readonly types?: { state: S; message: M; durable: D };
}

/**
 * Message latency in virtual time units:
 * - a number: constant;
 * - `[min, max]`: uniform (integers when both bounds are integers);
 * - `{ exponential: mean, min? }`: memoryless, many short and a few long delays;
 * - `{ pareto: scale, alpha }`: long-tailed (alpha around 1.5–2.5; smaller is heavier).
 */
export type Latency =
  | number
  | readonly [number, number]
  | { readonly exponential: number; readonly min?: number }
  | { readonly pareto: number; readonly alpha: number };

/** Network behaviour of every link, or of the links an override names. */
export interface LinkModel {
  latency?: Latency;
  /** Probability in [0, 1] that a message is lost. */
  loss?: number;
  /** Probability in [0, 1] that a message is delivered twice. */
  duplicate?: number;
  /**
   * Probability in [0, 1] that a message is corrupted in flight: one number,
   * character or boolean of its payload (not its `type`) has a bit changed.
   * Recorded in the trace as a `corrupt` event. Simulation and `explore` only.
   */
  corrupt?: number;
}

/** Overrides for the links from `from` to `to` (a node id, a list of ids, or `'*'` for any). */
export interface LinkOverride extends LinkModel {
  from: NodeId | readonly NodeId[] | '*';
  to: NodeId | readonly NodeId[] | '*';
}

/** The network model of a run. */
export interface NetworkConfig extends LinkModel {
  /** Deliver messages on each link in the order they were sent (TCP-like). Default false: latency reorders. */
  fifo?: boolean;
  /** Per-link overrides; the last matching override wins, field by field. */
  links?: readonly LinkOverride[];
}

/** A time window of a fault: `from` inclusive, `to` exclusive (absent: until the end of the run). */
export interface FaultWindow {
  from: number;
  to?: number;
}

export interface PartitionFault {
  readonly fault: 'partition';
  /** Groups that cannot talk to each other. */
  readonly groups: readonly (readonly NodeId[])[];
  /** When set, only the first group is cut off from the second: it cannot reach it, but hears it. */
  readonly oneWay?: boolean;
  readonly from: number;
  readonly to?: number;
}

export interface CrashFault {
  readonly fault: 'crash';
  readonly node: NodeId;
  readonly at: number;
  /** Restart time; absent: the node stays down. */
  readonly restart?: number;
}

export interface ClockFault {
  readonly fault: 'clock';
  readonly node: NodeId;
  /** Offset of the node's clock from true time. */
  readonly skew: number;
  /** Rate error: 0.01 means the clock runs 1% fast, so its timers fire early in true time. */
  readonly drift: number;
}

export interface NemesisFault {
  readonly fault: 'nemesis';
  /** Time between the starts of two faults. */
  readonly every: number;
  /** How long each fault lasts. */
  readonly duration: number;
  /** What the nemesis may do. */
  readonly kinds: readonly ('partition' | 'crash')[];
  /** Nodes it may hit (default: every server node). */
  readonly nodes?: readonly NodeId[];
  /**
   * Aim at a node chosen from the world when the nemesis strikes (the current
   * leader, say) instead of at random: it crashes that node, or partitions it
   * away from the others, taking `kinds` in turn. `undefined` skips this strike.
   *
   * `'busiest'` aims at the server that sent the most messages in the last
   * `every` time units (a leader, in a leader-based protocol), knowing
   * nothing else of the protocol, and fails it right after its next step
   * that sends: it is cut off at once, so what that step sent is lost (a
   * leader fails having reached only some of its followers); `'crash'` also
   * crashes it, `'partition'` only isolates it, each for `duration` (the
   * kind drawn at random when `kinds` has both).
   */
  readonly target?: ((world: WorldView) => NodeId | undefined) | 'busiest';
  /**
   * Draw each gap between strikes from (0, 2·every] and each fault's length
   * from (0, 2·duration] (so `every` and `duration` are the means), from the
   * nemesis's own random stream, instead of keeping them fixed; the first
   * strike comes a gap after `from`. Not with a `target` function.
   */
  readonly stagger?: boolean;
  readonly from: number;
  readonly to?: number;
}

/** A Byzantine node: its outgoing messages are tampered with by the network on its behalf. */
export interface ByzantineFault {
  readonly fault: 'byzantine';
  readonly node: NodeId;
  /** Probability of silently dropping each outgoing message. */
  readonly drop?: number;
  /** Extra delay added to each outgoing message. */
  readonly delay?: number;
  /** Equivocation: rewrites each outgoing message per receiver (send different values to different nodes). */
  readonly tamper?: (msg: Message, to: NodeId, random: () => number) => Message;
}

/**
 * A node that corrupts what it sends (a buffer bug, a bad memory chip): each
 * message it sends in the window is corrupted, with `probability`, after its
 * handler made it — as `network.corrupt` does in flight, but on one node only.
 */
export interface CorruptFault {
  readonly fault: 'corrupt';
  readonly node: NodeId;
  readonly probability: number;
  /** Only messages of these types (default: all). */
  readonly types?: readonly string[];
  readonly from: number;
  readonly to?: number;
}

/** A fault of the run, made by `partition`, `crash`, `clockSkew`, `nemesis`, `byzantine` or `corrupt`. */
export type Fault = PartitionFault | CrashFault | ClockFault | NemesisFault | ByzantineFault | CorruptFault;

/** How much of the run the trace keeps. */
export interface TraceOptions {
  /**
   * - `'window'` (default): everything up to `maxEvents`; beyond that the last
   *   events, and once a property fails, the events around the first violation;
   * - `'last'`: the last `maxEvents` events;
   * - `'off'`: no events, messages or states (verdicts, stats and history are still complete).
   */
  mode?: 'window' | 'last' | 'off';
  /** Default 100,000. */
  maxEvents?: number;
  /** A full state is stored every this many changes of a node's state, patches in between. Default 32. */
  keyframeEvery?: number;
}

/** Options of the dynamic idempotency check. */
export interface IdempotencyOptions {
  /** How many deliveries per handler are replayed twice. Default 64. */
  samplesPerHandler?: number;
  /**
   * Each replayed delivery is delivered once more after each of this many
   * further deliveries to its node, at the later time, against the state the
   * node has then (a late duplicate). Default 2; 0 turns late replays off.
   */
  lateAfter?: number;
}

/** The state type of each node of a `nodes` record, by id: `always<StatesOf<typeof nodes>>(w => …)` types `w.state` strictly. */
export type StatesOf<N> = { [K in keyof N]: N[K] extends NodeDefinition<infer S, infer _M, infer _D> ? S : unknown };

/**
 * A PCT-style priority scheduler (probabilistic concurrency testing): each
 * node gets a random priority from the run's seed, and of the deliveries
 * due before the next timer or fault, the one to the highest-priority node
 * goes first, whatever its latency drew; `depth - 1` times, at a random
 * step, the node just served drops to the lowest priority. Timers and
 * faults keep their times. See docs/exploration.md.
 */
export interface PctScheduler {
  readonly kind: 'pct';
  /** Bug depth d: d - 1 priority change points. Default 3. */
  readonly depth?: number;
  /** Steps the change points are spread over. Default 1000. */
  readonly steps?: number;
}

/** Everything a run needs. The same configuration and seed give the same run, byte for byte. */
export interface SimulationConfig {
  /** The nodes of the run, by id. */
  nodes: Record<NodeId, NodeDefinition>;
  network?: NetworkConfig;
  faults?: readonly Fault[];
  /** Properties to check, by name. */
  properties?: Record<string, Property>;
  /** Named groups of node ids, for `ctx.group(name)` (each node kind's `name` is a group too). */
  groups?: Record<string, readonly NodeId[]>;
  /** Seed of every random choice. Default 1. */
  seed?: number;
  /** Virtual time at which the run stops. Default 1000. */
  until?: number;
  /** Step budget: the run stops once it has this many events (checked between steps, so a step may finish past it); a runaway protocol ends reproducibly. Default 5,000,000. */
  maxEvents?: number;
  /** Trace options; `false` is `{ mode: 'off' }`. */
  trace?: TraceOptions | boolean;
  /** Replay deliveries twice against a copy of the receiver to find handlers that are not idempotent. Default true. */
  idempotency?: boolean | IdempotencyOptions;
  /** End the run at the first property violation. Default false. */
  stopOnViolation?: boolean;
  /** Which pending delivery goes next. Default: the earliest (time order). */
  scheduler?: PctScheduler;
  /**
   * Virtual time at which the faults stop, for liveness after the faults
   * (`eventually(p, { within })` counts from it). From then on no message is
   * lost, duplicated or corrupted, partitions heal and none starts, no node
   * crashes, and a crashed node whose restart is still to come restarts at
   * once (a crash without `restart` is for good). Clock skew, latency and
   * Byzantine nodes stay. A `heal` event in the trace. Simulation, `explore`, and `check` with its time model (`check(config, { time })`).
   */
  healAt?: number;
}

/** A handler that is not idempotent, shown by a concrete double delivery. */
export interface IdempotencyFinding {
  /** `Kind.msgType`, e.g. `Account.deposit`. */
  handler: string;
  nodeKind: string;
  msgType: string;
  /** What happened, e.g. "delivering `deposit` #17 twice changed `balance` from 10 to 20 — seed 1, t=27". */
  witness: string;
  /** The delivery event that was replayed. */
  event: number;
}

/** How thoroughly the dynamic check tried one handler: the deliveries it replayed twice. */
export interface IdempotencyReplays {
  /** `Kind.msgType`, as in IdempotencyFinding. */
  handler: string;
  nodeKind: string;
  msgType: string;
  /** Deliveries replayed twice against a copy of the receiver. */
  replays: number;
  /** True when no replay (back to back or late) changed the state, the durable storage, the effects, the replies or the timers. */
  idempotent: boolean;
}

/** How often one node ran one handler in a run. */
export interface HandlerRuns {
  node: NodeId;
  /** `msgType` or `timer:name`, as in RunError. */
  handler: string;
  runs: number;
}

/** The handler error that ended a run. */
export interface RunError {
  name: string;
  message: string;
  stack?: string;
  node: NodeId;
  /** `msgType`, `timer:name`, `start`, `recover` or `init`. */
  handler: string;
  event: number;
}

/** Why a run ended. */
export type EndReason = Trace['endReason'];

/**
 * The result of `simulate`: plain data, safe to post across threads.
 * `handlerError` (not enumerable, not cloned) keeps the thrown Error for source mapping.
 */
export interface RunResult {
  readonly kind: 'protocol-notebook/run';
  /** True when every property held and no handler threw. */
  ok: boolean;
  seed: number;
  endReason: EndReason;
  verdicts: PropertyVerdict[];
  stats: RunStats;
  trace: Trace;
  /** Client operations, for the history checkers (linearizability). */
  history: HistoryOperation[];
  /** Effects, with data encoded as JSON. */
  effects: { node: string; kind: string; data: JsonValue; t: number; event: number }[];
  /** Each node's state when the run ended, encoded. */
  finalState: Record<NodeId, JsonValue>;
  idempotency: IdempotencyFinding[];
  /** Per handler delivered in the run, how many deliveries the dynamic check replayed (empty when it was off). */
  idempotencyReplays: IdempotencyReplays[];
  /** Every handler that ran, per node (in node order), with its number of calls (a handler that threw counts). */
  handlerRuns: HandlerRuns[];
  error?: RunError;
  /** The Error object a handler threw (non-enumerable). */
  readonly handlerError?: unknown;
}

export type { EffectRecord, Property };
