/**
 * Each delivered payload carries its sender under a symbol, for `ctx.reply`
 * (also to a request kept in state and answered later, in this world or a
 * clone of it). Symbol keys are invisible to for-in, Object.keys and JSON,
 * so encodings and comparisons of state ignore it; a WeakMap cost twice as
 * much per delivery.
 */
import type { NodeId } from '../api/types';

const SENDER: unique symbol = Symbol('protocol-notebook.sender');
type SenderTagged = { [SENDER]?: NodeId };

/** Marks `payload` as sent by `from`. */
export function tagSender(payload: object, from: NodeId): void {
  (payload as SenderTagged)[SENDER] = from;
}

/** The sender `payload` was delivered from, if it is a delivered payload (or a copy of one). */
export function senderOf(payload: unknown): NodeId | undefined {
  return typeof payload === 'object' && payload !== null ? (payload as SenderTagged)[SENDER] : undefined;
}

/** Gives `copy` the sender tag of `original`, if it has one. */
export function copySender(original: object, copy: object): void {
  const from = (original as SenderTagged)[SENDER];
  if (from !== undefined) (copy as SenderTagged)[SENDER] = from;
}
