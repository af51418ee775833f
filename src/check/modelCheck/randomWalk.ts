/**
 * Random walks, as TLC's simulation mode: many paths from the initial state,
 * each taking a uniformly random enabled step at a time, to the depth bound
 * or until no step is left. It samples deep states of spaces far too large to
 * exhaust; it never proves anything (`complete` stays false). The states it
 * meets go into the same search graph as the other strategies', so a
 * violation's path is rebuilt and replayed the same way, and a cycle among
 * the recorded steps is a real lasso.
 */
import { Random } from '../../engine/model/random';
import type { Fingerprinter, SearchGraph, SearchLimits } from './bfs';
import { GraphBuilder } from './graphBuilder';
import type { ModelState } from './modelState';
import type { ProtocolModel } from './protocolModel';
import type { PropertyPlan } from './stateProperties';

export interface WalkLimits extends SearchLimits {
  /** Number of walks. */
  walks: number;
  /** Seed of the walks' random choices. */
  seed: number;
}

export function randomWalkSearch(model: ProtocolModel, plan: PropertyPlan, limits: WalkLimits, fingerprintOf?: Fingerprinter, audit?: (state: ModelState) => string | undefined): SearchGraph {
  const builder = new GraphBuilder(model, plan, limits.keepGoing, fingerprintOf, audit);
  const graph = builder.graph;
  const random = Random.fromSeed(limits.seed);
  const initial = model.initial();
  const initialBits = builder.initialBits(initial);
  builder.add(initial, initialBits, -1, -1);
  builder.judge(initial, 0);
  let deepest = 0;
  let walks = 0;
  for (; walks < limits.walks && !builder.done && graph.states < limits.maxStates; walks++) {
    let state = initial;
    let index = 0;
    let bits = initialBits;
    for (let depth = 0; ; depth++) {
      if (state.error) break;
      const actions = model.actions(state);
      if (actions.length === 0) {
        builder.judgeEnd(state, index, bits);
        break;
      }
      if (depth >= limits.depth) {
        builder.cutAtBound(index);
        break;
      }
      const choice = random.int(0, actions.length - 1);
      graph.transitions++;
      const successor = model.next(state, actions[choice]);
      const successorBits = builder.bitsAfter(bits, successor);
      const added = builder.add(successor, successorBits, index, choice);
      const target = added >= 0 ? added : -1 - added;
      builder.edge(index, target, choice, successorBits);
      limits.observe?.(state, actions[choice], successor, added >= 0);
      if (added >= 0) builder.judge(successor, added);
      if (depth + 1 > deepest) deepest = depth + 1;
      if (builder.done || graph.states >= limits.maxStates) break;
      state = successor;
      index = target;
      bits = successorBits;
    }
    if ((walks + 1) % 100 === 0) limits.onProgress?.({ states: graph.states, depth: deepest });
  }
  graph.depth = deepest;
  graph.stoppedBy = builder.done ? 'violation' : graph.states >= limits.maxStates ? 'states' : 'walks';
  graph.complete = false;
  return graph;
}
