/**
 * The `ctx` handlers receive. It never acts: every call appends a command to
 * `out`, and the world applies the commands when the handler returns
 * (stateright's `Out`). That keeps a step a pure function of
 * (state, message) -> (state, commands), which is what lets the idempotency
 * check and the explorers replay a handler against a copy of a node.
 */
import type { Context, Message, NodeId, Operation, OperationStatus } from '../api/types';
import type { Random } from './random';

/** What a handler asked for, in the order it asked. */
export type Command =
  /**
   * `reply` is true on answers to the sender of a received message
   * (`ctx.reply`); `index` is the destination's position in the run's nodes
   * (-1 for a context without a directory).
   */
  | { op: 'send'; to: NodeId; index: number; msg: Message; reply: boolean }
  | { op: 'timer-set'; name: string; delay: number; data: unknown }
  | { op: 'timer-cancel'; name: string }
  | { op: 'effect'; kind: string; data: unknown }
  | { op: 'log'; text: string; data: unknown }
  | { op: 'invoke'; id: number; operation: Operation }
  | { op: 'complete'; id: number; status: OperationStatus; output: unknown };

/** Where a context takes what it cannot know by itself. */
export interface ContextHost {
  /** The sender of a message this node received, for `reply`. */
  senderOf(message: Message): NodeId | undefined;
  /** A fresh operation id for `invoke`. */
  nextOperationId(): number;
}

/** Who is in a run: its node ids and its groups (configured, and one per node kind name). Shared by every context of a world. */
export interface NodeDirectory {
  readonly ids: readonly NodeId[];
  readonly groups: ReadonlyMap<string, readonly NodeId[]>;
}

/** The directory of a run with node ids `ids`, kinds `kinds` (a definition's name, per id) and the configured `groups`. */
export function nodeDirectory(ids: readonly NodeId[], kinds: readonly (string | undefined)[], configured: Readonly<Record<string, readonly NodeId[]>> = {}): NodeDirectory {
  const groups = new Map<string, NodeId[]>();
  ids.forEach((id, k) => {
    const kind = kinds[k];
    if (kind !== undefined) groups.set(kind, [...(groups.get(kind) ?? []), id]);
  });
  for (const [name, members] of Object.entries(configured)) {
    const unknown = members.filter((m) => !ids.includes(m));
    if (unknown.length > 0) throw new Error(`simulate: groups.${name} names unknown node${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')} (nodes: ${ids.join(', ')})`);
    groups.set(name, [...members]);
  }
  return { ids, groups };
}

/** One node's context, reused for every handler call of that node. */
export class NodeContext implements Context<Message, Record<string, unknown>> {
  now = 0;
  from: NodeId | undefined = undefined;
  /**
   * The commands of the current handler call: the first `outLength` entries
   * of `out`. The buffer is reused from call to call (a fresh array per call
   * cost a tenth of a delivery), so entries past `outLength` are stale.
   */
  out: Command[] = [];
  outLength = 0;

  constructor(
    readonly self: NodeId,
    readonly peers: readonly NodeId[],
    public durable: Record<string, unknown>,
    public randomSource: Random,
    /** Set by the world that owns this node. */
    public host: ContextHost,
    /** The run's nodes and groups; without it, sends are not checked and there are no groups. */
    readonly directory?: NodeDirectory,
  ) {}

  /** The commands recorded since the last take, in a new array; the buffer is left empty. */
  takeCommands(): Command[] {
    const commands = this.out.slice(0, this.outLength);
    this.outLength = 0;
    return commands;
  }

  /** Forgets the commands recorded (a handler threw, or a call starts). */
  clearCommands(): void {
    this.outLength = 0;
  }

  group(name: string): readonly NodeId[] {
    const members = this.directory?.groups.get(name);
    if (!members) throw new Error(`ctx.group('${name}'): no such group (groups: ${[...(this.directory?.groups.keys() ?? [])].join(', ') || 'none'}); name one in simulate({ groups }) or give the node kind that \`name\``);
    return members;
  }

  send(to: NodeId, msg: Message): void {
    const index = this.checkSend(to, msg);
    // Every send command has the same fields, `reply` included: one object shape where the world reads them.
    this.out[this.outLength++] = { op: 'send', to, index, msg, reply: false };
  }

  reply(request: Message, response: Message): void {
    const to = this.host.senderOf(request);
    if (to === undefined) throw new Error('ctx.reply: the request was not received by this node, so there is no one to reply to');
    const index = this.checkSend(to, response);
    this.out[this.outLength++] = { op: 'send', to, index, msg: response, reply: true };
  }

  /** Checks a send; returns the destination's index in the directory (-1 without one). */
  private checkSend(to: NodeId, msg: Message): number {
    if (typeof to !== 'string') throw new TypeError(`ctx.send: the destination must be a node id, got ${String(to)}`);
    const index = this.directory ? this.directory.ids.indexOf(to) : -1;
    if (this.directory && index < 0) throw new Error(`ctx.send: there is no node '${to}' in this run (nodes: ${this.directory.ids.join(', ')})`);
    if (msg === null || typeof msg !== 'object' || typeof msg.type !== 'string') throw new TypeError('ctx.send: a message must be an object with a string `type`');
    return index;
  }

  broadcast(msg: Message, options?: { includeSelf?: boolean }): void {
    for (const peer of this.peers) this.send(peer, msg);
    if (options?.includeSelf) this.send(this.self, msg);
  }

  setTimer(name: string, delay: number, data?: unknown): void {
    if (!(typeof delay === 'number' && delay >= 0 && Number.isFinite(delay))) throw new RangeError(`ctx.setTimer('${name}'): the delay must be a non-negative number, got ${String(delay)}`);
    this.out[this.outLength++] = { op: 'timer-set', name, delay, data };
  }

  cancelTimer(name: string): void {
    this.out[this.outLength++] = { op: 'timer-cancel', name };
  }

  random(): number {
    return this.randomSource.next();
  }

  randomInt(min: number, max: number): number {
    return this.randomSource.int(min, max);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('ctx.pick: the list is empty');
    return items[this.randomSource.int(0, items.length - 1)];
  }

  effect(kind: string, data?: unknown): void {
    this.out[this.outLength++] = { op: 'effect', kind, data };
  }

  log(text: string, data?: unknown): void {
    this.out[this.outLength++] = { op: 'log', text: String(text), data };
  }

  invoke(operation: Operation): number {
    const id = this.host.nextOperationId();
    this.out[this.outLength++] = { op: 'invoke', id, operation };
    return id;
  }

  complete(operationId: number, status: OperationStatus, output?: unknown): void {
    this.out[this.outLength++] = { op: 'complete', id: operationId, status, output };
  }
}
