/**
 * The commonest shape of a node state and of a message payload: a plain
 * object whose fields are all strings, finite numbers, booleans or null.
 * For it, syncing a state and encoding a payload need none of the general
 * machinery (paths, patch objects, cycle checks): once per delivery, that
 * machinery's garbage was a large part of tracing's cost. Other shapes are
 * refused and go the general way.
 */
import type { JsonValue, StatePatch } from '../../common/traceFormat';
import { isMap, isSet } from '../../common/valueEncoding';
import { isPlainObject } from '../model/values';

export type Primitive = string | number | boolean | null;

const hasOwn = Object.prototype.hasOwnProperty;

/** A string, finite number, boolean or null: a value `encodeValue` leaves as it is. */
export function isPrimitive(value: unknown): value is Primitive {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    default:
      return value === null;
  }
}

/**
 * Whether `value` is a plain object of primitive fields that `encodeValue`
 * encodes as a field-by-field copy (not an array, Map or Set, nor escaped as
 * `$object`). `for…in` with `hasOwn` visits the keys in `Object.keys` order,
 * without allocating the keys array.
 */
export function isFlat(value: unknown): value is Record<string, Primitive> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (!isPlainObject(value) && (isMap(value) || isSet(value))) return false;
  let count = 0;
  let onlyKey = '';
  for (const key in value) {
    if (!hasOwn.call(value, key)) continue;
    if (!isPrimitive((value as Record<string, unknown>)[key])) return false;
    count++;
    onlyKey = key;
  }
  return !(count === 1 && onlyKey.startsWith('$'));
}

/** Number of fields of an encoded object (own fields only: it is a JSON object). */
function fieldCount(object: { [key: string]: JsonValue }): number {
  let n = 0;
  for (const key in object) if (hasOwn.call(object, key)) n++;
  return n;
}

/**
 * The changes found by `sync`, in the order `syncState` would give its
 * patches: removed fields first (value undefined), then changed or added
 * fields in key order. Reused from one call to the next.
 */
export class FlatChanges {
  count = 0;
  /** After a successful `sync`: the number of fields of the mirror (those of `raw`). */
  fields = 0;
  readonly keys: string[] = [];
  readonly values: (Primitive | undefined)[] = [];

  /**
   * Like `syncState(mirror, raw, patches)` when `raw` is flat and `mirror`
   * is an object: updates the mirror in place and records the changes.
   * Returns false, having changed nothing, for any other shape.
   * `mirrorFields` is the mirror's number of fields when the caller knows
   * it (the `fields` of the last sync), else -1: counting them is a second
   * walk.
   */
  sync(mirror: JsonValue, raw: unknown, mirrorFields: number): boolean {
    if (mirror === null || typeof mirror !== 'object' || Array.isArray(mirror)) return false;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return false;
    if (!isPlainObject(raw) && (isMap(raw) || isSet(raw))) return false;
    // One pass over `raw` checks that it is flat and finds what changed, leaving the mirror as it is.
    const fields = raw as Record<string, unknown>;
    this.count = 0;
    let count = 0;
    let kept = 0;
    let onlyKey = '';
    for (const key in fields) {
      if (!hasOwn.call(fields, key)) continue;
      const value = fields[key];
      if (!isPrimitive(value)) return false;
      count++;
      onlyKey = key;
      if (hasOwn.call(mirror, key)) {
        kept++;
        if (mirror[key] === value) continue;
      }
      this.note(key, value);
    }
    if (count === 1 && onlyKey.startsWith('$')) return false;
    this.fields = count;
    // Without a removed field (the mirror has only the fields kept), the changes are in patch order already.
    if ((mirrorFields >= 0 ? mirrorFields : fieldCount(mirror)) === kept) {
      for (let k = 0; k < this.count; k++) mirror[this.keys[k]] = this.values[k] as Primitive;
      return true;
    }
    return this.syncWithRemovals(mirror, fields as Record<string, Primitive>);
  }

  /** `sync` when the mirror has fields `raw` has not: they come first in the patches. */
  private syncWithRemovals(mirror: { [key: string]: JsonValue }, raw: Record<string, Primitive>): boolean {
    this.count = 0;
    for (const key in mirror) {
      if (hasOwn.call(raw, key)) continue;
      this.note(key, undefined);
      delete mirror[key];
    }
    for (const key in raw) {
      if (!hasOwn.call(raw, key)) continue;
      const value = raw[key];
      if (hasOwn.call(mirror, key) && mirror[key] === value) continue;
      this.note(key, value);
      mirror[key] = value;
    }
    return true;
  }

  /** The changes as the trace format's patches. */
  toPatches(): StatePatch[] {
    const patches: StatePatch[] = new Array(this.count);
    for (let k = 0; k < this.count; k++) {
      const value = this.values[k];
      patches[k] = value === undefined ? { path: [this.keys[k]] } : { path: [this.keys[k]], value };
    }
    return patches;
  }

  private note(key: string, value: Primitive | undefined): void {
    this.keys[this.count] = key;
    this.values[this.count] = value;
    this.count++;
  }
}
