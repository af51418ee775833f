/** `node()`: how a protocol cell defines a kind of node. */
import type { ErasedNodeSpec, Message, NodeDefinition, NodeSpec } from './types';

/**
 * Defines a kind of node: its initial state, a handler per message type,
 * timers, and what it does when it starts and when it recovers from a crash.
 * Give it an id in `simulate({ nodes: { a: MyNode } })`.
 *
 * @typeParam S - the node's state: plain data (objects, arrays, Map, Set).
 * @typeParam M - the union of the messages it sends and receives, each with a `type`.
 * @typeParam D - its durable storage (`ctx.durable`), which survives crashes.
 *
 * @example
 * const Account = node<{ balance: number }, Msg>({
 *   name: 'Account',
 *   init: () => ({ balance: 0 }),
 *   on: {
 *     deposit(state, msg, ctx) {
 *       state.balance += msg.amount;
 *       ctx.reply(msg, { type: 'ack', id: msg.id });
 *     },
 *   },
 * });
 */
export function node<S, M extends Message = Message, D = Record<string, unknown>>(spec: NodeSpec<S, M, D>): NodeDefinition<S, M, D> {
  return define(spec, 'node');
}

/** Makes a definition of either role; checks what TypeScript cannot (the cell may be plain JavaScript). */
export function define<S, M extends Message, D>(spec: NodeSpec<S, M, D>, role: 'node' | 'client'): NodeDefinition<S, M, D> {
  if (spec === null || typeof spec !== 'object') throw new TypeError('node(): give it an object: node({ init, on: { ... } })');
  if (typeof spec.init !== 'function') throw new TypeError('node(): `init` must be a function returning the initial state, e.g. init: () => ({ count: 0 })');
  if (spec.on === null || typeof spec.on !== 'object') throw new TypeError('node(): `on` must be an object with a handler per message type');
  for (const [type, handler] of Object.entries(spec.on)) {
    if (typeof handler !== 'function') throw new TypeError(`node(): on.${type} must be a function (state, msg, ctx) => …`);
  }
  for (const [name, handler] of Object.entries(spec.timers ?? {})) {
    if (typeof handler !== 'function') throw new TypeError(`node(): timers.${name} must be a function (state, ctx, data) => …`);
  }
  return {
    kind: 'protocol-notebook/node',
    ...(spec.name === undefined ? {} : { name: spec.name }),
    role,
    spec: spec as unknown as ErasedNodeSpec,
  };
}

/**
 * `count` ids for copies of one definition: `cluster(Replica, 3)` is
 * `{ n1: Replica, n2: Replica, n3: Replica }`, to spread into `nodes`.
 */
export function cluster<S, M extends Message, D>(definition: NodeDefinition<S, M, D>, count: number, prefix = 'n'): Record<string, NodeDefinition<S, M, D>> {
  const nodes: Record<string, NodeDefinition<S, M, D>> = {};
  for (let k = 1; k <= count; k++) nodes[`${prefix}${k}`] = definition;
  return nodes;
}
