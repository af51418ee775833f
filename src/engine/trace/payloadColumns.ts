/**
 * Message payloads of a trace while a run is going. A flat payload (see
 * flatFields.ts) of up to four fields — nearly every message — is held as
 * its field names, shared by the payloads of the same type and shape, and
 * its values in four columns, rather than as an encoded object per message:
 * such objects live as long as the trace window, and the garbage collector
 * copied each of them (most of tracing's collection time). Other payloads
 * are encoded when sent.
 */
import type { JsonValue } from '../../common/traceFormat';
import { encodeValue } from '../../common/valueEncoding';
import { dropFront } from './arrays';
import { isFlat, type Primitive } from './flatFields';

const MAX_FIELDS = 4;
const hasOwn = Object.prototype.hasOwnProperty;

export class PayloadColumns {
  /** Field names of each flat payload; null for one held encoded in `encoded`. */
  private shapes: (readonly string[] | null)[] = [];
  private encoded: JsonValue[] = [];
  private v0: Primitive[] = [];
  private v1: Primitive[] = [];
  private v2: Primitive[] = [];
  private v3: Primitive[] = [];
  /** The last shape seen for each message type. */
  private readonly shapeByType = new Map<string, readonly string[]>();

  /** Appends `payload` as it is now (later changes to it are not seen). */
  push(type: string, payload: unknown): void {
    const shape = isFlat(payload) ? this.shapeOf(type, payload) : undefined;
    if (shape === undefined) {
      this.shapes.push(null);
      this.encoded.push(encodeValue(payload));
      this.v0.push(null);
      this.v1.push(null);
      this.v2.push(null);
      this.v3.push(null);
      return;
    }
    const fields = payload as Record<string, Primitive>;
    const n = shape.length;
    this.shapes.push(shape);
    this.encoded.push(null);
    this.v0.push(n > 0 ? fields[shape[0]] : null);
    this.v1.push(n > 1 ? fields[shape[1]] : null);
    this.v2.push(n > 2 ? fields[shape[2]] : null);
    this.v3.push(n > 3 ? fields[shape[3]] : null);
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

  /** Removes the first `count` payloads. */
  dropFront(count: number): void {
    for (const column of [this.shapes, this.encoded, this.v0, this.v1, this.v2, this.v3] as unknown[][]) dropFront(column, count);
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
