/**
 * A node's state before and after an event, rebuilt from the trace's
 * keyframes and patches (see TraceStates in traceFormat.ts).
 */
import type { JsonValue, NodeStateHistory, StatePatch, Trace } from '../../src/common/traceFormat';

/** The node's state after everything up to and including event `index` (undefined before its first entry). */
export function stateAfter(trace: Trace, node: string, index: number): JsonValue | undefined {
  const history = trace.states.byNode[node];
  if (!history) return undefined;
  const last = lastEntryAtOrBefore(history, index);
  if (last < 0) return undefined;
  let start = last;
  while (start > 0 && !('full' in history.entries[start]!)) start--;
  const first = history.entries[start]!;
  if (!('full' in first)) return undefined;
  let state = structuredClone(first.full);
  for (let k = start + 1; k <= last; k++) {
    const entry = history.entries[k]!;
    state = 'full' in entry ? structuredClone(entry.full) : applyPatches(state, entry.patch);
  }
  return state;
}

export function stateBefore(trace: Trace, node: string, index: number): JsonValue | undefined {
  return stateAfter(trace, node, index - 1);
}

function lastEntryAtOrBefore(history: NodeStateHistory, index: number): number {
  let lo = 0;
  let hi = history.entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (history.entries[mid]!.event <= index) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function applyPatches(state: JsonValue, patches: StatePatch[]): JsonValue {
  let root = state;
  for (const { path, value } of patches) {
    if (path.length === 0) {
      root = value === undefined ? null : structuredClone(value);
      continue;
    }
    let parent: JsonValue = root;
    for (const key of path.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object') break;
      const container: Record<string | number, JsonValue> = parent as Record<string | number, JsonValue>;
      if (container[key] === undefined || container[key] === null || typeof container[key] !== 'object') container[key] = typeof key === 'number' ? [] : {};
      parent = container[key]!;
    }
    if (parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1]!;
    if (Array.isArray(parent) && typeof last === 'number') {
      if (value === undefined) parent.splice(last, 1);
      else parent[last] = structuredClone(value);
    } else {
      const record = parent as Record<string | number, JsonValue>;
      if (value === undefined) delete record[last];
      else record[last] = structuredClone(value);
    }
  }
  return root;
}
