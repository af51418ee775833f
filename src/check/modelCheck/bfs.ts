/**
 * Breadth-first search of every state a protocol can reach, one level of
 * path length at a time, so the first violation found has a shortest path.
 * States are deduplicated by 64-bit fingerprint; each state keeps only its
 * parent's number and the index of the action that reached it (paths are
 * rebuilt by re-running those actions from the initial state). When the
 * run has `eventually` properties the search walks (state, not-yet-reached
 * properties) pairs and records the edges between such pairs, for the
 * cycle search of lasso.ts.
 */
import { Frontier } from './frontier';
import { GraphBuilder } from './graphBuilder';
import type { GrowableInts } from './growableInts';
import { MemoizedSuccessors } from './memoizedSuccessors';
import type { Action, ModelState } from './modelState';
import type { ProtocolModel } from './protocolModel';
import type { PropertyPlan } from './stateProperties';
import { SleepSetExpansion, type OwedState } from './sleepSetExpansion';
import * as valueHash from './valueHash';

// Bound once (see protocolModel.ts).
const { finish, mixA, mixB } = valueHash;

export interface SearchLimits {
  /** Longest path explored (actions after the start). */
  depth: number;
  /** Stop after this many unique states. */
  maxStates: number;
  /** Keep searching after the first violation (each property's first violation is still a shortest one). */
  keepGoing: boolean;
  /** Called now and then with the progress so far. */
  onProgress?: (progress: { states: number; depth: number }) => void;
  /** Called once per transition computed, with whether its successor is new to the search. With it, every successor is built (see cheapDuplicates). */
  observe?: (from: ModelState, action: Action, to: ModelState, isNew: boolean) => void;
  /**
   * Partial-order reduction by sleep sets (sleepSets.ts): for safety and
   * end-of-run properties only; `effectsOrdered` when effects are kept in
   * order (two steps that record effects are then dependent).
   */
  sleepSets?: { effectsOrdered: boolean };
}

/** A violation found by the search, at state `state`. */
export interface Violation {
  property: string;
  /** `deadline`: under the time model, time passed the deadline of `eventually(…, { within })` with the property not reached. */
  kind: 'safety' | 'end' | 'deadline' | 'handler-error';
  message: string;
  state: number;
}

/** What a search explored, and the graph it leaves for path reconstruction and cycle detection. */
export interface SearchGraph {
  /** Number of unique states (product states when there are eventually properties). */
  states: number;
  /** Successor states computed (including ones already seen). */
  transitions: number;
  /** Longest path length reached. */
  depth: number;
  /** True when every reachable state was explored. */
  complete: boolean;
  stoppedBy?: 'depth' | 'states' | 'violation' | 'walks';
  /** With sleep sets: the steps not taken. */
  slept?: number;
  /** With sleep sets: the states expanded again for steps they owed. */
  reexpanded?: number;
  /** With sleep sets: the search stopped because a handler read the clock, which makes steps' order matter. */
  clockRead?: boolean;
  violations: Violation[];
  parent: GrowableInts;
  action: GrowableInts;
  /** Eventually properties not yet reached, per state (recorded only when there are eventually properties). */
  pending: GrowableInts;
  /** Edges between states with pending eventually properties: from, to, action index. */
  edges: { from: GrowableInts; to: GrowableInts; action: GrowableInts };
  /** A state left unexpanded at the depth bound with pending eventually properties, per property bit. */
  boundedAt: Map<number, number>;
  /** Each state's fingerprint (the two lanes; recorded only when there are eventually properties). */
  fingerprintA: GrowableInts;
  fingerprintB: GrowableInts;
}

/** The fingerprint the search deduplicates by: the state's own, or its class's under symmetry reduction. */
export type Fingerprinter = (state: ModelState) => { a: number; b: number };

/** The fingerprint of a (state, pending eventually properties) pair. */
export function pairFingerprint(fingerprint: { a: number; b: number }, bits: number): { a: number; b: number } {
  return bits === 0 ? fingerprint : { a: finish(mixA(fingerprint.a, bits)), b: finish(mixB(fingerprint.b, bits)) };
}

/** Runs the search from `model.initial()`. */
export function breadthFirstSearch(model: ProtocolModel, plan: PropertyPlan, limits: SearchLimits, fingerprintOf?: Fingerprinter, audit?: (state: ModelState) => string | undefined): SearchGraph {
  const liveness = plan.eventually.length > 0;
  // State numbers are read back only for the edges of the cycle search.
  const reduce = limits.sleepSets !== undefined;
  const builder = new GraphBuilder(model, plan, limits.keepGoing, fingerprintOf, audit, liveness || reduce);
  const graph = builder.graph;
  const table = builder.table;

  // Without symmetry or eventually properties a state's own fingerprint is the search's, so the model may skip building states already seen.
  // An observer is handed every successor, so it turns this off.
  const observe = limits.observe;
  const cheapDuplicates = !fingerprintOf && !liveness && observe === undefined;
  const initial = model.initial();
  builder.add(initial, builder.initialBits(initial), -1, -1);
  builder.judge(initial, 0);
  // The current level and the next, swapped after each level.
  let frontier = new Frontier(model.ids.length);
  let next = new Frontier(model.ids.length);
  frontier.push(initial, 0);
  let depth = 0;
  // Refilled for each state expanded (model.next never asks for actions).
  const enabled: Action[] = [];
  const memoized = new MemoizedSuccessors();
  const sleepSets = reduce ? new SleepSetExpansion(model, builder, limits, cheapDuplicates ? memoized : undefined, limits.sleepSets?.effectsOrdered ?? true) : undefined;
  sleepSets?.recordInitial();
  let owed: OwedState[] = [];
  while ((frontier.length > 0 || owed.length > 0) && !builder.done) {
    if (depth >= limits.depth) {
      graph.stoppedBy = 'depth';
      for (let f = 0; f < frontier.length; f++) builder.cutAtBound(frontier.index(f));
      break;
    }
    next.clear();
    for (let f = 0; f < frontier.length; f++) {
      const state = frontier.state(f);
      if (state === undefined) continue; // a handler threw on the way here
      const index = frontier.index(f);
      const bits = liveness ? graph.pending.get(index) : 0;
      const count = model.enabledInto(state, enabled);
      if (count === 0) {
        builder.judgeEnd(state, index, bits);
        continue;
      }
      if (cheapDuplicates) memoized.fill(model, state, enabled, count, table);
      if (sleepSets) {
        if (!sleepSets.expand(state, index, enabled, count, next)) {
          graph.stoppedBy = 'states';
          break;
        }
        if (model.clockRead) {
          graph.clockRead = true;
          break;
        }
        if (builder.stopAtViolation) break;
        continue;
      }
      for (let i = 0; i < count; i++) {
        graph.transitions++;
        // Seen before, recognised by fingerprint without building it.
        if (cheapDuplicates && memoized.known(i, model, table)) continue;
        const successor = model.next(state, enabled[i]);
        const successorBits = builder.bitsAfter(bits, successor);
        const added = builder.add(successor, successorBits, index, i);
        // A self-loop is an edge too: a state whose step leads back to itself can repeat forever.
        builder.edge(index, added >= 0 ? added : -1 - added, i, successorBits);
        observe?.(state, enabled[i], successor, added >= 0);
        if (added < 0) continue;
        builder.judge(successor, added);
        next.push(successor, added);
        if (graph.states >= limits.maxStates) break;
      }
      if (graph.states >= limits.maxStates) {
        graph.stoppedBy = 'states';
        break;
      }
      if (builder.stopAtViolation) break;
    }
    if (sleepSets && graph.stoppedBy === undefined && !graph.clockRead) {
      // States met again this level that owe steps (their successors join the next level).
      for (const entry of owed) {
        if (builder.stopAtViolation) break;
        const count = model.enabledInto(entry.state, enabled);
        if (cheapDuplicates) memoized.fill(model, entry.state, enabled, count, table);
        if (!sleepSets.expand(entry.state, entry.index, enabled, count, next, entry)) {
          graph.stoppedBy = 'states';
          break;
        }
      }
      owed = sleepSets.owedNext;
      sleepSets.owedNext = [];
    }
    if (graph.clockRead) break;
    if (graph.stoppedBy === 'states') break;
    if (next.length > 0) depth++;
    [frontier, next] = [next, frontier];
    limits.onProgress?.({ states: graph.states, depth });
  }
  graph.depth = depth;
  if (sleepSets) {
    graph.slept = sleepSets.slept;
    graph.reexpanded = sleepSets.reexpanded;
    if (model.clockRead) graph.clockRead = true;
  }
  // Stopped at a violation: what was left unexpanded is unknown, unless every property had failed with nothing left to expand.
  if (builder.stopAtViolation || (builder.done && frontier.length > 0)) graph.stoppedBy ??= 'violation';
  graph.complete = graph.stoppedBy === undefined && !graph.clockRead;
  return graph;
}
