/**
 * Runs one message handler against a copy of a node, away from its world:
 * nothing in the world changes (not its random streams, not its counters).
 * The result is the handler's new state and the commands it recorded.
 */
import type { Message, NodeId } from '../api/types';
import { NodeContext, type Command } from './context';
import type { Random } from './random';
import { messageHandler } from './nodeHandlers';
import { cloneValue } from './values';
import type { NodeRuntime, World } from './world';

export interface DetachedResult {
  state: unknown;
  durable: Record<string, unknown>;
  commands: Command[];
  /** Set when the handler threw. */
  error?: unknown;
}

/**
 * Delivers `payload` from `from` to a copy of `node` whose state is `state`
 * and durable storage `durable` (both are used as given: pass copies), with
 * random numbers from `random`.
 */
export function runHandlerDetached(world: World, node: NodeRuntime, from: NodeId, payload: Message, state: unknown, durable: Record<string, unknown>, random: Random): DetachedResult {
  const spec = node.definition.spec;
  const handler = messageHandler(spec, payload.type);
  const message = cloneValue(payload);
  let operation = 0;
  const ctx = new NodeContext(node.id, node.context.peers, durable, random, {
    senderOf: (m) => (m === message ? from : world.host.senderOf(m)),
    nextOperationId: () => -1 - operation++,
  }, node.context.directory);
  ctx.now = node.context.now;
  ctx.from = from;
  if (!handler) return { state, durable, commands: [] };
  try {
    const result = handler(state, message, ctx);
    return { state: result === undefined ? state : result, durable, commands: ctx.takeCommands() };
  } catch (error) {
    return { state, durable, commands: ctx.takeCommands(), error };
  }
}
