/**
 * EDN values through edn-data, converted to plain JSON values: maps become
 * objects (keyword keys without their colon), keywords and symbols become
 * strings, lists, vectors and sets become arrays.
 */
import { parseEDNString } from 'edn-data';
import type { JsonValue } from '../../common/traceFormat';

/** Parses one EDN value. Throws on malformed input. */
export function parseEdnValue(text: string): unknown {
  return parseEDNString(text, { mapAs: 'object', keywordAs: 'string', symbolAs: 'string', listAs: 'array', setAs: 'array', charAs: 'string' });
}

/** Converts what `parseEdnValue` returns into a JsonValue. */
export function toJsonValue(value: unknown): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return value;
    case 'bigint':
      return Number(value);
    case 'undefined':
      return null;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(toJsonValue);
      if (value instanceof Date) return value.toISOString();
      const result: { [key: string]: JsonValue } = {};
      for (const [key, item] of Object.entries(value)) result[key] = toJsonValue(item);
      return result;
    }
    default:
      return String(value);
  }
}
