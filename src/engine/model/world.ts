/**
 * The model of a distributed system: nodes with their state, the network and
 * everything pending (messages in flight, timers, faults), and a step
 * function. It says what can happen, not how runs are searched: `simulate`
 * takes the earliest step again and again; an explorer may pick any of
 * `enabledSteps()`, `clone()` the world and compare `fingerprint()`s.
 */
import type { HistoryOperation } from '../../common/history';
import type { JsonValue, LossReason } from '../../common/traceFormat';
import { encodeValue } from '../../common/valueEncoding';
import type { EffectRecord, WorldView } from '../api/propertyTypes';
import type { ByzantineFault, CorruptFault, HandlerRuns, Message, NemesisFault, NodeDefinition, NodeId, RunError } from '../api/types';
import type { TraceRecorder } from '../trace/recorder';
import { NodeContext, type Command } from './context';
import { EventQueue } from './eventQueue';
import { NodeHandlers } from './nodeHandlers';
import { HistoryLog } from './historyLog';
import type { Link, PartitionMatrix } from './network';
import { Pending, describePending, type PartitionRun, type PendingKind, type SentMessage } from './pending';
import type { Random } from './random';
import { cloneValue } from './values';
import { corruptPayload } from './corruption';
import { senderOf, tagSender } from './sender';
import { healedLink, nodesToRestart, stoppedByHeal } from './heal';
import type { ArmedStrike, BusiestNemesis } from './busiestNemesis';

const hasOwn = Object.prototype.hasOwnProperty;

/** Whether the first `count` commands include a send. */
function sendsAmong(commands: readonly Command[], count: number): boolean {
  for (let k = 0; k < count; k++) if (commands[k].op === 'send') return true;
  return false;
}

/** Each node's durable storage by id, read when a property asks (a handler may replace `ctx.durable`). */
function durableView(nodes: readonly NodeRuntime[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const node of nodes) Object.defineProperty(view, node.id, { enumerable: true, get: () => node.context.durable });
  return view;
}

/** One node of a world. */
export interface NodeRuntime {
  readonly index: number;
  readonly id: NodeId;
  readonly definition: NodeDefinition;
  /** Volatile state: lost on a crash. */
  state: unknown;
  up: boolean;
  /** Armed timers: name -> seq of the pending entry that fires it. */
  timers: Map<string, number>;
  skew: number;
  drift: number;
  /** True when the node has a clock fault, so events record its local time. */
  skewed: boolean;
  byzantine: ByzantineFault | undefined;
  /** A `corrupt` fault on this node's sends. */
  corrupting: CorruptFault | undefined;
  readonly context: NodeContext;
}

/** A step that can be taken in a world: a pending entry, described for people. */
export interface Step {
  /** Identifies the pending entry (its scheduling sequence number). */
  readonly id: number;
  readonly kind: PendingKind;
  readonly node: NodeId;
  /** Virtual time it is due. */
  readonly at: number;
  readonly label: string;
}

/** The immutable parts of a world, shared by its clones. */
export interface WorldSetup {
  readonly ids: readonly NodeId[];
  readonly indexOf: ReadonlyMap<NodeId, number>;
  readonly links: readonly Link[];
  readonly fifo: boolean;
  readonly seed: number;
  /** From this time on the faults stop (see heal.ts). */
  readonly healAt?: number;
}

/** What the world reports to the run loop (tracing, idempotency). */
export interface WorldObserver {
  /** Called before a delivery's handler runs (the dynamic idempotency check). */
  beforeDeliver?(world: World, node: NodeRuntime, payload: Message, messageId: number, event: number): void;
}

export class World {
  now = 0;
  /** Number of events so far; the next event's index. */
  eventCount = 0;
  /** Index of the first event of the step taken last. */
  stepEvent = 0;
  error: RunError | undefined;
  thrown: unknown;
  readonly effects: EffectRecord[] = [];
  /** Client operations (`ctx.invoke` / `ctx.complete`). */
  readonly historyLog = new HistoryLog();
  readonly history: HistoryOperation[] = this.historyLog.operations;
  recorder: TraceRecorder | null = null;
  observer: WorldObserver | null = null;
  /** Counters for RunStats. */
  readonly counts = { messagesSent: 0, deliveries: 0, duplicatesDelivered: 0, dropped: 0, timersFired: 0, crashes: 0 };
  /** The run's busiest-node nemeses (`target: 'busiest'`), by their fault: they watch who sends (see busiestNemesis.ts). */
  readonly busiest = new Map<NemesisFault, BusiestNemesis>();
  /** Handler calls of each node, for RunResult.handlerRuns. */
  private readonly handlers: NodeHandlers;

  private seq = 0;
  private nextMessageId = 0;
  private nextOperation = 0;
  private nextPartitionId = 0;
  private readonly stateView: Record<string, unknown> = {};
  private readonly upView: Record<string, boolean> = {};
  private readonly fifoArrival: Float64Array;
  /** The links sends use: the configuration's, or without loss, duplication and corruption once healed. */
  private links: readonly Link[];
  /** True once the heal happened. */
  healed = false;
  /** Partitions in force, by id: the heal ends them. */
  private readonly activePartitions = new Map<number, PartitionRun>();
  readonly view: { now: number; event: number } & WorldView;

  constructor(
    readonly setup: WorldSetup,
    readonly nodes: NodeRuntime[],
    readonly queue: EventQueue<Pending>,
    readonly partitions: PartitionMatrix,
    /** The network's random stream (latency, loss, duplication; a nemesis has its own, see nemesisPlan.ts). */
    readonly random: Random,
  ) {
    const n = setup.ids.length;
    this.fifoArrival = new Float64Array(setup.fifo ? n * n : 0);
    this.links = setup.links;
    this.handlers = new NodeHandlers(nodes.length);
    for (const node of nodes) {
      this.stateView[node.id] = node.state;
      this.upView[node.id] = node.up;
    }
    this.view = {
      now: 0,
      event: 0,
      state: this.stateView,
      up: this.upView,
      durable: durableView(nodes),
      nodes: nodes.map((node) => ({ id: node.id, role: node.definition.role })),
      history: this.history,
      effects: this.effects,
      ...(setup.healAt === undefined ? {} : { healAt: setup.healAt }),
    };
  }

  /** The context host of every node of this world. */
  readonly host = {
    senderOf,
    nextOperationId: (): number => this.nextOperation++,
  };

  get halted(): boolean {
    return this.error !== undefined;
  }

  /** A node's local clock reading at true time `t`. */
  localTime(node: NodeRuntime, t: number): number {
    return node.skew + t * (1 + node.drift);
  }

  /** Schedules an entry; returns it. */
  schedule(at: number, kind: PendingKind, node: number, extra: Partial<Pick<Pending, 'message' | 'payload' | 'timer' | 'data' | 'partition'>> = {}): Pending {
    const entry = new Pending(at, this.seq++, kind, node, extra.message ?? null, extra.payload ?? null, extra.timer ?? null, extra.data, extra.partition ?? null);
    this.queue.push(entry);
    return entry;
  }

  /** Time of the next step in time order, or undefined when nothing is pending. */
  nextTime(): number | undefined {
    for (;;) {
      const head = this.queue.peek();
      if (!head) return undefined;
      if (this.isLive(head)) return head.at;
      this.queue.pop();
    }
  }

  /**
   * Takes the earliest step if it is due by `until`. Returns 'stepped', or
   * 'idle' when nothing is pending, or 'until' when the next step is later.
   */
  advanceUntil(until: number): 'stepped' | 'idle' | 'until' {
    const queue = this.queue;
    for (;;) {
      const entry = queue.popIfDue(until);
      if (entry === undefined) return 'idle';
      if (entry === null) return 'until';
      if (!this.isLive(entry)) continue;
      this.run(entry);
      return 'stepped';
    }
  }

  /** Takes the earliest step. Returns false when nothing is pending. */
  advance(): boolean {
    for (;;) {
      const entry = this.queue.pop();
      if (!entry) return false;
      if (!this.isLive(entry)) continue;
      this.run(entry);
      return true;
    }
  }

  /** Every step that could be taken now, in any order the explorer likes (here: scheduling order). */
  enabledSteps(): Step[] {
    return this.queue
      .live()
      .filter((entry) => this.isLive(entry))
      .sort((a, b) => a.seq - b.seq)
      .map((entry) => ({ id: entry.seq, kind: entry.kind, node: this.setup.ids[entry.node], at: entry.at, label: describePending(entry, this.setup.ids) }));
  }

  /** Takes the given step (one of `enabledSteps()`), whatever its time: time moves to at least its due time. */
  apply(step: Step | number): void {
    const id = typeof step === 'number' ? step : step.id;
    const entry = this.queue.live().find((e) => e.seq === id);
    if (!entry || !this.isLive(entry)) throw new Error(`step ${id} is not enabled`);
    entry.cancelled = true;
    this.run(entry);
  }

  /** Every live pending entry, in heap order (for a scheduler that picks among them). */
  liveEntries(): Pending[] {
    return this.queue.live().filter((entry) => this.isLive(entry));
  }

  /** Takes `entry`, one of `liveEntries()`, now: time moves to at least its due time. */
  take(entry: Pending): void {
    entry.cancelled = true;
    this.run(entry);
  }

  private isLive(entry: Pending): boolean {
    if (entry.cancelled) return false;
    if (this.setup.healAt !== undefined && stoppedByHeal(entry, this.setup.healAt, this.healed)) return false;
    if (entry.kind === 'timer') {
      const node = this.nodes[entry.node];
      return node.up && node.timers.get(entry.timer as string) === entry.seq;
    }
    return true;
  }

  private run(entry: Pending): void {
    if (entry.at > this.now) this.now = entry.at;
    this.stepEvent = this.eventCount;
    const node = this.nodes[entry.node];
    switch (entry.kind) {
      case 'deliver':
        return this.deliver(node, entry);
      case 'timer':
        return this.fireTimer(node, entry);
      case 'start':
        return this.startNode(node);
      case 'crash':
        return this.crashNode(node);
      case 'restart':
        return this.restartNode(node);
      case 'partition-start':
      case 'partition-end':
        return this.togglePartition(entry);
      case 'strike':
        return this.strike(entry.data as NemesisFault);
      case 'heal':
        return this.heal();
    }
  }

  private local(node: NodeRuntime): number | undefined {
    return node.skewed ? this.localTime(node, this.now) : undefined;
  }

  private deliver(node: NodeRuntime, entry: Pending): void {
    const message = entry.message as SentMessage;
    const from = this.setup.ids[message.from];
    let lost: LossReason | undefined;
    if (!node.up) lost = 'crashed-receiver';
    else if (this.partitions.isCut(message.from, node.index)) lost = 'partition';
    if (lost) return this.dropCopy(message, node.index, lost, true);
    const i = this.eventCount++;
    const duplicate = message.deliveries++ > 0;
    this.counts.deliveries++;
    if (duplicate) this.counts.duplicatesDelivered++;
    this.recorder?.deliver(i, node.index, this.now, this.local(node), message.id, duplicate);
    const payload = entry.payload as Message;
    tagSender(payload, from);
    const handler = this.handlers.runMessage(node.index, node.definition.spec, payload.type);
    if (!handler) {
      const j = this.eventCount++;
      this.recorder?.event(j, 'log', node.index, this.now, this.local(node), { label: `no handler for '${payload.type}'`, cause: i });
      return;
    }
    this.observer?.beforeDeliver?.(this, node, payload, message.id, i);
    const ctx = this.beginHandler(node, from);
    let result: unknown;
    try {
      result = handler(node.state, payload, ctx);
    } catch (error) {
      return this.handlerThrew(node, i, payload.type, error);
    }
    this.endHandler(node, i, result);
  }

  private fireTimer(node: NodeRuntime, entry: Pending): void {
    const name = entry.timer as string;
    node.timers.delete(name);
    const i = this.eventCount++;
    this.counts.timersFired++;
    this.recorder?.event(i, 'timer', node.index, this.now, this.local(node), { timer: name });
    const timers = node.definition.spec.timers;
    const handler = timers && hasOwn.call(timers, name) ? timers[name] : undefined;
    if (!handler) return this.fail(node, i, `timer:${name}`, new Error(`${node.definition.name ?? node.id} has no handler for timer '${name}' (add it to \`timers\`)`));
    this.handlers.timer(node.index, name);
    const ctx = this.beginHandler(node, undefined);
    let result: unknown;
    try {
      result = handler(node.state, ctx, entry.data);
    } catch (error) {
      return this.handlerThrew(node, i, `timer:${name}`, error);
    }
    this.endHandler(node, i, result);
  }

  private startNode(node: NodeRuntime): void {
    const i = this.eventCount++;
    this.recorder?.event(i, 'start', node.index, this.now, this.local(node));
    this.runLifecycle(node, i, 'start', node.definition.spec.start);
  }

  private crashNode(node: NodeRuntime): void {
    if (!node.up) return;
    const i = this.eventCount++;
    this.counts.crashes++;
    node.up = false;
    node.timers.clear();
    this.upView[node.id] = false;
    this.recorder?.event(i, 'crash', node.index, this.now, this.local(node));
    this.recorder?.state(node.index, i, undefined);
  }

  private restartNode(node: NodeRuntime): void {
    if (node.up) return;
    const i = this.eventCount++;
    node.up = true;
    this.upView[node.id] = true;
    this.recorder?.event(i, 'recover', node.index, this.now, this.local(node));
    const spec = node.definition.spec;
    try {
      node.state = spec.init({ self: node.id, peers: node.context.peers });
    } catch (error) {
      return this.fail(node, i, 'init', error);
    }
    this.stateView[node.id] = node.state;
    this.runLifecycle(node, i, spec.recover ? 'recover' : 'start', spec.recover ?? spec.start);
  }

  private runLifecycle(node: NodeRuntime, event: number, name: string, handler: ((state: unknown, ctx: NodeContext) => unknown) | undefined): void {
    if (!handler) return this.recorder?.state(node.index, event, node.state);
    const ctx = this.beginHandler(node, undefined);
    let result: unknown;
    try {
      result = handler(node.state, ctx);
    } catch (error) {
      return this.handlerThrew(node, event, name, error);
    }
    this.endHandler(node, event, result);
  }

  private togglePartition(entry: Pending, cause?: number): void {
    const partition = entry.partition as PartitionRun;
    const starting = entry.kind === 'partition-start';
    this.partitions.apply(partition.groups, partition.oneWay, starting ? 1 : -1);
    if (starting) this.activePartitions.set(partition.id, partition);
    else this.activePartitions.delete(partition.id);
    const i = this.eventCount++;
    const recorder = this.recorder;
    if (!recorder) return;
    recorder.networkEvent(i, entry.kind as 'partition-start' | 'partition-end', entry.node, this.now, { partition: partition.id, ...(cause === undefined ? {} : { cause }) });
    if (!starting) return recorder.partitionEnd(partition.id, this.now, i);
    const names = partition.groups.map((g) => g.map((k) => this.setup.ids[k]));
    recorder.partitionStart({
      id: partition.id,
      groups: names,
      ...(partition.oneWay ? { asymmetric: { from: names[0], to: names[1] } } : {}),
      start: this.now,
      startEvent: i,
    });
  }

  /**
   * The faults stop: the network stops losing, duplicating and corrupting,
   * partitions in force end, and nodes whose restart is still to come restart
   * now (later faults are not live, see heal.ts).
   */
  private heal(): void {
    const restarts = nodesToRestart(this.queue.live(), (k) => !this.nodes[k].up);
    this.healed = true;
    this.links = this.setup.links.map(healedLink);
    const i = this.eventCount++;
    this.recorder?.networkEvent(i, 'heal', 0, this.now);
    for (const [, partition] of [...this.activePartitions].sort((a, b) => a[0] - b[0])) {
      this.togglePartition(new Pending(this.now, -1, 'partition-end', partition.groups[0]?.[0] ?? 0, null, null, null, undefined, partition), i);
    }
    for (const k of restarts) {
      if (this.halted) return;
      this.restartNode(this.nodes[k]);
    }
  }

  /** Schedules a partition of the given node groups over [from, to). */
  schedulePartition(groups: readonly (readonly number[])[], oneWay: boolean, from: number, to: number | undefined): void {
    const partition: PartitionRun = { id: this.nextPartitionId++, groups, oneWay };
    const first = groups[0]?.[0] ?? 0;
    this.schedule(from, 'partition-start', first, { partition });
    if (to !== undefined) this.schedule(to, 'partition-end', first, { partition });
  }

  /** Strikes of targeted nemeses so far: they take their `kinds` in turn. */
  private strikes = 0;

  /** A nemesis with a target strikes: crash the node the world names, or cut it off from the others; then the next strike. */
  private strike(fault: NemesisFault): void {
    const busiest = this.busiest.get(fault);
    if (busiest) {
      const next = busiest.strike(this.now, (k) => this.nodes[k].up);
      if (fault.to === undefined || next < fault.to) this.schedule(next, 'strike', 0, { data: fault });
      return;
    }
    const kind = fault.kinds[this.strikes++ % fault.kinds.length];
    let id: NodeId | undefined;
    try {
      id = typeof fault.target === 'function' ? fault.target(this.refreshView()) : undefined;
    } catch (error) {
      return this.fail(this.nodes[0], Math.max(0, this.eventCount - 1), 'nemesis target', error);
    }
    const k = id === undefined ? undefined : this.setup.indexOf.get(id);
    const end = this.now + fault.duration;
    if (k !== undefined && kind === 'crash' && this.nodes[k].up) {
      this.crashNode(this.nodes[k]);
      this.schedule(end, 'restart', k);
    } else if (k !== undefined && kind === 'partition') {
      this.schedulePartition([[k], this.nodes.map((n) => n.index).filter((j) => j !== k)], false, this.now, end);
    }
    const next = this.now + fault.every;
    if (fault.to === undefined || next < fault.to) this.schedule(next, 'strike', 0, { data: fault });
  }

  /** After `node`'s step sent messages: a busiest-node nemesis armed against it fails it now, with those messages in flight. */
  private strikeAfterSend(node: NodeRuntime): void {
    for (const nemesis of this.busiest.values()) {
      const armed = nemesis.fire(node.index);
      if (armed && node.up && !this.healed) this.failNode(node, armed);
    }
  }

  /** Cuts `node` off from every other node at once (what it has in flight is lost) for the strike's duration; a crash also takes it down until then. */
  private failNode(node: NodeRuntime, armed: ArmedStrike): void {
    const end = this.now + armed.duration;
    const partition: PartitionRun = { id: this.nextPartitionId++, groups: [[node.index], this.nodes.map((n) => n.index).filter((k) => k !== node.index)], oneWay: false };
    this.togglePartition(new Pending(this.now, -1, 'partition-start', node.index, null, null, null, undefined, partition));
    this.schedule(end, 'partition-end', node.index, { partition });
    if (armed.kind !== 'crash') return;
    this.crashNode(node);
    this.schedule(end, 'restart', node.index);
  }

  /** Prepares a node's context for a handler call. */
  private beginHandler(node: NodeRuntime, from: NodeId | undefined): NodeContext {
    const ctx = node.context;
    ctx.now = node.skewed ? this.localTime(node, this.now) : this.now;
    ctx.from = from;
    return ctx;
  }

  /** After a handler returned: takes its new state and applies the commands it recorded. */
  private endHandler(node: NodeRuntime, event: number, result: unknown): void {
    if (result !== undefined) {
      node.state = result;
      this.stateView[node.id] = result;
    }
    const ctx = node.context;
    const out = ctx.out;
    const count = ctx.outLength;
    // Applying a command never runs a handler of this node, so the buffer is not written while it is read.
    ctx.outLength = 0;
    for (let k = 0; k < count; k++) this.applyCommand(node, out[k], event);
    this.recorder?.state(node.index, event, node.state);
    // After the step's state is recorded, so that a crash it causes comes after it in the trace.
    if (this.busiest.size > 0 && sendsAmong(out, count)) this.strikeAfterSend(node);
  }

  private handlerThrew(node: NodeRuntime, event: number, handler: string, error: unknown): void {
    node.context.clearCommands();
    this.fail(node, event, handler, error);
  }

  /** Records the error a handler threw and halts the world. */
  fail(node: NodeRuntime, event: number, handler: string, error: unknown): void {
    const isError = typeof error === 'object' && error !== null && 'message' in error;
    const name = isError ? String((error as Error).name ?? 'Error') : 'Error';
    const message = isError ? String((error as Error).message) : String(error);
    const stack = isError && typeof (error as Error).stack === 'string' ? (error as Error).stack : undefined;
    this.error = { name, message, ...(stack ? { stack } : {}), node: node.id, handler, event };
    this.thrown = error;
    this.recorder?.markError(event, `${name}: ${message}`);
  }

  private applyCommand(node: NodeRuntime, command: Command, cause: number): void {
    switch (command.op) {
      case 'send':
        return this.send(node, command.to, command.index, command.msg, cause);
      case 'timer-set': {
        const at = this.now + command.delay / (1 + node.drift);
        const entry = this.schedule(at, 'timer', node.index, { timer: command.name, data: cloneValue(command.data) });
        node.timers.set(command.name, entry.seq);
        const i = this.eventCount++;
        this.recorder?.event(i, 'timer-set', node.index, this.now, this.local(node), { timer: command.name, data: encodeValue(command.delay), cause });
        return;
      }
      case 'timer-cancel': {
        if (!node.timers.delete(command.name)) return;
        const i = this.eventCount++;
        this.recorder?.event(i, 'timer-cancel', node.index, this.now, this.local(node), { timer: command.name, cause });
        return;
      }
      case 'effect': {
        const i = this.eventCount++;
        const data = cloneValue(command.data);
        this.effects.push({ node: node.id, kind: command.kind, data, t: this.now, event: i });
        this.recorder?.event(i, 'effect', node.index, this.now, this.local(node), { label: command.kind, data: encodeValue(data), cause });
        return;
      }
      case 'log': {
        const i = this.eventCount++;
        this.recorder?.event(i, 'log', node.index, this.now, this.local(node), { label: command.text, ...(command.data === undefined ? {} : { data: encodeValue(command.data) }), cause });
        return;
      }
      case 'invoke': {
        const i = this.eventCount++;
        const op = this.historyLog.invoke(command.id, node.id, command.operation, this.now, i);
        this.recorder?.event(i, 'invoke', node.index, this.now, this.local(node), { label: op.f, data: op.input, cause });
        return;
      }
      case 'complete': {
        const op = this.historyLog.open(command.id);
        if (!op) return;
        const i = this.eventCount++;
        this.historyLog.complete(op, command.status, command.output, this.now, i);
        this.recorder?.event(i, 'complete', node.index, this.now, this.local(node), { label: `${op.f} ${command.status}`, ...(op.output === undefined ? {} : { data: op.output }), cause });
        return;
      }
    }
  }

  /** `index` is that of node `to` when the sender knows it (see Command), else -1. */
  private send(node: NodeRuntime, to: NodeId, index: number, msg: Message, cause: number): void {
    const i = this.eventCount++;
    const id = this.nextMessageId++;
    this.counts.messagesSent++;
    if (this.busiest.size > 0) for (const nemesis of this.busiest.values()) nemesis.sent(node.index, this.now);
    let payload = cloneValue(msg);
    const toIndex = index >= 0 ? index : this.setup.indexOf.get(to);
    const recorder = this.recorder;
    if (recorder) {
      recorder.send(i, node.index, this.now, this.local(node), id, cause);
      recorder.message(id, payload.type, to, payload, i);
    }
    if (toIndex === undefined) return this.dropAtSend(id, node.index, 'unknown-node');
    const byzantine = node.byzantine;
    let extraDelay = 0;
    if (byzantine) {
      if (byzantine.drop !== undefined && this.random.chance(byzantine.drop)) return this.dropAtSend(id, node.index, 'byzantine');
      if (byzantine.tamper) payload = cloneValue(byzantine.tamper(payload, to, () => this.random.next()));
      extraDelay = byzantine.delay ?? 0;
    }
    const link = this.links[node.index * this.setup.ids.length + toIndex];
    const corruptedBy = this.corruptionOf(node, payload.type, link.corrupt);
    if (corruptedBy) {
      // A copy: the trace keeps the payload as the handler sent it.
      const corrupted = cloneValue(payload);
      const change = corruptPayload(corrupted as unknown as Record<string, unknown>, this.random);
      if (change) {
        payload = corrupted;
        const c = this.eventCount++;
        recorder?.networkEvent(c, 'corrupt', node.index, this.now, { msg: id, cause: i, label: corruptedBy, data: change as unknown as JsonValue });
      }
    }
    const message: SentMessage = { id, type: payload.type, from: node.index, to: toIndex, sentAt: this.now, sendEvent: i, deliveries: 0 };
    const copies = this.random.chance(link.duplicate) ? 2 : 1;
    if (copies === 2) {
      const d = this.eventCount++;
      recorder?.networkEvent(d, 'duplicate', node.index, this.now, { msg: id, cause: i });
    }
    for (let copy = 0; copy < copies; copy++) {
      if (this.partitions.isCut(node.index, toIndex)) {
        this.dropAtSend(id, node.index, 'partition');
        continue;
      }
      if (this.random.chance(link.loss)) {
        this.dropAtSend(id, node.index, 'loss');
        continue;
      }
      let at = this.now + link.latency(this.random) + extraDelay;
      if (this.setup.fifo) {
        const k = node.index * this.setup.ids.length + toIndex;
        if (at < this.fifoArrival[k]) at = this.fifoArrival[k];
        this.fifoArrival[k] = at;
      }
      // The entry is built here rather than by `schedule`: no options object per delivery.
      this.queue.push(new Pending(at, this.seq++, 'deliver', toIndex, message, copy === 0 ? payload : cloneValue(payload), null, undefined, null));
      recorder?.copyInFlight(id);
    }
  }

  /**
   * Whether a message `node` sends now is corrupted, and by what: its own
   * `corrupt` fault, else the link. Draws a random number only when one of
   * them may corrupt, so runs without corruption are unchanged.
   */
  private corruptionOf(node: NodeRuntime, type: string, linkProbability: number): 'node' | 'network' | undefined {
    const fault = node.corrupting;
    if (fault && !this.healed && this.now >= fault.from && (fault.to === undefined || this.now < fault.to) && (!fault.types || fault.types.includes(type)) && this.random.chance(fault.probability)) return 'node';
    return this.random.chance(linkProbability) ? 'network' : undefined;
  }

  /** A copy lost as it was sent: drawn on the sender at the send time. */
  private dropAtSend(id: number, node: number, reason: LossReason): void {
    const i = this.eventCount++;
    this.counts.dropped++;
    const recorder = this.recorder;
    if (!recorder) return;
    recorder.networkEvent(i, 'drop', node, this.now, { msg: id, reason });
    recorder.drop(id, i, this.now, reason, false);
  }

  /** A copy lost on arrival: drawn on the receiver at the arrival time. */
  private dropCopy(message: SentMessage, node: number, reason: LossReason, inFlight: boolean): void {
    const i = this.eventCount++;
    this.counts.dropped++;
    const recorder = this.recorder;
    if (!recorder) return;
    recorder.networkEvent(i, 'drop', node, this.now, { msg: message.id, reason });
    recorder.drop(message.id, i, this.now, reason, inFlight);
  }

  /** Runs the `start` of every node at time 0 (called once, before the first step). */
  scheduleStarts(): void {
    for (const node of this.nodes) this.schedule(0, 'start', node.index);
  }

  /** Sets a node's initial state (after `init`). */
  initialState(node: NodeRuntime, state: unknown): void {
    node.state = state;
    this.stateView[node.id] = state;
  }

  /**
   * Refreshes the view properties see. `event` is the first event of the last
   * step (the delivery or timer whose handler changed things), or at the end
   * of the run the last event.
   */
  refreshView(atEnd = false): WorldView {
    this.view.now = this.now;
    this.view.event = atEnd ? this.eventCount - 1 : this.stepEvent;
    return this.view;
  }

  /** The handlers run so far, per node in node order, as RunResult.handlerRuns lists them. */
  handlerRunList(): HandlerRuns[] {
    return this.handlers.list(this.setup.ids);
  }

  /** Copies node fields into a fresh world sharing this one's setup (used by `clone`). */
  adoptCounters(from: World): void {
    this.now = from.now;
    this.eventCount = from.eventCount;
    this.seq = from.seq;
    this.nextMessageId = from.nextMessageId;
    this.nextOperation = from.nextOperation;
    this.nextPartitionId = from.nextPartitionId;
    this.strikes = from.strikes;
    for (const [fault, nemesis] of from.busiest) this.busiest.set(fault, nemesis.clone());
    this.healed = from.healed;
    this.links = from.links;
    for (const [id, partition] of from.activePartitions) this.activePartitions.set(id, partition);
    this.effects.push(...from.effects);
    this.historyLog.copyFrom(from.historyLog);
    Object.assign(this.counts, from.counts);
    this.handlers.copyFrom(from.handlers);
    this.fifoArrival.set(from.fifoArrival);
    for (const node of this.nodes) {
      this.stateView[node.id] = node.state;
      this.upView[node.id] = node.up;
    }
  }

}
