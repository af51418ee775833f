/**
 * Rebuilds a node's state at any event of a trace from the keyframes and
 * patches stored in `Trace.states` (see traceFormat.ts).
 *
 * Readers (the chart's inspector, the CLI) call `stateAfter` / `stateBefore`;
 * for a scan over many events, `NodeStateCursor` walks forward without
 * replaying from the keyframe each time.
 */
import type { JsonValue, NodeStateHistory, StatePatch, Trace } from './traceFormat';

/** Applies patches to a JSON value, returning a new value (the input is not modified). */
export function applyStatePatches(base: JsonValue, patches: readonly StatePatch[]): JsonValue {
  let root = base;
  for (const patch of patches) root = applyOne(root, patch.path, 0, patch.value);
  return root;
}

function applyOne(target: JsonValue, path: readonly (string | number)[], depth: number, value: JsonValue | undefined): JsonValue {
  if (depth === path.length) return value === undefined ? null : value;
  const key = path[depth];
  if (Array.isArray(target)) {
    const copy = target.slice();
    const index = Number(key);
    if (value === undefined && depth === path.length - 1) copy.splice(index, 1);
    else copy[index] = applyOne(copy[index] ?? null, path, depth + 1, value);
    return copy;
  }
  const object: { [key: string]: JsonValue } = target !== null && typeof target === 'object' ? { ...target } : {};
  if (value === undefined && depth === path.length - 1) delete object[key];
  else object[key] = applyOne(Object.prototype.hasOwnProperty.call(object, key) ? object[key] : null, path, depth + 1, value);
  return object;
}

/** Index of the last entry whose event is <= `event`, or -1 (binary search: entries are in event order). */
function lastEntryAtOrBefore(history: NodeStateHistory, event: number): number {
  const entries = history.entries;
  let lo = 0;
  let hi = entries.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].event <= event) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function replayTo(history: NodeStateHistory, index: number): JsonValue | undefined {
  let start = index;
  while (start >= 0 && !('full' in history.entries[start])) start--;
  if (start < 0) return undefined;
  let state = (history.entries[start] as { full: JsonValue }).full;
  for (let i = start + 1; i <= index; i++) {
    const entry = history.entries[i];
    state = 'full' in entry ? entry.full : applyStatePatches(state, entry.patch);
  }
  return state;
}

/**
 * The encoded state of `node` just after event `event` (after its handler ran).
 * Undefined when the node has no recorded state at or before that event
 * (for instance before it started, or before a bounded trace's first event).
 */
export function stateAfter(trace: Pick<Trace, 'states'>, node: string, event: number): JsonValue | undefined {
  const history = trace.states.byNode[node];
  if (!history) return undefined;
  const index = lastEntryAtOrBefore(history, event);
  return index < 0 ? undefined : replayTo(history, index);
}

/** The encoded state of `node` just before event `event`. */
export function stateBefore(trace: Pick<Trace, 'states'>, node: string, event: number): JsonValue | undefined {
  return stateAfter(trace, node, event - 1);
}

/**
 * Walks one node's states forward in event order, applying each patch once.
 * Use it when reading the state at many increasing events (a scan or an animation).
 */
export class NodeStateCursor {
  private index = -1;
  private state: JsonValue | undefined;

  constructor(private readonly history: NodeStateHistory) {}

  /** State after `event`; events must not decrease between calls (a smaller one restarts from the keyframe). */
  at(event: number): JsonValue | undefined {
    const target = lastEntryAtOrBefore(this.history, event);
    if (target < this.index) {
      this.index = target;
      this.state = target < 0 ? undefined : replayTo(this.history, target);
      return this.state;
    }
    while (this.index < target) {
      const entry = this.history.entries[++this.index];
      this.state = 'full' in entry ? entry.full : this.state === undefined ? undefined : applyStatePatches(this.state, entry.patch);
    }
    return this.state;
  }
}
