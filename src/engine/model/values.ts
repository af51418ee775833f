/**
 * Copies and comparisons of protocol values (state, payloads): plain data
 * made of objects, arrays, Map and Set. Cross-realm safe (no `instanceof`).
 */
import { isMap, isSet } from '../../common/valueEncoding';

/**
 * A deep copy of plain data. Map and Set are copied as Map and Set; functions
 * and class instances' prototypes are not preserved (state is plain data).
 */
export function cloneValue<T>(value: T): T {
  return clone(value) as T;
}

function clone(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const n = value.length;
    const copy = new Array(n);
    for (let i = 0; i < n; i++) copy[i] = clone(value[i]);
    return copy;
  }
  if (isMap(value)) {
    const copy = new Map();
    for (const [k, v] of value) copy.set(clone(k), clone(v));
    return copy;
  }
  if (isSet(value)) {
    const copy = new Set();
    for (const v of value) copy.add(clone(v));
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key)) copy[key] = clone((value as Record<string, unknown>)[key]);
  }
  return copy;
}
