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

/**
 * `path` is a shared stack, copied only when a patch is emitted: most keys
 * visited are unchanged, and allocating a path for each was most of the cost.
 */
function diff(before: JsonValue, after: JsonValue, path: (string | number)[], out: StatePatch[]): void {
  if (before === after) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    if (after.length < before.length) {
      // Shrinking arrays are replaced whole: index shifts make element patches unreadable.
      out.push({ path: path.slice(), value: after });
      return;
    }
    for (let i = 0; i < before.length; i++) {
      const a = before[i];
      const b = after[i];
      if (a === b) continue;
      path.push(i);
      diff(a, b, path, out);
      path.pop();
    }
    for (let i = before.length; i < after.length; i++) out.push({ path: [...path, i], value: after[i] });
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const key in before) if (!hasOwn.call(after, key)) out.push({ path: [...path, key] });
    for (const key in after) {
      if (hasOwn.call(before, key)) {
        const a = before[key];
        const b = after[key];
        if (a === b) continue;
        path.push(key);
        diff(a, b, path, out);
        path.pop();
      } else out.push({ path: [...path, key], value: after[key] });
    }
    return;
  }
  out.push({ path: path.slice(), value: after });
}
