/**
 * Encoding of protocol values (node state, payloads, effect data) as plain
 * JSON, using the tags documented in traceFormat.ts (`$map`, `$set`, …).
 *
 * Shared by the engine (which writes traces) and every reader (the webview,
 * the CLI). Works across realms: Map and Set are recognised by their
 * `Object.prototype.toString` tag, not by `instanceof`, because user values are
 * created inside a sandbox with its own globals.
 */
import type { JsonValue } from './traceFormat';

const toStringTag = Object.prototype.toString;

/** True when `value` is a Map, from any realm. */
export function isMap(value: unknown): value is Map<unknown, unknown> {
  return typeof value === 'object' && value !== null && toStringTag.call(value) === '[object Map]';
}

/** True when `value` is a Set, from any realm. */
export function isSet(value: unknown): value is Set<unknown> {
  return typeof value === 'object' && value !== null && toStringTag.call(value) === '[object Set]';
}

/**
 * Encodes a value as JSON with tags for Map, Set, undefined, bigint and
 * non-finite numbers. Functions and symbols become `{ "$undefined": true }`;
 * a cycle becomes the string "[Circular]" rather than throwing, so that a
 * malformed state never breaks a trace.
 */
export function encodeValue(value: unknown): JsonValue {
  return encode(value, []);
}

function encode(value: unknown, ancestors: object[]): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : { $number: String(value) };
    case 'bigint':
      return { $bigint: value.toString() };
    case 'undefined':
    case 'function':
    case 'symbol':
      return { $undefined: true };
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) return '[Circular]';
  ancestors.push(object);
  let encoded: JsonValue;
  if (Array.isArray(object)) {
    const items: JsonValue[] = new Array(object.length);
    for (let i = 0; i < object.length; i++) items[i] = encode(object[i], ancestors);
    encoded = items;
  } else if (isMap(object)) {
    const entries: JsonValue[] = [];
    for (const [k, v] of object) entries.push([encode(k, ancestors), encode(v, ancestors)]);
    encoded = { $map: entries };
  } else if (isSet(object)) {
    const items: JsonValue[] = [];
    for (const v of object) items.push(encode(v, ancestors));
    encoded = { $set: items };
  } else {
    const fields: { [key: string]: JsonValue } = {};
    let count = 0;
    let onlyKey = '';
    for (const key in object) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
      fields[key] = encode((object as Record<string, unknown>)[key], ancestors);
      count++;
      onlyKey = key;
    }
    // An object that looks like a tag is escaped, so decoding is unambiguous.
    encoded = count === 1 && onlyKey.startsWith('$') ? { $object: fields } : fields;
  }
  ancestors.pop();
  return encoded;
}

/** Decodes a value written by `encodeValue`, rebuilding Map, Set, bigint, undefined and non-finite numbers. */
export function decodeValue(json: JsonValue): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(decodeValue);
  const keys = Object.keys(json);
  if (keys.length === 1) {
    const key = keys[0];
    const inner = json[key];
    switch (key) {
      case '$map':
        return new Map((inner as JsonValue[][]).map(([k, v]) => [decodeValue(k), decodeValue(v)]));
      case '$set':
        return new Set((inner as JsonValue[]).map(decodeValue));
      case '$undefined':
        return undefined;
      case '$bigint':
        return BigInt(inner as string);
      case '$number':
        return Number(inner as string);
      case '$object': {
        const fields = inner as { [key: string]: JsonValue };
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(fields)) defineField(out, k, decodeValue(fields[k]));
        return out;
      }
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) defineField(out, k, decodeValue(json[k]));
  return out;
}

/** An own field, also for a key like `__proto__`, which plain assignment would take as the object's prototype. */
function defineField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * A short, readable rendering of an encoded value, for messages and labels:
 * `Map{a: 1}`, `Set{1, 2}`, `{balance: 10}`. Long output is cut at `maxLength`.
 */
export function describeValue(json: JsonValue, maxLength = 80): string {
  const text = describe(json);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function describe(json: JsonValue): string {
  if (json === null) return 'null';
  if (typeof json === 'string') return JSON.stringify(json);
  if (typeof json !== 'object') return String(json);
  if (Array.isArray(json)) return `[${json.map(describe).join(', ')}]`;
  const keys = Object.keys(json);
  if (keys.length === 1) {
    const inner = json[keys[0]];
    switch (keys[0]) {
      case '$map':
        return `Map{${(inner as JsonValue[][]).map(([k, v]) => `${describe(k)}: ${describe(v)}`).join(', ')}}`;
      case '$set':
        return `Set{${(inner as JsonValue[]).map(describe).join(', ')}}`;
      case '$undefined':
        return 'undefined';
      case '$bigint':
        return `${inner as string}n`;
      case '$number':
        return inner as string;
      case '$object':
        return describe(inner);
    }
  }
  return `{${keys.map((k) => `${k}: ${describe(json[k])}`).join(', ')}}`;
}

/**
 * A canonical string for a value: equal for values that are structurally
 * equal (object keys sorted; Map and Set in insertion order). Used as a key
 * when grouping values (decisions, effect keys) and in state fingerprints.
 */
export function canonicalKey(value: unknown): string {
  return canonicalJson(encodeValue(value));
}

function canonicalJson(json: JsonValue): string {
  if (json === null || typeof json !== 'object') return JSON.stringify(json);
  if (Array.isArray(json)) return `[${json.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(json).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(json[k])}`).join(',')}}`;
}
