/**
 * Message corruption: a few bits of one value in a payload changed, as a
 * faulty link or a buggy node would change them. The change is chosen with
 * the run's random source, so the same seed corrupts the same bit.
 */
import type { JsonValue } from '../../common/traceFormat';
import type { Random } from './random';

/** What a corruption changed: where in the payload, and from what to what. */
export interface PayloadChange {
  /** The path of the changed value, e.g. `data[3]` or `chunk.bytes`. */
  path: string;
  before: JsonValue;
  after: JsonValue;
}

type Leaf = { path: string; holder: Record<string, unknown> | unknown[]; key: string | number; value: number | string | boolean };

/** Numbers, non-empty strings and booleans of plain objects and arrays, except the top-level `type`, in key order. */
function leavesOf(value: unknown, path: string, into: Leaf[], top: boolean): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => visit(value, i, item, `${path}[${i}]`, into));
    return;
  }
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return;
  for (const [key, item] of Object.entries(value)) {
    if (top && key === 'type') continue;
    visit(value as Record<string, unknown>, key, item, path ? `${path}.${key}` : key, into);
  }
}

function visit(holder: Record<string, unknown> | unknown[], key: string | number, item: unknown, path: string, into: Leaf[]): void {
  if (typeof item === 'number' || typeof item === 'boolean' || (typeof item === 'string' && item.length > 0)) into.push({ path, holder, key, value: item });
  else leavesOf(item, path, into, false);
}

/** Flips one of the low bits of a number's integer part, or of one character's code, or negates a boolean. */
function flipped(value: number | string | boolean, random: Random): number | string | boolean {
  if (typeof value === 'boolean') return !value;
  const bit = 1 << random.int(0, 4);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 0;
    const whole = Math.trunc(value);
    // Bitwise operators work on 32 bits: beyond them, change the same bit arithmetically.
    if (Math.abs(whole) >= 2 ** 31) return value + (Math.floor(Math.abs(whole) / bit) % 2 === 0 ? bit : -bit);
    return (whole ^ bit) + (value - whole);
  }
  const at = random.int(0, value.length - 1);
  return value.slice(0, at) + String.fromCharCode(value.charCodeAt(at) ^ bit) + value.slice(at + 1);
}

/**
 * Changes one value of `payload` in place (a private copy the caller owns)
 * and says which; undefined when the payload holds nothing to corrupt.
 */
export function corruptPayload(payload: Record<string, unknown>, random: Random): PayloadChange | undefined {
  const leaves: Leaf[] = [];
  leavesOf(payload, '', leaves, true);
  if (leaves.length === 0) return undefined;
  const leaf = leaves[random.int(0, leaves.length - 1)];
  const after = flipped(leaf.value, random);
  (leaf.holder as Record<string | number, unknown>)[leaf.key] = after;
  return { path: leaf.path, before: leaf.value, after };
}
