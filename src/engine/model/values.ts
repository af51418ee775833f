/**
 * Copies of protocol values (state, payloads): plain data made of objects,
 * arrays, Map and Set. Cross-realm safe (no `instanceof`): cells run in a
 * sandbox whose objects have their own `Object.prototype`.
 */
import { isMap, isSet } from '../../common/valueEncoding';
import { copySender } from './sender';

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
 * enumerable fields: state is plain data.
 */
export function cloneValue<T>(value: T): T {
  return clone(value, false) as T;
}

/**
 * `cloneValue` for a node's state: delivered payloads kept in it keep their
 * sender tag (see sender.ts), so a request held in state can be answered
 * from the copy (a cloned world, a duplicate-delivery check).
 */
export function cloneState<T>(value: T): T {
  return clone(value, true) as T;
}

function clone(value: unknown, senders: boolean): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const n = value.length;
    const copy = new Array(n);
    for (let i = 0; i < n; i++) {
      const item: unknown = value[i];
      copy[i] = typeof item !== 'object' || item === null ? item : clone(item, senders);
    }
    return copy;
  }
  if (!isPlainObject(value)) {
    if (isMap(value)) {
      const copy = new Map();
      for (const [k, v] of value) copy.set(clone(k, senders), clone(v, senders));
      return copy;
    }
    if (isSet(value)) {
      const copy = new Set();
      for (const v of value) copy.add(clone(v, senders));
      return copy;
    }
  }
  const copy: Record<string, unknown> = {};
  // for-in is the fastest walk of small objects; plain data has no inherited enumerable fields.
  // Primitives are copied here rather than by a call: most fields of messages and states are primitives.
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    copy[key] = typeof field !== 'object' || field === null ? field : clone(field, senders);
  }
  if (senders) copySender(value, copy);
  return copy;
}
