/**
 * Paths through a search graph: the actions from the initial state to a
 * state (following parent pointers and re-running the recorded actions), and
 * lassos — a path to a cycle along which an `eventually` property is never
 * reached.
 */
import { pairFingerprint, type Fingerprinter, type SearchGraph } from './bfs';
import type { Action, ModelState } from './modelState';
import type { ProtocolModel } from './protocolModel';

/** The actions of the path to `index` and the state it ends in. */
export function pathTo(model: ProtocolModel, graph: SearchGraph, index: number): { actions: Action[]; state: ModelState } {
  const choices: number[] = [];
  for (let at = index; graph.parent.get(at) >= 0; at = graph.parent.get(at)) choices.push(graph.action.get(at));
  choices.reverse();
  return follow(model, model.initial(), choices);
}

/** Takes the `choices` (indexes into each state's enabled actions) from `state`. */
export function follow(model: ProtocolModel, state: ModelState, choices: readonly number[]): { actions: Action[]; state: ModelState } {
  const actions: Action[] = [];
  for (const choice of choices) {
    const action = model.actions(state)[choice];
    if (!action) break;
    actions.push(action);
    state = model.next(state, action);
  }
  return { actions, state };
}

/** A cycle among states where property `bit` is still pending: the state it starts at, the action choices around it and the states it passes. */
export interface Cycle {
  entry: number;
  choices: number[];
  /** The states after each choice (the last is `entry` again). */
  states: number[];
}

/**
 * Follows a cycle from `state` (a state of class `cycle.entry`) by looking,
 * at each step, for an action that leads to the next state's class. Needed
 * under symmetry reduction, where a stored state is one member of its class
 * and the recorded action indexes belong to that member.
 */
export function followCycle(model: ProtocolModel, graph: SearchGraph, state: ModelState, cycle: Cycle, fingerprintOf: Fingerprinter, bitsOf: (state: ModelState, bits: number) => number): Action[] {
  const actions: Action[] = [];
  let bits = graph.pending.get(cycle.entry);
  for (const target of cycle.states) {
    const wantA = graph.fingerprintA.get(target);
    const wantB = graph.fingerprintB.get(target);
    let found = false;
    for (const action of model.actions(state)) {
      const next = model.next(state, action);
      const nextBits = bitsOf(next, bits);
      const fp = pairFingerprint(fingerprintOf(next), nextBits);
      if (fp.a !== wantA || fp.b !== wantB) continue;
      actions.push(action);
      state = next;
      bits = nextBits;
      found = true;
      break;
    }
    if (!found) break;
  }
  return actions;
}

/** The recorded steps between states where one `eventually` property is pending, as compressed rows: state s's steps are start[s] .. start[s + 1] - 1. */
export interface Adjacency {
  start: Int32Array;
  targets: Int32Array;
  /** The action index of each step (into its source state's enabled actions). */
  labels: Int32Array;
}

/** The adjacency of the states where `bit` is pending; undefined when no step joins two of them. */
export function pendingAdjacency(graph: SearchGraph, bit: number): Adjacency | undefined {
  const { from, to, action } = graph.edges;
  const n = graph.states;
  const start = new Int32Array(n + 1);
  const keep: number[] = [];
  for (let e = 0; e < from.length; e++) {
    if ((graph.pending.get(from.get(e)) & bit) === 0 || (graph.pending.get(to.get(e)) & bit) === 0) continue;
    keep.push(e);
    start[from.get(e) + 1]++;
  }
  if (keep.length === 0) return undefined;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const slot = start.slice(0, n);
  const targets = new Int32Array(keep.length);
  const labels = new Int32Array(keep.length);
  for (const e of keep) {
    const at = slot[from.get(e)]++;
    targets[at] = to.get(e);
    labels[at] = action.get(e);
  }
  return { start, targets, labels };
}

/**
 * Finds a cycle in the subgraph of states where `bit` is pending, by an
 * iterative depth-first search over the recorded edges (a back edge closes a
 * cycle). Returns undefined when that subgraph is acyclic.
 */
export function findCycle(graph: SearchGraph, bit: number): Cycle | undefined {
  const adjacency = pendingAdjacency(graph, bit);
  if (!adjacency) return undefined;
  const { start: degree, targets, labels } = adjacency;
  const n = graph.states;
  const color = new Uint8Array(n); // 0 unseen, 1 on the stack, 2 done
  const stack: number[] = [];
  const cursor: number[] = [];
  const via: number[] = [];
  for (let root = 0; root < n; root++) {
    if (color[root] !== 0 || degree[root + 1] === degree[root]) continue;
    stack.push(root);
    cursor.push(degree[root]);
    via.push(-1);
    color[root] = 1;
    while (stack.length > 0) {
      const top = stack.length - 1;
      const node = stack[top];
      if (cursor[top] === degree[node + 1]) {
        color[node] = 2;
        stack.pop();
        cursor.pop();
        via.pop();
        continue;
      }
      const edge = cursor[top]++;
      const target = targets[edge];
      if (color[target] === 1) {
        const start = stack.indexOf(target);
        const choices = [...via.slice(start + 1), labels[edge]];
        return { entry: target, choices, states: [...stack.slice(start + 1), target] };
      }
      if (color[target] === 0) {
        color[target] = 1;
        stack.push(target);
        cursor.push(degree[target]);
        via.push(labels[edge]);
      }
    }
  }
  return undefined;
}
