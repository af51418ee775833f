/**
 * Copies of protocol values (state, payloads): plain data made of objects,
 * arrays, Map and Set. Cross-realm safe (no `instanceof`): cells run in a
 * sandbox whose objects have their own `Object.prototype`.
 */
import { isMap, isSet } from '../../common/valueEncoding';

/** The `Object` constructor of another realm (the sandbox cells run in), once seen. */
let foreignObject: unknown = Object;

/** True for an object literal of any realm. Checks the constructor first: it is the fast path. */
export function isPlainObject(value: object): boolean {
  const ctor = (value as { constructor?: unknown }).constructor;
  if (ctor === Object || ctor === foreignObject) return true;
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]') {
    if (typeof ctor === 'function' && ctor.name === 'Object') foreignObject = ctor;
    return true;
  }
  return proto === null;
}

/**
 * A deep copy of plain data. Map and Set are copied as Map and Set; other
 * objects (class instances) are copied as plain objects of their own
 * enumerable fields: state is plain data. A delivered payload's sender tag
 * (see sender.ts) goes with the copy, so a request kept in state can be
 * answered from a copy of the state (a cloned world, a duplicate-delivery check).
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
  if (!isPlainObject(value)) {
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
  }
  // A spread copies the object's shape at once (own enumerable fields, in
  // order, and the sender symbol); only nested objects are then copied deeply.
  const copy: Record<string, unknown> = { ...value };
  for (const key in copy) {
    const field = copy[key];
    if (typeof field === 'object' && field !== null) copy[key] = clone(field);
  }
  return copy;
}
