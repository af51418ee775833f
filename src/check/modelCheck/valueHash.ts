/**
 * A 64-bit structural hash of protocol values (plain data: objects, arrays,
 * Map, Set, primitives), computed in two independent 32-bit lanes without
 * building strings. Object keys, Map entries and Set members are combined
 * order-independently, so `{a, b}` and `{b, a}` (or Maps filled in different
 * orders) hash alike — the same equality `canonicalKey` gives, at a fraction
 * of its cost. The result is left in `lanes` to avoid allocating.
 */

const toStringTag = Object.prototype.toString;
const hasOwn = Object.prototype.hasOwnProperty;

/** Lane results of the last `hashValue` call (an object, not `let` exports, so reads stay fast when bundled as CommonJS). */
export const lanes = { a: 0, b: 0 };

const FLOAT = new Float64Array(1);
const WORDS = new Int32Array(FLOAT.buffer);

/** Mixes `x` into lane state `h` (lane A constants). */
export function mixA(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x85ebca6b);
  return (h << 13) | (h >>> 19);
}

/** Mixes `x` into lane state `h` (lane B constants, independent of lane A). */
export function mixB(h: number, x: number): number {
  h = Math.imul(h ^ x, 0xc2b2ae35);
  return (h << 17) | (h >>> 15);
}

/** Final avalanche (murmur3 fmix32). */
export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

const TAG = { undefined: 1, null: 2, false: 3, true: 4, int: 5, float: 6, string: 7, array: 8, object: 9, map: 10, set: 11, bigint: 12, other: 13 } as const;

let a = 0;
let b = 0;
/** Strings to hash as other strings (node ids renamed under symmetry reduction); null when none. */
let renaming: ReadonlyMap<string, string> | null = null;

function hashString(text: string): void {
  if (renaming !== null) text = renaming.get(text) ?? text;
  let x = mixA(a, TAG.string);
  let y = mixB(b, TAG.string ^ text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    x = Math.imul(x ^ c, 0x01000193);
    y = Math.imul(y ^ c, 0x5bd1e995);
  }
  a = mixA(x, text.length);
  b = y;
}

function hashNumber(value: number): void {
  if ((value | 0) === value && !Object.is(value, -0)) {
    a = mixA(a, TAG.int ^ value);
    b = mixB(b, Math.imul(value, 0x9e3779b1) ^ TAG.int);
    return;
  }
  FLOAT[0] = value;
  a = mixA(mixA(a, TAG.float ^ WORDS[0]), WORDS[1]);
  b = mixB(mixB(b, WORDS[1] ^ TAG.float), WORDS[0]);
}

/** Hashes `value` into the running lanes (a, b). */
function hashInto(value: unknown): void {
  switch (typeof value) {
    case 'number':
      return hashNumber(value);
    case 'string':
      return hashString(value);
    case 'boolean':
      a = mixA(a, value ? TAG.true : TAG.false);
      b = mixB(b, value ? TAG.true : TAG.false);
      return;
    case 'undefined':
      a = mixA(a, TAG.undefined);
      b = mixB(b, TAG.undefined);
      return;
    case 'bigint':
      a = mixA(a, TAG.bigint);
      return hashString(value.toString());
    case 'object':
      break;
    default:
      a = mixA(a, TAG.other);
      b = mixB(b, TAG.other);
      return;
  }
  if (value === null) {
    a = mixA(a, TAG.null);
    b = mixB(b, TAG.null);
    return;
  }
  if (Array.isArray(value)) {
    a = mixA(a, TAG.array ^ value.length);
    b = mixB(b, TAG.array ^ value.length);
    for (let i = 0; i < value.length; i++) hashInto(value[i]);
    return;
  }
  // Unordered collections: each member hashed from a fixed start, the results summed.
  const outerA = a;
  const outerB = b;
  let sumA = 0;
  let sumB = 0;
  let tag: number = TAG.object;
  let count = 0;
  const tagName = Object.getPrototypeOf(value) === Object.prototype ? '' : toStringTag.call(value);
  if (tagName === '[object Map]') {
    tag = TAG.map;
    for (const [k, v] of value as Map<unknown, unknown>) {
      a = 0x3c6ef372;
      b = 0x7f4a7c15;
      hashInto(k);
      hashInto(v);
      sumA = (sumA + finish(a)) | 0;
      sumB = (sumB + finish(b)) | 0;
      count++;
    }
  } else if (tagName === '[object Set]') {
    tag = TAG.set;
    for (const v of value as Set<unknown>) {
      a = 0x3c6ef372;
      b = 0x7f4a7c15;
      hashInto(v);
      sumA = (sumA + finish(a)) | 0;
      sumB = (sumB + finish(b)) | 0;
      count++;
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!hasOwn.call(record, key)) continue;
      a = 0x3c6ef372;
      b = 0x7f4a7c15;
      hashString(key);
      hashInto(record[key]);
      sumA = (sumA + finish(a)) | 0;
      sumB = (sumB + finish(b)) | 0;
      count++;
    }
  }
  a = mixA(mixA(outerA, tag ^ count), sumA);
  b = mixB(mixB(outerB, tag ^ count), sumB);
}

/**
 * Hashes `value` starting from `seed`; the two lanes are left in `lanes.a` /
 * `lanes.b`. With `rename`, every string it maps (keys and values alike) is
 * hashed as its image.
 */
export function hashValue(value: unknown, seed = 0, rename: ReadonlyMap<string, string> | null = null): void {
  a = 0x811c9dc5 ^ seed;
  b = 0x1b873593 ^ Math.imul(seed, 0x27d4eb2f);
  renaming = rename;
  hashInto(value);
  renaming = null;
  lanes.a = finish(a);
  lanes.b = finish(b);
}
