/** Fault helpers: what goes in `simulate({ faults: [...] })`. */
import type { ByzantineFault, ClockFault, CorruptFault, CrashFault, FaultWindow, Message, NemesisFault, NodeId, PartitionFault } from './types';

function checkWindow(what: string, during: FaultWindow): void {
  if (!(during.from >= 0)) throw new RangeError(`${what}: \`from\` must be a time >= 0`);
  if (during.to !== undefined && !(during.to > during.from)) throw new RangeError(`${what}: \`to\` must be after \`from\``);
}

/**
 * Cuts the network between groups of nodes during a time window: nodes in
 * different groups cannot exchange messages (messages across the cut are
 * dropped with reason 'partition'). A single group is cut from everyone else.
 *
 * @example partition(['client'], ['account'], { from: 5, to: 30 })
 * @example partition(['n1'], { from: 100 }) // n1 is isolated from t=100 on
 * @example partition(['a', 'b'], ['c']) // for the whole run
 */
export function partition(...args: [...groups: NodeId[][], during: FaultWindow] | NodeId[][]): PartitionFault {
  const last = args[args.length - 1];
  // Without a window the partition lasts the whole run.
  const during: FaultWindow = Array.isArray(last) ? { from: 0 } : last;
  const groups = (Array.isArray(last) ? args : args.slice(0, -1)) as NodeId[][];
  if (groups.length === 0 || !groups.every(Array.isArray)) throw new TypeError("partition(): give groups of node ids, then a window: partition(['a'], ['b'], { from: 5, to: 30 })");
  checkWindow('partition()', during);
  return { fault: 'partition', groups, from: during.from, ...(during.to === undefined ? {} : { to: during.to }) };
}

/**
 * A one-way cut: `from` nodes cannot reach `to` nodes, but still hear them
 * (`to` hears nothing from `from`). The classic trap for failure detectors.
 *
 * @example oneWayPartition(['leader'], ['n2', 'n3'], { from: 50, to: 150 })
 */
export function oneWayPartition(from: NodeId[], to: NodeId[], during: FaultWindow): PartitionFault {
  checkWindow('oneWayPartition()', during);
  return { fault: 'partition', groups: [from, to], oneWay: true, from: during.from, ...(during.to === undefined ? {} : { to: during.to }) };
}

/**
 * Crashes `node` at time `at`: its state and timers are lost and messages to
 * it are dropped. With `restart`, it comes back at that time with a fresh
 * `init` state and its durable storage, and its `recover` handler runs.
 *
 * @example crash('leader', { at: 40, restart: 90 })
 */
export function crash(node: NodeId, when: { at: number; restart?: number }): CrashFault {
  if (!(when.at >= 0)) throw new RangeError('crash(): `at` must be a time >= 0');
  if (when.restart !== undefined && !(when.restart > when.at)) throw new RangeError('crash(): `restart` must be after `at`');
  return { fault: 'crash', node, at: when.at, ...(when.restart === undefined ? {} : { restart: when.restart }) };
}

/**
 * Gives `node` a wrong clock: its local time is `skew + t * (1 + drift)`.
 * `ctx.now` reads it and timers fire by it (a fast clock fires timers early).
 *
 * @example clockSkew('n2', { skew: 50, drift: 0.1 })
 */
export function clockSkew(node: NodeId, clock: { skew?: number; drift?: number }): ClockFault {
  const drift = clock.drift ?? 0;
  if (!(drift > -1)) throw new RangeError('clockSkew(): `drift` must be greater than -1 (a clock cannot stop or run backwards)');
  return { fault: 'clock', node, skew: clock.skew ?? 0, drift };
}

/**
 * A random nemesis: every `every` time units it partitions the network at
 * random or crashes a random node (restarting it), for `duration` units.
 * Its choices come from a random stream of its own, derived from the run's
 * seed: they do not move the network's random choices, and the run is the
 * same as with the explicit `partition` and `crash` faults it makes (which
 * is how a counterexample drops them one at a time).
 *
 * With `target`, it reacts to the run instead: each time it strikes it asks
 * `target(world)` for a node (the current leader, say) and crashes it, or
 * partitions it away from the others (`kinds` in turn). Such a nemesis is
 * shrunk as one fault.
 *
 * `target: 'busiest'` is a generic leader hunter: it needs no code about
 * the protocol. Each strike picks the server that sent the most messages
 * in the last `every` units and fails it right after its next sending
 * step, with what that step sent lost — a leader fails mid-broadcast.
 * With `stagger`, gaps and durations are drawn around `every` and
 * `duration` (uniform, up to twice each) instead of fixed.
 *
 * @example nemesis({ every: 100, duration: 30, kinds: ['partition', 'crash'] })
 * @example nemesis({ every: 40, duration: 15, kinds: ['crash'], target: (w) => w.nodes.find((n) => w.state[n.id].role === 'leader')?.id })
 * @example nemesis({ every: 3, duration: 20, kinds: ['crash'], target: 'busiest', stagger: true, from: 0 })
 */
export function nemesis(options: { every: number; duration: number; kinds?: ('partition' | 'crash')[]; nodes?: NodeId[]; target?: NemesisFault['target']; stagger?: boolean; from?: number; to?: number }): NemesisFault {
  if (!(options.every > 0)) throw new RangeError('nemesis(): `every` must be positive');
  if (!(options.duration > 0)) throw new RangeError('nemesis(): `duration` must be positive');
  const kinds = options.kinds ?? ['partition'];
  if (kinds.length === 0) throw new RangeError('nemesis(): `kinds` is empty');
  for (const kind of kinds) if (kind !== 'partition' && kind !== 'crash') throw new RangeError(`nemesis(): unknown kind ${JSON.stringify(kind)}: use 'partition' or 'crash'`);
  const target: unknown = options.target;
  if (target !== undefined && target !== 'busiest' && typeof target !== 'function') throw new TypeError(`nemesis(): \`target\` must be 'busiest' or a function of the world, not ${JSON.stringify(target)}`);
  if (options.stagger !== undefined && typeof options.stagger !== 'boolean') throw new TypeError(`nemesis(): \`stagger\` must be true or false, not ${JSON.stringify(options.stagger)}`);
  if (options.stagger && typeof target === 'function') throw new RangeError("nemesis(): `stagger` works without a target or with target: 'busiest', not with a target function");
  const from = options.from ?? options.every;
  if (!(from >= 0)) throw new RangeError('nemesis(): `from` must be a time >= 0');
  return {
    fault: 'nemesis',
    every: options.every,
    duration: options.duration,
    kinds,
    ...(options.nodes ? { nodes: options.nodes } : {}),
    ...(options.target ? { target: options.target } : {}),
    ...(options.stagger ? { stagger: true } : {}),
    from,
    ...(options.to === undefined ? {} : { to: options.to }),
  };
}

/**
 * Makes `node` Byzantine for BFT demonstrations: the network drops its
 * outgoing messages with probability `drop`, delays them by `delay`, and lets
 * `tamper` rewrite each one per receiver (equivocation, forged fields).
 *
 * @example byzantine('n3', { tamper: (msg, to) => ({ ...msg, value: to === 'n1' ? 'a' : 'b' }) })
 */
export function byzantine<M extends Message = Message>(node: NodeId, behaviour: { drop?: number; delay?: number; tamper?: (msg: M, to: NodeId, random: () => number) => M }): ByzantineFault {
  return { fault: 'byzantine', node, ...behaviour } as ByzantineFault;
}

/**
 * A node whose send path corrupts messages (a buffer bug, failing memory):
 * each message it sends between `from` and `to` (default: the whole run) is
 * corrupted with `probability` — one number, character or boolean of the
 * payload gets a bit changed, after the handler made it. Only messages of
 * `types`, when given. Each corruption is a `corrupt` event in the trace.
 *
 * @example corrupt('relay', { probability: 0.2, types: ['chunk'] })
 */
export function corrupt(node: NodeId, options: { probability: number; types?: readonly string[]; from?: number; to?: number }): CorruptFault {
  if (!(options.probability >= 0 && options.probability <= 1)) throw new RangeError('corrupt(): `probability` must be in [0, 1]');
  const window: FaultWindow = { from: options.from ?? 0, ...(options.to === undefined ? {} : { to: options.to }) };
  checkWindow('corrupt()', window);
  return { fault: 'corrupt', node, probability: options.probability, ...(options.types ? { types: [...options.types] } : {}), ...window };
}
