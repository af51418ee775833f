/**
 * Hashes of the scalar values that registers and stores hold, for the
 * search's memo. 32-bit, deterministic, no allocation.
 */

/** A value a register or a key holds: JSON scalars (structured values are compared by their JSON text). */
export type ScalarValue = string | number | boolean | null;

/** FNV-1a over the UTF-16 code units of `text`, continuing from `seed`. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** A 32-bit hash of a scalar value; values of different types rarely collide. */
export function hashScalar(value: ScalarValue): number {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? Math.imul(value | 0, 0x9e3779b1) ^ 0x5bd1e995 : hashString(String(value), 0x1b873593);
    case 'string':
      return hashString(value);
    case 'boolean':
      return value ? 0x2f0f3c1d : 0x6a09e667;
    default:
      return 0x3c6ef372;
  }
}

/** How a scalar value reads in reports: strings quoted (so "" shows), everything else as is. */
export function describeScalar(value: ScalarValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
