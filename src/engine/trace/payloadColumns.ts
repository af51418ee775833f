/**
 * Message payloads of a trace while a run is going. A flat payload (see
 * flatFields.ts) of up to four fields — nearly every message — is held as
 * its field names, shared by the payloads of the same type and shape, and
 * its values in four columns, rather than as an encoded object per message:
 * such objects live as long as the trace window, and the garbage collector
 * copied each of them (most of tracing's collection time). Other payloads
 * are encoded when sent. Slots are those of MessageColumns' rings.
 */
import type { JsonValue } from '../../common/traceFormat';
import { encodeValue, isMap, isSet } from '../../common/valueEncoding';
import { isPlainObject } from '../model/values';
import { isFlat, isPrimitive, type Primitive } from './flatFields';
import { nulls, regrowArray } from './ring';

const MAX_FIELDS = 4;
const hasOwn = Object.prototype.hasOwnProperty;

export class PayloadColumns {
  /** Field names of each flat payload; null for one held encoded in `encoded`. */
  private shapes: (readonly string[] | null)[];
  private encoded: JsonValue[];
  private v0: Primitive[];
  private v1: Primitive[];
  private v2: Primitive[];
  private v3: Primitive[];
  /** The last shape seen for each message type. */
  private readonly shapeByType = new Map<string, readonly string[]>();

  constructor(capacity: number) {
    this.shapes = nulls(capacity);
    this.encoded = nulls(capacity);
    this.v0 = nulls(capacity);
    this.v1 = nulls(capacity);
    this.v2 = nulls(capacity);
    this.v3 = nulls(capacity);
  }

  /** Holds `payload` as it is now in slot `k` (later changes to it are not seen). */
  write(k: number, type: string, payload: unknown): void {
    const cached = this.shapeByType.get(type);
    if (cached !== undefined && this.writeAs(k, cached, payload)) return;
    const shape = isFlat(payload) ? this.shapeOf(type, payload) : undefined;
    if (shape === undefined) {
      this.shapes[k] = null;
      this.encoded[k] = encodeValue(payload);
      return;
    }
    const fields = payload as Record<string, Primitive>;
    const n = shape.length;
    this.shapes[k] = shape;
    this.encoded[k] = null;
    this.v0[k] = n > 0 ? fields[shape[0]] : null;
    this.v1[k] = n > 1 ? fields[shape[1]] : null;
    this.v2[k] = n > 2 ? fields[shape[2]] : null;
    this.v3[k] = n > 3 ? fields[shape[3]] : null;
  }

  /**
   * Holds `payload` in slot `k` if it is flat with the field names `shape`,
   * in that order: one pass over its fields, where `isFlat` and `shapeOf`
   * take three. Returns false otherwise (the slot's values are then stale,
   * and `write` overwrites the slot).
   */
  private writeAs(k: number, shape: readonly string[], payload: unknown): boolean {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return false;
    if (!isPlainObject(payload) && (isMap(payload) || isSet(payload))) return false;
    const fields = payload as Record<string, unknown>;
    let n = 0;
    for (const key in fields) {
      if (!hasOwn.call(fields, key)) continue;
      if (n >= shape.length || shape[n] !== key) return false;
      const value = fields[key];
      if (!isPrimitive(value)) return false;
      if (n === 0) this.v0[k] = value;
      else if (n === 1) this.v1[k] = value;
      else if (n === 2) this.v2[k] = value;
      else this.v3[k] = value;
      n++;
    }
    if (n !== shape.length) return false;
    // A shape is cached only from a flat payload, so it is never a lone `$` key (which `encodeValue` escapes).
    for (let j = n; j < MAX_FIELDS; j++) this.clearValue(k, j);
    this.shapes[k] = shape;
    this.encoded[k] = null;
    return true;
  }

  private clearValue(k: number, j: number): void {
    if (j === 0) this.v0[k] = null;
    else if (j === 1) this.v1[k] = null;
    else if (j === 2) this.v2[k] = null;
    else this.v3[k] = null;
  }

  /** The payload in slot `k` as `encodeValue` encodes it: the same fields in the same order. */
  get(k: number): JsonValue {
    const shape = this.shapes[k];
    if (shape === null) return this.encoded[k];
    const values = [this.v0[k], this.v1[k], this.v2[k], this.v3[k]];
    const fields: { [key: string]: JsonValue } = {};
    for (let j = 0; j < shape.length; j++) fields[shape[j]] = values[j];
    return fields;
  }

  /** Moves the `count` payloads from slot `head` on to slots 0 … count-1 of columns of `capacity` slots (see ring.ts). */
  regrow(capacity: number, head: number, count: number): void {
    this.shapes = regrowArray(this.shapes, capacity, head, count);
    this.encoded = regrowArray(this.encoded, capacity, head, count);
    this.v0 = regrowArray(this.v0, capacity, head, count);
    this.v1 = regrowArray(this.v1, capacity, head, count);
    this.v2 = regrowArray(this.v2, capacity, head, count);
    this.v3 = regrowArray(this.v3, capacity, head, count);
  }
  /** The field names of a flat payload, in `for…in` order (that of `encodeValue`); undefined beyond `MAX_FIELDS`. */
  private shapeOf(type: string, payload: object): readonly string[] | undefined {
    const cached = this.shapeByType.get(type);
    if (cached !== undefined) {
      let n = 0;
      let same = true;
      for (const key in payload) {
        if (!hasOwn.call(payload, key)) continue;
        if (n >= cached.length || cached[n] !== key) {
          same = false;
          break;
        }
        n++;
      }
      if (same && n === cached.length) return cached;
    }
    const keys: string[] = [];
    for (const key in payload) if (hasOwn.call(payload, key)) keys.push(key);
    if (keys.length > MAX_FIELDS) return undefined;
    this.shapeByType.set(type, keys);
    return keys;
  }
}
