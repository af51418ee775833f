/**
 * Differences between two encoded states, for people: a Map entry is named by
 * its key (`data["k1"]`), a Set by what was added to it or taken from it, an
 * array that grew by what was appended — never by positions in the encoding
 * (`data[2][1]`). Values are shown whole: a witness that cuts its values
 * short can cut away the very difference it is about.
 */
import type { JsonValue } from '../../common/traceFormat';
import { describeValue } from '../../common/valueEncoding';

/** One step into an encoded value: an object field, an array index, a Map key. */
export type Step = { field: string } | { index: number } | { key: JsonValue };

/** One difference: at `path`, `before` became `after` (undefined: absent). */
export interface Difference {
  path: Step[];
  before: JsonValue | undefined;
  after: JsonValue | undefined;
  /** For a Set: the elements added and removed (then `before`/`after` are the whole sets). */
  added?: JsonValue[];
  removed?: JsonValue[];
}

type Tagged = { [key: string]: JsonValue };

function tagged(value: JsonValue | undefined, tag: '$map' | '$set'): JsonValue[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === tag ? ((value as Tagged)[tag] as JsonValue[]) : undefined;
}

function isPlainObject(value: JsonValue | undefined): value is Tagged {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && tagged(value, '$map') === undefined && tagged(value, '$set') === undefined;
}

/** A string equal for equal encoded values (object keys sorted). */
export function keyOf(value: JsonValue | undefined): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(keyOf).join(',')}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${keyOf(value[k])}`).join(',')}}`;
}

/** Every difference between `before` and `after`, outermost paths first. */
export function differences(before: JsonValue | undefined, after: JsonValue | undefined): Difference[] {
  const out: Difference[] = [];
  walk(before, after, [], out);
  return out;
}

function walk(before: JsonValue | undefined, after: JsonValue | undefined, path: Step[], out: Difference[]): void {
  if (before === after || keyOf(before) === keyOf(after)) return;
  const mapBefore = tagged(before, '$map');
  const mapAfter = tagged(after, '$map');
  if (mapBefore && mapAfter) {
    const old = new Map(mapBefore.map((entry) => [keyOf((entry as JsonValue[])[0]), entry as JsonValue[]]));
    const now = new Map(mapAfter.map((entry) => [keyOf((entry as JsonValue[])[0]), entry as JsonValue[]]));
    for (const [k, [key, value]] of old) if (!now.has(k)) out.push({ path: [...path, { key }], before: value, after: undefined });
    for (const [k, [key, value]] of now) walk(old.get(k)?.[1], value, [...path, { key }], out);
    return;
  }
  const setBefore = tagged(before, '$set');
  const setAfter = tagged(after, '$set');
  if (setBefore && setAfter) {
    const old = new Set(setBefore.map(keyOf));
    const now = new Set(setAfter.map(keyOf));
    out.push({ path, before, after, added: setAfter.filter((v) => !old.has(keyOf(v))), removed: setBefore.filter((v) => !now.has(keyOf(v))) });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && after.length >= before.length) {
    for (let i = 0; i < after.length; i++) walk(before[i], after[i], [...path, { index: i }], out);
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) if (!(key in after)) out.push({ path: [...path, { field: key }], before: before[key], after: undefined });
    for (const key of Object.keys(after)) walk(before[key], after[key], [...path, { field: key }], out);
    return;
  }
  out.push({ path, before, after });
}

/** The value at a readable path (Map entries by key), or undefined when there is none. */
export function valueAt(value: JsonValue | undefined, path: readonly Step[]): JsonValue | undefined {
  let at = value;
  for (const step of path) {
    if (at === undefined || at === null || typeof at !== 'object') return undefined;
    if ('key' in step) {
      const wanted = keyOf(step.key);
      const entry = tagged(at, '$map')?.find((e) => keyOf((e as JsonValue[])[0]) === wanted) as JsonValue[] | undefined;
      at = entry?.[1];
    } else if ('index' in step) at = Array.isArray(at) ? at[step.index] : undefined;
    else at = Array.isArray(at) ? undefined : (at as Tagged)[step.field];
  }
  return at;
}

/** `balance`, `data["k1"]`, `log[3].term`; `the state` for the root. */
export function describePath(path: readonly Step[]): string {
  if (path.length === 0) return 'the state';
  let text = '';
  for (const step of path) {
    if ('field' in step) text += /^[A-Za-z_$][\w$]*$/.test(step.field) ? `${text ? '.' : ''}${step.field}` : `[${JSON.stringify(step.field)}]`;
    else if ('index' in step) text += `[${step.index}]`;
    else text += `[${describeValue(step.key, Infinity)}]`;
  }
  return text;
}

/** A value shown whole. */
export function show(value: JsonValue | undefined): string {
  return value === undefined ? 'nothing' : describeValue(value, Infinity);
}

/** "changed `balance` from 10 to 20", "added `seen` "d1"", "removed `data["k"]` (was "x")". */
export function describeDifference(d: Difference): string {
  const where = `\`${describePath(d.path)}\``;
  if (d.added || d.removed) {
    const parts = [];
    if (d.added?.length) parts.push(`added ${d.added.map(show).join(', ')} to ${where}`);
    if (d.removed?.length) parts.push(`removed ${d.removed.map(show).join(', ')} from ${where}`);
    return parts.join(' and ');
  }
  if (d.after === undefined) return `removed ${where} (was ${show(d.before)})`;
  if (d.before === undefined) {
    const last = d.path[d.path.length - 1];
    if (last && 'index' in last) return `appended ${show(d.after)} to \`${describePath(d.path.slice(0, -1))}\``;
    return `added ${where} = ${show(d.after)}`;
  }
  return `changed ${where} from ${show(d.before)} to ${show(d.after)}`;
}
