/**
 * Structural differences between two encoded states, as the patches stored
 * between keyframes (applied by `applyStatePatches` in common/traceState.ts).
 */
import type { JsonValue, StatePatch } from '../../common/traceFormat';

/** Patches that turn `before` into `after`; empty when they are equal. */
export function diffStates(before: JsonValue, after: JsonValue): StatePatch[] {
  const patches: StatePatch[] = [];
  diff(before, after, [], patches);
  return patches;
}

const hasOwn = Object.prototype.hasOwnProperty;

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function diff(before: JsonValue, after: JsonValue, path: (string | number)[], out: StatePatch[]): void {
  if (before === after) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    if (after.length < before.length) {
      // Shrinking arrays are replaced whole: index shifts make element patches unreadable.
      out.push({ path, value: after });
      return;
    }
    for (let i = 0; i < before.length; i++) diff(before[i], after[i], [...path, i], out);
    for (let i = before.length; i < after.length; i++) out.push({ path: [...path, i], value: after[i] });
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const key in before) if (!hasOwn.call(after, key)) out.push({ path: [...path, key] });
    for (const key in after) {
      if (hasOwn.call(before, key)) diff(before[key], after[key], [...path, key], out);
      else out.push({ path: [...path, key], value: after[key] });
    }
    return;
  }
  out.push({ path, value: after });
}
