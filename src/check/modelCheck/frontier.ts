/**
 * One level of the breadth-first search, held in typed arrays instead of as
 * model states. A level lives long enough for the garbage collector to copy
 * every state object in it out of the young generation and later mark it in
 * the old one; most of the search's collection time went there. Here a state
 * is a row of integers: its number, fingerprint, crash count, and the node
 * slots and envelopes it holds, as indexes into this level's list of the
 * (few, shared) slot and envelope objects. A state is rebuilt when its turn
 * to be expanded comes, and dies young.
 */
import type { HistoryOperation } from '../../common/history';
import type { EffectLink, Envelope, ModelState, NodeSlot } from './modelState';

/** Integers before a row's slots: number, error flag, crashes, fingerprint (2), network hash (2), history hash (2), extras index, network length, node hash sums (2). */
const HEADER = 13;
const NO_HISTORY: readonly HistoryOperation[] = Object.freeze([]);

/** Levels so far, across searches: an object's mark says which level's list holds it. */
let levels = 0;

/** What a row keeps by reference: rare in most protocols, so only allocated when present. */
interface Extras {
  effects: EffectLink | null;
  history: readonly HistoryOperation[];
}

export class Frontier {
  private rows = new Int32Array(1 << 12);
  private used = 0;
  private starts = new Int32Array(1 << 10);
  private nows = new Float64Array(1 << 10);
  private count = 0;
  private level = ++levels;
  private readonly slots: NodeSlot[] = [];
  private readonly envelopes: Envelope[] = [];
  private readonly extras: Extras[] = [];

  constructor(private readonly nodeCount: number) {}

  /** Number of states in the level. */
  get length(): number {
    return this.count;
  }

  /** Empties the level (the object lists go too, so objects no other level holds can be collected). */
  clear(): void {
    this.used = 0;
    this.count = 0;
    this.level = ++levels;
    this.slots.length = 0;
    this.envelopes.length = 0;
    this.extras.length = 0;
  }

  /** Appends `state`, the search's state number `index`. */
  push(state: ModelState, index: number): void {
    const n = this.nodeCount;
    const network = state.network;
    const size = HEADER + n + network.length;
    if (this.used + size > this.rows.length) this.rows = grown(this.rows, this.used + size);
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count + 1);
      const nows = new Float64Array(this.nows.length * 2);
      nows.set(this.nows);
      this.nows = nows;
    }
    const rows = this.rows;
    const at = this.used;
    this.starts[this.count] = at;
    this.nows[this.count] = state.now;
    this.count++;
    this.used = at + size;
    rows[at] = index;
    rows[at + 1] = state.error ? 1 : 0;
    rows[at + 2] = state.crashes;
    rows[at + 3] = state.a;
    rows[at + 4] = state.b;
    rows[at + 5] = state.networkA;
    rows[at + 6] = state.networkB;
    rows[at + 7] = state.historyA;
    rows[at + 8] = state.historyB;
    if (state.effects !== null || state.history.length > 0) {
      rows[at + 9] = this.extras.length;
      this.extras.push({ effects: state.effects, history: state.history });
    } else rows[at + 9] = -1;
    rows[at + 10] = network.length;
    rows[at + 11] = state.nodesA;
    rows[at + 12] = state.nodesB;
    const level = this.level;
    const nodes = state.nodes;
    for (let k = 0; k < n; k++) {
      const slot = nodes[k];
      if (slot.mark !== level) {
        slot.mark = level;
        slot.id = this.slots.length;
        this.slots.push(slot);
      }
      rows[at + HEADER + k] = slot.id;
    }
    for (let i = 0, to = at + HEADER + n; i < network.length; i++) {
      const envelope = network[i];
      if (envelope.mark !== level) {
        envelope.mark = level;
        envelope.id = this.envelopes.length;
        this.envelopes.push(envelope);
      }
      rows[to + i] = envelope.id;
    }
  }

  /** The search's number of the `i`th state. */
  index(i: number): number {
    return this.rows[this.starts[i]];
  }

  /** The `i`th state, rebuilt; undefined for a state a handler error ended (it is not expanded). */
  state(i: number): ModelState | undefined {
    const rows = this.rows;
    const at = this.starts[i];
    if (rows[at + 1] !== 0) return undefined;
    const n = this.nodeCount;
    const nodes = new Array<NodeSlot>(n);
    for (let k = 0; k < n; k++) nodes[k] = this.slots[rows[at + HEADER + k]];
    const length = rows[at + 10];
    const network = new Array<Envelope>(length);
    for (let j = 0, from = at + HEADER + n; j < length; j++) network[j] = this.envelopes[rows[from + j]];
    const extras = rows[at + 9] >= 0 ? this.extras[rows[at + 9]] : undefined;
    return {
      nodes,
      nodesA: rows[at + 11],
      nodesB: rows[at + 12],
      network,
      networkA: rows[at + 5],
      networkB: rows[at + 6],
      effects: extras ? extras.effects : null,
      history: extras ? extras.history : NO_HISTORY,
      historyA: rows[at + 7],
      historyB: rows[at + 8],
      crashes: rows[at + 2],
      now: this.nows[i],
      // Silence matters only on arrival (to judge properties), and the state was judged then.
      silent: false,
      error: undefined,
      a: rows[at + 3],
      b: rows[at + 4],
    };
  }
}

function grown(array: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  let length = array.length * 2;
  while (length < atLeast) length *= 2;
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}
