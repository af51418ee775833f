/**
 * Symmetry reduction: states that differ only by a renaming of
 * interchangeable nodes (copies of one definition, e.g. the resource
 * managers of a two-phase commit) get one fingerprint, so the search visits
 * one state per class.
 *
 * The canonical renaming orders each class's nodes by a hash that ignores
 * which member is which (every member's id hashes alike), then hashes the
 * whole state with each member's id replaced by the id of its position, in
 * node states, payloads, senders and receivers, effects and history. Ties are
 * broken by node order, which can only miss a reduction, never merge states
 * that are not renamings of each other.
 */
import { effectsOf, type ModelState } from './modelState';
import type { ProtocolModel } from './protocolModel';
import * as valueHash from './valueHash';

// Bound once (see protocolModel.ts).
const { finish, hashValue, lanes, mixA, mixB } = valueHash;

export class SymmetryReduction {
  private readonly classes: number[][];
  /** Every member id -> the id of its class's first member (class-blind). */
  private readonly blind: Map<string, string>;
  private readonly classOf: Int32Array;
  private readonly keys: Float64Array;

  constructor(private readonly model: ProtocolModel) {
    this.classes = model.symmetryClasses();
    this.blind = new Map();
    this.classOf = new Int32Array(model.ids.length).fill(-1);
    this.classes.forEach((members, c) => {
      for (const k of members) {
        this.blind.set(model.ids[k], `\u0000class${c}`);
        this.classOf[k] = c;
      }
    });
    this.keys = new Float64Array(model.ids.length);
  }

  /** True when some nodes are interchangeable. */
  get reduces(): boolean {
    return this.classes.length > 0;
  }

  /** The fingerprint of `state`'s class under renamings of interchangeable nodes. */
  fingerprint(state: ModelState): { a: number; b: number } {
    const ids = this.model.ids;
    const n = ids.length;
    // 1. A class-blind key per node: its own parts plus the messages it sends and receives.
    for (let k = 0; k < n; k++) this.keys[k] = this.slotHash(state, k, this.blind, 0);
    for (const e of state.network) {
      hashValue([this.blind.get(ids[e.from]) ?? ids[e.from], this.blind.get(ids[e.to]) ?? ids[e.to], e.payload, e.canDuplicate], 17, this.blind);
      const h = lanes.a >>> 0;
      this.keys[e.from] = (this.keys[e.from] + h * 3) % 4294967296;
      this.keys[e.to] = (this.keys[e.to] + h) % 4294967296;
    }
    // 2. Each class in key order: member k takes the id of the class's position it sorts to.
    const position = new Int32Array(n);
    for (let k = 0; k < n; k++) position[k] = k;
    const rename = new Map<string, string>();
    for (const members of this.classes) {
      const sorted = [...members].sort((x, y) => this.keys[x] - this.keys[y] || x - y);
      sorted.forEach((k, rank) => {
        position[k] = members[rank];
        rename.set(ids[k], ids[members[rank]]);
      });
    }
    // 3. The renamed state, hashed in canonical node order.
    const canonical = new Int32Array(n);
    for (let k = 0; k < n; k++) canonical[position[k]] = k;
    let a = 0x510e527f;
    let b = 0x9b05688c;
    for (let p = 0; p < n; p++) {
      const k = canonical[p];
      this.slotHash(state, k, rename, p);
      a = mixA(a, lanes.a);
      b = mixB(b, lanes.b);
    }
    let netA = 0;
    let netB = 0;
    for (const e of state.network) {
      hashValue([position[e.from], position[e.to], e.payload, e.canDuplicate], 19, rename);
      netA = (netA + lanes.a) | 0;
      netB = (netB + lanes.b) | 0;
    }
    const effects = effectsOf(state.effects);
    let effectsA = 0;
    let effectsB = 0;
    if (this.model.faults.effectsMultiset) {
      for (const e of effects) {
        hashValue([e.node, e.kind, e.data], 23, rename);
        effectsA = (effectsA + lanes.a) | 0;
        effectsB = (effectsB + lanes.b) | 0;
      }
    } else {
      hashValue(effects.map((e) => [e.node, e.kind, e.data]), 23, rename);
      effectsA = lanes.a;
      effectsB = lanes.b;
    }
    hashValue(state.history.map((op) => [op.process, op.f, op.key, op.input, op.status, op.output, op.return === undefined]), 29, rename);
    a = mixA(mixA(mixA(mixA(mixA(mixA(a, netA), effectsA), lanes.a), state.crashes), state.network.length), state.error ? 1 : 0);
    b = mixB(mixB(mixB(mixB(mixB(mixB(b, netB), effectsB), lanes.b), state.crashes), state.network.length), state.error ? 1 : 0);
    return { a: finish(a), b: finish(b) };
  }

  /** Hash of node `k`'s state, durable storage, timers and liveness (not its random stream), with ids renamed; returns lane A as a number. */
  private slotHash(state: ModelState, k: number, rename: ReadonlyMap<string, string>, seed: number): number {
    const slot = state.nodes[k];
    hashValue([slot.up, slot.state, slot.durable, slot.timers.map((t) => [t.name, t.data])], seed + 31, rename);
    return lanes.a >>> 0;
  }
}
