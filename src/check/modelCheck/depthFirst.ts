/**
 * Depth-first search with iterative deepening: depth-first to a bound, and
 * again with twice the bound while some state was left at the bound, up to
 * the depth limit. It reaches deep states long before breadth-first search
 * has finished the levels above them, keeping only the current path in
 * memory besides the fingerprints; a counterexample is no longer than the
 * bound of the round that found it, though not always a shortest one.
 *
 * A state met again on a shorter path than before is expanded again, and
 * its parent becomes that path's, so the depth bound never hides what a
 * shorter path reaches and paths rebuilt from parents stay within it.
 */
import type { Fingerprinter, SearchGraph, SearchLimits } from './bfs';
import { GraphBuilder } from './graphBuilder';
import { GrowableInts } from './growableInts';
import type { Action, ModelState } from './modelState';
import type { ProtocolModel } from './protocolModel';
import type { PropertyPlan } from './stateProperties';

/** The first round's bound. */
export const FIRST_BOUND = 16;

interface Frame {
  state: ModelState;
  index: number;
  depth: number;
  bits: number;
  actions: Action[];
  next: number;
}

export function depthFirstSearch(model: ProtocolModel, plan: PropertyPlan, limits: SearchLimits, fingerprintOf?: Fingerprinter, audit?: (state: ModelState) => string | undefined): SearchGraph {
  const builder = new GraphBuilder(model, plan, limits.keepGoing, fingerprintOf, audit);
  const graph = builder.graph;
  // Per state: the shallowest depth it was reached at, the round it was last expanded in and at what depth, whether its edges are recorded.
  const shallowest = new GrowableInts();
  const expandedIn = new GrowableInts();
  const expandedAt = new GrowableInts();
  const edgesDone = new GrowableInts();
  const initial = model.initial();
  builder.add(initial, builder.initialBits(initial), -1, -1);
  shallowest.push(0);
  expandedIn.push(-1);
  expandedAt.push(0);
  edgesDone.push(0);
  builder.judge(initial, 0);
  let deepest = 0;
  let bound = Math.min(FIRST_BOUND, limits.depth);
  for (let round = 0; !builder.done; round++) {
    let cut = false;
    const stack: Frame[] = [];
    const enter = (state: ModelState, index: number, depth: number): void => {
      if (state.error) return;
      // Expanded this round from as high up or higher: nothing new below.
      if (expandedIn.get(index) === round && expandedAt.get(index) <= depth) return;
      const actions = model.actions(state);
      if (actions.length === 0) {
        builder.judgeEnd(state, index, builder.liveness ? graph.pending.get(index) : 0);
        expandedIn.set(index, round);
        expandedAt.set(index, depth);
        return;
      }
      if (depth >= bound) {
        cut = true;
        if (bound >= limits.depth) builder.cutAtBound(index);
        return;
      }
      expandedIn.set(index, round);
      expandedAt.set(index, depth);
      stack.push({ state, index, depth, bits: builder.liveness ? graph.pending.get(index) : 0, actions, next: 0 });
    };
    enter(initial, 0, 0);
    while (stack.length > 0 && !builder.done && graph.states < limits.maxStates) {
      const frame = stack[stack.length - 1];
      if (frame.next === frame.actions.length) {
        edgesDone.set(frame.index, 1);
        stack.pop();
        continue;
      }
      const choice = frame.next++;
      graph.transitions++;
      const successor = model.next(frame.state, frame.actions[choice]);
      const bits = builder.bitsAfter(frame.bits, successor);
      const added = builder.add(successor, bits, frame.index, choice);
      const target = added >= 0 ? added : -1 - added;
      const depth = frame.depth + 1;
      if (edgesDone.get(frame.index) === 0) builder.edge(frame.index, target, choice, bits);
      limits.observe?.(frame.state, frame.actions[choice], successor, added >= 0);
      if (added >= 0) {
        shallowest.push(depth);
        expandedIn.push(-1);
        expandedAt.push(0);
        edgesDone.push(0);
        builder.judge(successor, added);
      } else if (depth < shallowest.get(target)) {
        // A shorter path: it becomes the state's path, and what lies below is reached again from it.
        shallowest.set(target, depth);
        graph.parent.set(target, frame.index);
        graph.action.set(target, choice);
      }
      if (depth > deepest) deepest = depth;
      enter(successor, target, depth);
    }
    if (graph.states >= limits.maxStates && stack.length > 0) {
      graph.stoppedBy = 'states';
      break;
    }
    if (builder.done) break;
    if (!cut) break;
    if (bound >= limits.depth) {
      graph.stoppedBy = 'depth';
      break;
    }
    bound = Math.min(bound * 2, limits.depth);
    limits.onProgress?.({ states: graph.states, depth: deepest });
  }
  graph.depth = deepest;
  if (builder.done && graph.stoppedBy === undefined) graph.stoppedBy = 'violation';
  graph.complete = graph.stoppedBy === undefined;
  return graph;
}
