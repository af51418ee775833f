/**
 * The dynamic idempotency check: during a run, a sample of deliveries is
 * replayed twice against a copy of the receiver, and the second delivery is
 * compared with the first — state, durable storage, effects, the replies and
 * other sends, and the timers it arms. Each sampled delivery is also replayed
 * late: after the next few deliveries to that node, at a later `ctx.now`,
 * against the state the node has then, which catches handlers that store the
 * time, re-arm timers relative to now, or remember only the last id per
 * client. A handler is idempotent when no duplicate does anything the first
 * delivery did not leave done; resending the same replies is fine (a
 * re-acknowledgement).
 */
import type { JsonValue } from '../../common/traceFormat';
import { describeValue, encodeValue } from '../../common/valueEncoding';
import type { IdempotencyFinding, IdempotencyOptions, IdempotencyReplays, Message, NodeId } from '../api/types';
import type { Command } from '../model/context';
import { runHandlerDetached } from '../model/detachedRun';
import { cloneState } from '../model/values';
import type { NodeRuntime, World, WorldObserver } from '../model/world';
import { sendsDifference, type TimerPlan, timerPlan, timersDifference } from './deliveryOutcome';
import { type Difference, describeDifference, differences, keyOf, valueAt } from './readableDiff';

const DEFAULT_SAMPLES = 64;
/** A sampled delivery is replayed again after each of this many further deliveries to its node. */
const DEFAULT_LATE_AFTER = 2;
/** Every delivery of a handler is replayed up to this count; later ones at powers of two. */
const REPLAY_ALL_UP_TO = 16;

/** How many deliveries per handler to replay, from the `idempotency` option. */
export function idempotencySamples(option: boolean | IdempotencyOptions | undefined): number {
  return typeof option === 'object' ? Math.max(0, option.samplesPerHandler ?? DEFAULT_SAMPLES) : DEFAULT_SAMPLES;
}

/** A sampled delivery is replayed late after each of this many further deliveries to its node (0: never). */
export function idempotencyLateAfter(option: boolean | IdempotencyOptions | undefined): number {
  return typeof option === 'object' ? Math.max(0, option.lateAfter ?? DEFAULT_LATE_AFTER) : DEFAULT_LATE_AFTER;
}

interface HandlerTally {
  /** `Kind.msgType`, as findings name it. */
  handler: string;
  nodeKind: string;
  msgType: string;
  deliveries: number;
  replays: number;
  found: boolean;
}

/** A sampled delivery waiting to be replayed late. */
interface LateSample {
  tally: HandlerTally;
  payload: Message;
  from: NodeId;
  messageId: number;
  event: number;
  /** What the first delivery left: state and durable storage, and the timers it armed. */
  stateOnce: JsonValue;
  durableOnce: JsonValue;
  timersOnce: TimerPlan;
  /** After how many further deliveries to the node it is replayed. */
  after: number;
  /** Deliveries to the node still to come before the late replay. */
  wait: number;
  /** The run's crash count when sampled: after a crash the node's state is not what the first delivery built on. */
  crashes: number;
}

function effectsOf(commands: readonly Command[]): { kind: string; data: unknown }[] {
  return commands.filter((c): c is Extract<Command, { op: 'effect' }> => c.op === 'effect');
}

export class IdempotencyChecker implements WorldObserver {
  readonly findings: IdempotencyFinding[] = [];
  private readonly tallies = new Map<unknown, Map<string, HandlerTally>>();
  private readonly late = new Map<NodeRuntime, LateSample[]>();
  private sinceSaturationCheck = 0;

  constructor(
    private readonly samplesPerHandler: number,
    private readonly seed: number,
    private readonly lateAfter = DEFAULT_LATE_AFTER,
  ) {}

  beforeDeliver(world: World, node: NodeRuntime, payload: Message, messageId: number, event: number): void {
    this.replayLate(world, node, false);
    if (this.samplesPerHandler === 0 || this.saturated(world)) {
      // Nothing left to learn: stop observing, so that long runs pay nothing.
      world.observer = null;
      return;
    }
    const spec = node.definition.spec;
    let byType = this.tallies.get(spec);
    if (!byType) this.tallies.set(spec, (byType = new Map()));
    let tally = byType.get(payload.type);
    if (!tally) {
      const nodeKind = kindOf(world, node);
      byType.set(payload.type, (tally = { handler: `${nodeKind}.${payload.type}`, nodeKind, msgType: payload.type, deliveries: 0, replays: 0, found: false }));
    }
    const n = tally.deliveries++;
    if (tally.found || tally.replays >= this.samplesPerHandler) return;
    if (n >= REPLAY_ALL_UP_TO && (n & (n - 1)) !== 0) return;
    tally.replays++;
    const witness = this.replay(world, node, payload, messageId, event, tally);
    if (witness) this.found(world, tally, witness, event);
  }

  /** At the end of the run: the late replays still waiting run against the nodes' final states. */
  finish(world: World): void {
    for (const node of world.nodes) this.replayLate(world, node, true);
  }

  /** How many deliveries of each handler were replayed twice, and whether one of them showed it not idempotent. */
  replays(): IdempotencyReplays[] {
    const all: IdempotencyReplays[] = [];
    for (const byType of this.tallies.values()) {
      for (const t of byType.values()) all.push({ handler: t.handler, nodeKind: t.nodeKind, msgType: t.msgType, replays: t.replays, idempotent: !t.found });
    }
    return all;
  }

  private found(world: World, tally: HandlerTally, witness: string, event: number): void {
    if (tally.found) return;
    tally.found = true;
    this.findings.push({ handler: tally.handler, nodeKind: tally.nodeKind, msgType: tally.msgType, witness: `${witness} — seed ${this.seed}, t=${world.now}`, event });
  }

  /**
   * Checks now and then whether every handler of every node kind has had its
   * samples or a finding. Then the late replays still waiting (on a node that
   * may never get another delivery) run now, and the check is done.
   */
  private saturated(world: World): boolean {
    if (++this.sinceSaturationCheck < 1024) return false;
    this.sinceSaturationCheck = 0;
    const done = world.nodes.every((node) => {
      const byType = this.tallies.get(node.definition.spec);
      return Object.keys(node.definition.spec.on).every((type) => {
        const tally = byType?.get(type);
        return tally !== undefined && (tally.found || tally.replays >= this.samplesPerHandler);
      });
    });
    if (done) this.finish(world);
    return done;
  }

  private setNow(world: World, node: NodeRuntime): number {
    node.context.now = node.skewed ? world.localTime(node, world.now) : world.now;
    return node.context.now;
  }

  /** Replays the delivery twice on a copy; returns what went wrong, or undefined when the duplicate was harmless. */
  private replay(world: World, node: NodeRuntime, payload: Message, messageId: number, event: number, tally: HandlerTally): string | undefined {
    const from = world.host.senderOf(payload) ?? '';
    const random = node.context.randomSource.clone();
    const now = this.setNow(world, node);
    const once = runHandlerDetached(world, node, from, payload, cloneState(node.state), cloneState(node.context.durable), random);
    if (once.error !== undefined) return undefined;
    const stateOnce = encodeValue(once.state);
    const durableOnce = encodeValue(once.durable);
    const timersOnce = timerPlan(once.commands, now);
    if (this.lateAfter > 0) {
      let waiting = this.late.get(node);
      if (!waiting) this.late.set(node, (waiting = []));
      for (let after = 1; after <= this.lateAfter; after++) {
        waiting.push({ tally, payload: cloneState(payload), from, messageId, event, stateOnce, durableOnce, timersOnce, after, wait: after, crashes: world.counts.crashes });
      }
    }
    const twice = runHandlerDetached(world, node, from, payload, once.state, once.durable, random);
    const what = `delivering \`${payload.type}\` #${messageId} twice`;
    if (twice.error !== undefined) return `${what} made the second delivery throw: ${String((twice.error as Error)?.message ?? twice.error)}`;
    const [stateChange] = differences(stateOnce, encodeValue(twice.state));
    if (stateChange) return `${what} ${describeDifference(stateChange)}`;
    const [durableChange] = differences(durableOnce, encodeValue(twice.durable));
    if (durableChange) return `${what} ${describeDifference(durableChange)} in durable storage`;
    const [effect] = effectsOf(twice.commands);
    if (effect) return `${what} performed the effect '${effect.kind}' ${describeValue(encodeValue(effect.data), Infinity)} again`;
    const sends = sendsDifference(once.commands, twice.commands, from);
    if (sends) return `${what}: the second delivery ${sends}`;
    const timers = timersDifference(timersOnce, timerPlan(twice.commands, now));
    if (timers) return `${what}: the second delivery ${timers}`;
    return undefined;
  }

  /**
   * Runs the late replays of `node` that are due (all of them at the end of
   * the run): the duplicate arrives now, against the node's current state. It
   * may write again what the first delivery wrote (a stale `put` is an
   * ordering question, not an idempotency one); anything else it changes,
   * any effect, and any timer armed for another deadline is a finding.
   */
  private replayLate(world: World, node: NodeRuntime, atEnd: boolean): void {
    const waiting = this.late.get(node);
    if (!waiting || waiting.length === 0) return;
    const due: LateSample[] = [];
    for (let i = 0; i < waiting.length; ) {
      if (atEnd || waiting[i].wait-- <= 0) due.push(...waiting.splice(i, 1));
      else i++;
    }
    for (const sample of due) {
      if (sample.tally.found || !node.up || sample.crashes !== world.counts.crashes) continue;
      const witness = this.lateWitness(world, node, sample);
      if (witness) this.found(world, sample.tally, witness, sample.event);
    }
  }

  private lateWitness(world: World, node: NodeRuntime, sample: LateSample): string | undefined {
    const now = this.setNow(world, node);
    const stateNow = encodeValue(node.state);
    const durableNow = encodeValue(node.context.durable);
    const again = runHandlerDetached(world, node, sample.from, sample.payload, cloneState(node.state), cloneState(node.context.durable), node.context.randomSource.clone());
    if (again.error !== undefined) return undefined;
    const what = `delivering \`${sample.payload.type}\` #${sample.messageId} again later (t=${now}, after ${sample.after} other deliver${sample.after === 1 ? 'y' : 'ies'})`;
    const changed = (before: JsonValue, after: JsonValue, once: JsonValue) =>
      differences(before, after).find((d) => (d.added || d.removed ? !addsBackOnly(d, valueAt(once, d.path)) : keyOf(d.after) !== keyOf(valueAt(once, d.path))));
    const stateChange = changed(stateNow, encodeValue(again.state), sample.stateOnce);
    if (stateChange) return `${what} ${describeDifference(stateChange)}`;
    const durableChange = changed(durableNow, encodeValue(again.durable), sample.durableOnce);
    if (durableChange) return `${what} ${describeDifference(durableChange)} in durable storage`;
    const [effect] = effectsOf(again.commands);
    if (effect) return `${what} performed the effect '${effect.kind}' ${describeValue(encodeValue(effect.data), Infinity)} again`;
    const timers = timersDifference(sample.timersOnce, timerPlan(again.commands, now));
    if (timers) return `${what}: the duplicate ${timers}`;
    return undefined;
  }
}

/** Whether a late duplicate only added back to a Set what the first delivery had put in it. */
function addsBackOnly(d: Difference, once: JsonValue | undefined): boolean {
  const members = once && typeof once === 'object' && !Array.isArray(once) && Array.isArray((once as { $set?: JsonValue[] }).$set) ? (once as { $set: JsonValue[] }).$set : [];
  const before = new Set(members.map(keyOf));
  return (d.removed ?? []).length === 0 && (d.added ?? []).every((v) => before.has(keyOf(v)));
}

/**
 * A node kind's name: its definition's `name`, else the id of the first node
 * of the run with that definition — the same name the kernel gives the
 * handler's source location, so a finding can be placed on its line.
 */
function kindOf(world: World, node: NodeRuntime): string {
  if (node.definition.name !== undefined) return node.definition.name;
  return world.nodes.find((other) => other.definition.spec === node.definition.spec)?.id ?? node.id;
}
