/**
 * The states a model checker walks through: an immutable, hash-carrying
 * snapshot of a protocol's nodes, the messages in flight, and what clients and
 * effects recorded. A successor shares every node it did not touch with its
 * parent, so a step costs a copy of one node's state, and the fingerprint is
 * updated from the hashes of the parts that changed.
 */
import type { HistoryOperation } from '../../common/history';
import type { Message } from '../../engine/api/types';
import type { Random } from '../../engine/model/random';
import type { EffectRecord } from '../../engine/api/propertyTypes';

/** An armed timer: `at` is its due time (kept for replays; not part of the fingerprint). */
export interface TimerEntry {
  readonly name: string;
  readonly data: unknown;
  readonly at: number;
  /** Its `timer` action, made on first use (a timer entry belongs to one node). */
  action?: Action;
}

/** One node: its state and the hash of each part, so an unchanged part is not hashed again. */
export interface NodeSlot {
  readonly state: unknown;
  readonly durable: Record<string, unknown>;
  readonly random: Random;
  readonly up: boolean;
  /** Sorted by name. */
  readonly timers: readonly TimerEntry[];
  readonly stateHash: Lanes;
  readonly durableHash: Lanes;
  readonly randomHash: Lanes;
  readonly timersHash: Lanes;
  /** Hash of the whole slot. */
  readonly a: number;
  readonly b: number;
  /** What this node's handlers did from this slot, per message or timer (see StepMemo in protocolModel.ts). */
  memo: Map<number | string, MemoizedStep> | undefined;
  /** The frontier level that lists this slot, and its place in that list (see frontier.ts). */
  mark: number;
  id: number;
}

/** The outcome of a handler that depended only on the node's slot and the message or timer: reusable in any state holding that slot. */
export interface MemoizedStep {
  readonly slot: NodeSlot;
  readonly sent: readonly Envelope[];
  /** For a message: lane B of its hash (the key is lane A); 0 for a timer. */
  readonly check: number;
}

/** A 64-bit hash as two 32-bit lanes. */
export interface Lanes {
  readonly a: number;
  readonly b: number;
}

/** A message copy in flight. Its hash covers sender, receiver, payload and whether it may still be duplicated. */
export interface Envelope {
  readonly from: number;
  readonly to: number;
  readonly payload: Message;
  /** True while the network may still deliver it twice (a message is duplicated at most once, as in simulation). */
  readonly canDuplicate: boolean;
  /** Arrival time in replays (send time + 1). */
  readonly at: number;
  /** Send time (the time model's deliveries are whole delays after it). */
  readonly sent: number;
  readonly a: number;
  readonly b: number;
  /** Its deliver, drop and duplicate actions, made on first use. */
  actions: { readonly deliver: Action; readonly drop: Action; readonly duplicate: Action } | undefined;
  /** The frontier level that lists this envelope, and its place in that list (see frontier.ts). */
  mark: number;
  id: number;
}

/** Effects recorded so far, newest first, with a running hash of the sequence. */
export interface EffectLink {
  readonly effect: EffectRecord;
  readonly previous: EffectLink | null;
  readonly length: number;
  readonly a: number;
  readonly b: number;
}

/** A handler that threw on the step into a state: the search reports it as a failure. */
export interface ModelError {
  node: string;
  handler: string;
  name: string;
  message: string;
}

export interface ModelState {
  readonly nodes: readonly NodeSlot[];
  /** Sums of the nodes' slot hashes, lane by lane. */
  readonly nodesA: number;
  readonly nodesB: number;
  /** Messages in flight, sorted by hash: the order of actions depends only on the state, never on the path. */
  readonly network: readonly Envelope[];
  /** Order-independent sum of the envelope hashes. */
  readonly networkA: number;
  readonly networkB: number;
  readonly effects: EffectLink | null;
  /** Client operations; an operation's id is its index. */
  readonly history: readonly HistoryOperation[];
  /** Running hash of invocations and completions, in order. */
  readonly historyA: number;
  readonly historyB: number;
  /** Crashes injected so far. */
  readonly crashes: number;
  /** Virtual time of the path that reached this state (not part of the fingerprint). */
  readonly now: number;
  /**
   * Reached by time passing alone (the time model's tick), not at the heal:
   * no event happened, so, as in a simulated run, properties are not judged
   * here (only deadlines are).
   */
  readonly silent: boolean;
  readonly error: ModelError | undefined;
  /** Fingerprint. */
  readonly a: number;
  readonly b: number;
}

/** A nondeterministic choice: which message is delivered, lost or duplicated, which timer fires, which node crashes or restarts; under the time model, that time passes. */
export type Action =
  | { readonly kind: 'deliver'; readonly envelope: Envelope }
  | { readonly kind: 'drop'; readonly envelope: Envelope }
  | { readonly kind: 'duplicate'; readonly envelope: Envelope }
  | { readonly kind: 'timer'; readonly node: number; readonly name: string }
  | { readonly kind: 'crash'; readonly node: number }
  | { readonly kind: 'restart'; readonly node: number }
  | { readonly kind: 'tick' };

/** Effects as an array, oldest first (cached per link: many states share one). */
const effectArrays = new WeakMap<EffectLink, readonly EffectRecord[]>();
export function effectsOf(link: EffectLink | null): readonly EffectRecord[] {
  if (!link) return [];
  let array = effectArrays.get(link);
  if (!array) {
    const list: EffectRecord[] = new Array(link.length);
    for (let at: EffectLink | null = link, i = link.length - 1; at; at = at.previous, i--) list[i] = at.effect;
    array = list;
    effectArrays.set(link, array);
  }
  return array;
}
