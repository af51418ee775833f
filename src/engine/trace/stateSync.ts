/**
 * Finds how a node's state changed since it was last recorded, without
 * encoding the whole new state: the raw state is walked alongside a private
 * encoded mirror of the previous one, only changed parts are encoded, and the
 * mirror is updated in place. Produces the same patches as
 * `diffStates(encodeValue(before), encodeValue(after))` (tested), at a
 * fraction of the allocation: recording states was most of tracing's cost.
 */
import type { JsonValue, StatePatch } from '../../common/traceFormat';
import { encodeValue, isMap, isSet } from '../../common/valueEncoding';

type JsonObject = { [key: string]: JsonValue };

const hasOwn = Object.prototype.hasOwnProperty;
/** Deeper than this, a subtree is compared by full encoding (which also handles cycles). */
const MAX_DEPTH = 48;

function isJsonObject(value: JsonValue): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as JsonValue[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  for (const key of keys) if (!hasOwn.call(bo, key) || !sameJson(ao[key], bo[key])) return false;
  return true;
}

/**
 * Brings `mirror` (the encoded previous state) up to date with `raw`,
 * appending a patch for each change to `out`. Returns the mirror's new value
 * (the same object, updated, or a replacement).
 */
export function syncState(mirror: JsonValue, raw: unknown, out: StatePatch[]): JsonValue {
  return sync(mirror, raw, [], out, 0);
}

function replace(mirror: JsonValue, raw: unknown, path: (string | number)[], out: StatePatch[]): JsonValue {
  const encoded = encodeValue(raw);
  if (sameJson(mirror, encoded)) return mirror;
  out.push({ path: path.slice(), value: encoded });
  // The patch owns `encoded`; the mirror, which is updated in place later, gets its own copy.
  return encodeValue(raw);
}

function sync(mirror: JsonValue, raw: unknown, path: (string | number)[], out: StatePatch[], depth: number): JsonValue {
  switch (typeof raw) {
    case 'string':
    case 'boolean':
      if (mirror === raw) return mirror;
      out.push({ path: path.slice(), value: raw });
      return raw;
    case 'number':
      if (!Number.isFinite(raw)) return replace(mirror, raw, path, out);
      if (mirror === raw) return mirror;
      out.push({ path: path.slice(), value: raw });
      return raw;
    case 'object':
      break;
    default:
      return replace(mirror, raw, path, out);
  }
  if (raw === null) {
    if (mirror === null) return mirror;
    out.push({ path: path.slice(), value: null });
    return null;
  }
  if (depth > MAX_DEPTH) return replace(mirror, raw, path, out);
  if (Array.isArray(raw)) return syncArray(mirror, raw, path, out, depth);
  if (isMap(raw) || isSet(raw)) {
    const tag = isMap(raw) ? '$map' : '$set';
    if (!isJsonObject(mirror) || !hasOwn.call(mirror, tag) || Object.keys(mirror).length !== 1 || !Array.isArray(mirror[tag])) return replace(mirror, raw, path, out);
    const items: unknown[] = [];
    if (isMap(raw)) for (const entry of raw) items.push(entry);
    else for (const item of raw) items.push(item);
    path.push(tag);
    mirror[tag] = syncArray(mirror[tag], items, path, out, depth + 1);
    path.pop();
    return mirror;
  }
  // A plain object (class instances are encoded as their own fields).
  const keys = Object.keys(raw);
  if (keys.length === 1 && keys[0].startsWith('$')) return replace(mirror, raw, path, out); // escaped as $object
  if (!isJsonObject(mirror)) return replace(mirror, raw, path, out);
  const object = raw as Record<string, unknown>;
  for (const key in mirror) {
    if (hasOwn.call(object, key)) continue;
    out.push({ path: [...path, key] });
    delete mirror[key];
  }
  for (const key of keys) {
    if (hasOwn.call(mirror, key)) {
      path.push(key);
      mirror[key] = sync(mirror[key], object[key], path, out, depth + 1);
      path.pop();
    } else {
      out.push({ path: [...path, key], value: encodeValue(object[key]) });
      mirror[key] = encodeValue(object[key]);
    }
  }
  return mirror;
}

function syncArray(mirror: JsonValue, raw: readonly unknown[], path: (string | number)[], out: StatePatch[], depth: number): JsonValue {
  if (!Array.isArray(mirror) || raw.length < mirror.length) return replace(mirror, raw, path, out);
  const before = mirror.length;
  for (let i = 0; i < before; i++) {
    path.push(i);
    mirror[i] = sync(mirror[i], raw[i], path, out, depth + 1);
    path.pop();
  }
  for (let i = before; i < raw.length; i++) {
    out.push({ path: [...path, i], value: encodeValue(raw[i]) });
    mirror.push(encodeValue(raw[i]));
  }
  return mirror;
}
