/**
 * Shows an encoded value (Map/Set/undefined/bigint tags, see traceFormat.ts)
 * the way a TypeScript programmer reads it. The result is plain text: it is
 * always put into the page with textContent, never as markup.
 */
import type { JsonValue } from '../../src/common/traceFormat';

/** Multi-line, indented text of a value. */
export function formatValue(value: JsonValue | undefined, indent = '  '): string {
  return format(value, '', indent);
}

/** One-line text of a value, cut to `max` characters. */
export function formatValueInline(value: JsonValue | undefined, max = 120): string {
  const text = format(value, '', '').replace(/\n\s*/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function format(value: JsonValue | undefined, pad: string, indent: string): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? JSON.stringify(value) : String(value);
  const inner = pad + indent;
  const nl = indent ? '\n' : '';
  const list = (open: string, items: string[], close: string) =>
    items.length === 0 ? `${open}${close}` : `${open}${nl}${items.map((s) => (indent ? inner : ' ') + s).join(`,${nl}`)}${nl}${indent ? pad : ' '}${close}`;
  if (Array.isArray(value)) return list('[', value.map((v) => format(v, inner, indent)), ']');
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const tag = keys[0]!;
    const body = value[tag]!;
    if (tag === '$map' && Array.isArray(body))
      return list('Map {', body.map((pair) => (Array.isArray(pair) ? `${format(pair[0], inner, indent)} => ${format(pair[1], inner, indent)}` : format(pair, inner, indent))), '}');
    if (tag === '$set' && Array.isArray(body)) return list('Set {', body.map((v) => format(v, inner, indent)), '}');
    if (tag === '$undefined') return 'undefined';
    if (tag === '$bigint') return `${String(body)}n`;
    if (tag === '$number') return String(body);
    if (tag === '$object' && body && typeof body === 'object' && !Array.isArray(body)) return format(body, pad, indent);
  }
  return list('{', keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${format(value[k], inner, indent)}`), '}');
}
