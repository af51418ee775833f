/**
 * One node's recorded states while a run is going: keyframes and patches, in
 * event order. The commonest change — one top-level field set to a plain
 * value (`count: 5 -> 6`) — is held as a key and a value in flat columns
 * (and two fields, the next commonest, likewise) rather than as small
 * objects, because a long run holds hundreds of
 * thousands of them and the garbage collector pays for each object. The
 * columns are rings (see ring.ts): trimming the oldest entries moves nothing.
 * `toHistory` gives the trace format's `NodeStateHistory`.
 */
import type { JsonValue, NodeStateHistory, StateEntry, StatePatch } from '../../common/traceFormat';
import { applyStatePatches } from '../../common/traceState';
import { nulls, regrowArray, regrowTyped } from './ring';

const FULL = 0;
const PATCH = 1;
/** A single patch `{ path: [key], value }` with a primitive value: `items` holds the key, `values` the value. */
const FIELD = 2;
/** Two such patches: the second in `items2` and `values2`. */
const TWO_FIELDS = 3;

const INITIAL_CAPACITY = 64;

type Primitive = string | number | boolean | null;
type Item = JsonValue | StatePatch[] | string;

export class StateLog {
  private head = 0;
  private count = 0;
  private capacity = INITIAL_CAPACITY;
  private mask = INITIAL_CAPACITY - 1;
  private events = new Float64Array(INITIAL_CAPACITY);
  private kinds = new Uint8Array(INITIAL_CAPACITY);
  private items: (Item | null)[] = nulls(INITIAL_CAPACITY);
  private values: Primitive[] = nulls(INITIAL_CAPACITY);
  private items2: (string | null)[] = nulls(INITIAL_CAPACITY);
  private values2: Primitive[] = nulls(INITIAL_CAPACITY);

  get length(): number {
    return this.count;
  }

  pushFull(event: number, value: JsonValue): void {
    this.push(event, FULL, value, null);
  }

  pushPatch(event: number, patch: StatePatch[]): void {
    if (patch.length === 1) {
      const { path, value } = patch[0];
      if (path.length === 1 && typeof path[0] === 'string' && (value === null || (typeof value !== 'object' && value !== undefined))) {
        this.push(event, FIELD, path[0], value);
        return;
      }
    }
    this.push(event, PATCH, patch, null);
  }

  /** A single top-level field set to a primitive: the same entry as `pushPatch` with that one patch. */
  pushField(event: number, key: string, value: Primitive): void {
    this.push(event, FIELD, key, value);
  }

  /** Two top-level fields set to primitives, in patch order. */
  pushTwoFields(event: number, key: string, value: Primitive, key2: string, value2: Primitive): void {
    this.push(event, TWO_FIELDS, key, value);
    const k = (this.head + this.count - 1) & this.mask;
    this.items2[k] = key2;
    this.values2[k] = value2;
  }

  private push(event: number, kind: number, item: Item, value: Primitive): void {
    if (this.count === this.capacity) this.grow();
    const k = (this.head + this.count++) & this.mask;
    this.events[k] = event;
    this.kinds[k] = kind;
    this.items[k] = item;
    this.values[k] = value;
  }

  /** The `n`-th entry held (0: the oldest). */
  private entry(n: number): StateEntry {
    const k = (this.head + n) & this.mask;
    const event = this.events[k];
    switch (this.kinds[k]) {
      case FULL:
        return { event, full: this.items[k] as JsonValue };
      case PATCH:
        return { event, patch: this.items[k] as StatePatch[] };
      case FIELD:
        return { event, patch: [{ path: [this.items[k] as string], value: this.values[k] }] };
      default:
        return { event, patch: [{ path: [this.items[k] as string], value: this.values[k] }, { path: [this.items2[k] as string], value: this.values2[k] }] };
    }
  }

  /** The entries in the trace format. */
  toHistory(): NodeStateHistory {
    const entries: StateEntry[] = new Array(this.count);
    for (let n = 0; n < entries.length; n++) entries[n] = this.entry(n);
    return { entries };
  }

  /**
   * Forgets the entries before event `first`, keeping what is needed to know
   * the state from there on: a keyframe of the state just before `first`.
   */
  trimBefore(first: number): void {
    let cut = 0;
    while (cut < this.count && this.events[(this.head + cut) & this.mask] < first) cut++;
    if (cut === 0) return;
    let start = cut - 1;
    while (start > 0 && this.kinds[(this.head + start) & this.mask] !== FULL) start--;
    let state: JsonValue | undefined;
    for (let n = start; n < cut; n++) {
      const entry = this.entry(n);
      state = 'full' in entry ? entry.full : state === undefined ? undefined : applyStatePatches(state, entry.patch);
    }
    // The keyframe, when there is one, takes the place of the last entry dropped.
    const drop = state === undefined ? cut : cut - 1;
    for (let n = 0; n < drop; n++) {
      // Let the garbage collector have what the dropped entries held.
      const k = (this.head + n) & this.mask;
      this.items[k] = null;
      this.values[k] = null;
      this.items2[k] = null;
      this.values2[k] = null;
    }
    this.head = (this.head + drop) & this.mask;
    this.count -= drop;
    if (state !== undefined) {
      const k = this.head;
      this.events[k] = first - 1;
      this.kinds[k] = FULL;
      this.items[k] = state;
      this.values[k] = null;
    }
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const { head, count } = this;
    this.events = regrowTyped(this.events, capacity, head, count);
    this.kinds = regrowTyped(this.kinds, capacity, head, count);
    this.items = regrowArray(this.items, capacity, head, count);
    this.values = regrowArray(this.values, capacity, head, count);
    this.items2 = regrowArray(this.items2, capacity, head, count);
    this.values2 = regrowArray(this.values2, capacity, head, count);
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.head = 0;
  }
}
