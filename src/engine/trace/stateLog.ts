/**
 * One node's recorded states while a run is going: keyframes and patches, in
 * event order. The commonest change — one top-level field set to a plain
 * value (`count: 5 -> 6`) — is held as a key and a value in flat arrays
 * rather than as four small objects, because a long run holds hundreds of
 * thousands of them and the garbage collector pays for each object.
 * `toHistory` gives the trace format's `NodeStateHistory`.
 */
import type { JsonValue, NodeStateHistory, StateEntry, StatePatch } from '../../common/traceFormat';
import { applyStatePatches } from '../../common/traceState';
import { dropFront } from './arrays';

const FULL = 0;
const PATCH = 1;
/** A single patch `{ path: [key], value }` with a primitive value: `items` holds the key, `values` the value. */
const FIELD = 2;

type Primitive = string | number | boolean | null;

export class StateLog {
  private events: number[] = [];
  private kinds: number[] = [];
  private items: (JsonValue | StatePatch[] | string)[] = [];
  private values: Primitive[] = [];

  get length(): number {
    return this.events.length;
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

  private push(event: number, kind: number, item: JsonValue | StatePatch[] | string, value: Primitive): void {
    this.events.push(event);
    this.kinds.push(kind);
    this.items.push(item);
    this.values.push(value);
  }

  private entry(k: number): StateEntry {
    const event = this.events[k];
    switch (this.kinds[k]) {
      case FULL:
        return { event, full: this.items[k] as JsonValue };
      case PATCH:
        return { event, patch: this.items[k] as StatePatch[] };
      default:
        return { event, patch: [{ path: [this.items[k] as string], value: this.values[k] }] };
    }
  }

  /** The entries in the trace format. */
  toHistory(): NodeStateHistory {
    const entries: StateEntry[] = new Array(this.events.length);
    for (let k = 0; k < entries.length; k++) entries[k] = this.entry(k);
    return { entries };
  }

  /**
   * Forgets the entries before event `first`, keeping what is needed to know
   * the state from there on: a keyframe of the state just before `first`.
   */
  trimBefore(first: number): void {
    let cut = 0;
    while (cut < this.events.length && this.events[cut] < first) cut++;
    if (cut === 0) return;
    let start = cut - 1;
    while (start > 0 && this.kinds[start] !== FULL) start--;
    let state: JsonValue | undefined;
    for (let k = start; k < cut; k++) {
      const entry = this.entry(k);
      state = 'full' in entry ? entry.full : state === undefined ? undefined : applyStatePatches(state, entry.patch);
    }
    // The keyframe, when there is one, takes the place of the last entry dropped.
    const drop = state === undefined ? cut : cut - 1;
    dropFront(this.events, drop);
    dropFront(this.kinds, drop);
    dropFront(this.items, drop);
    dropFront(this.values, drop);
    if (state !== undefined) {
      this.events[0] = first - 1;
      this.kinds[0] = FULL;
      this.items[0] = state;
      this.values[0] = null;
    }
  }
}
