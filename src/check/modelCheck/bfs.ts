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
import type { WorldView } from '../../engine/api/propertyTypes';
import { FingerprintTable } from './fingerprintTable';
import { Frontier } from './frontier';
import { MemoizedSuccessors } from './memoizedSuccessors';
import { GrowableInts } from './growableInts';
import type { Action, ModelState } from './modelState';
import type { ProtocolModel } from './protocolModel';
import { endFailure, reachedBits, SafetyChecker, ViewFiller, type PropertyPlan } from './stateProperties';
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
}

/** A violation found by the search, at state `state`. */
export interface Violation {
  property: string;
  kind: 'safety' | 'end' | 'handler-error';
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
  stoppedBy?: 'depth' | 'states' | 'violation';
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
  const nodesView: WorldView['nodes'] = model.ids.map((id, k) => ({ id, role: model.roles[k] }));
  const allBits = plan.eventually.reduce((bits, p) => bits | p.bit, 0);
  const liveness = allBits !== 0;
  // State numbers are read back only for the edges of the cycle search.
  const table = new FingerprintTable(liveness);
  const graph: SearchGraph = {
    states: 0,
    transitions: 0,
    depth: 0,
    complete: false,
    violations: [],
    parent: new GrowableInts(),
    action: new GrowableInts(),
    pending: new GrowableInts(),
    edges: { from: new GrowableInts(), to: new GrowableInts(), action: new GrowableInts() },
    boundedAt: new Map(),
    fingerprintA: new GrowableInts(),
    fingerprintB: new GrowableInts(),
  };
  const failed = new Set<string>();
  const safety = new SafetyChecker(plan);
  const views = new ViewFiller(model.ids, nodesView);
  const propertyCount = plan.safety.length + plan.atEnd.length + plan.eventually.length;
  const check = (state: ModelState, index: number): void => {
    if (state.error) {
      if (!failed.has('handler error')) {
        failed.add('handler error');
        graph.violations.push({ property: 'handler error', kind: 'handler-error', message: `${state.error.name}: ${state.error.message} (node ${state.error.node}, handler ${state.error.handler})`, state: index });
      }
      return;
    }
    // Under symmetry: a property that tells interchangeable nodes apart refuses the reduction (see symmetryAudit.ts).
    const refusal = audit?.(state);
    if (refusal !== undefined && !failed.has('handler error')) {
      failed.add('handler error');
      graph.violations.push({ property: 'handler error', kind: 'handler-error', message: refusal, state: index });
      return;
    }
    if (plan.safety.length === 0) return;
    const failure = safety.failure(views.of(state), failed);
    if (failure && !failed.has(failure.name)) {
      failed.add(failure.name);
      graph.violations.push({ property: failure.name, kind: 'safety', message: failure.message, state: index });
    }
  };
  const add = (state: ModelState, bits: number, parent: number, action: number): number => {
    const own = fingerprintOf ? fingerprintOf(state) : state;
    const a = bits === 0 ? own.a : finish(mixA(own.a, bits));
    const b = bits === 0 ? own.b : finish(mixB(own.b, bits));
    const index = graph.states;
    const existing = table.addIfAbsent(a, b, index);
    if (existing >= 0) return -1 - existing;
    graph.states++;
    graph.parent.push(parent);
    graph.action.push(action);
    // Only the cycle search reads these: without eventually properties, spare the memory.
    if (liveness) {
      graph.pending.push(bits);
      graph.fingerprintA.push(a);
      graph.fingerprintB.push(b);
    }
    return index;
  };

  // Without symmetry or eventually properties a state's own fingerprint is the search's, so the model may skip building states already seen.
  // An observer is handed every successor, so it turns this off.
  const observe = limits.observe;
  const cheapDuplicates = !fingerprintOf && !liveness && observe === undefined;
  const initial = model.initial();
  const initialView = initial.error ? undefined : views.of(initial);
  const initialBits = liveness && initialView ? allBits & ~reachedBits(plan, initialView) : 0;
  add(initial, initialBits, -1, -1);
  check(initial, 0);
  // The current level and the next, swapped after each level.
  let frontier = new Frontier(model.ids.length);
  let next = new Frontier(model.ids.length);
  frontier.push(initial, 0);
  const stopNow = () => !limits.keepGoing && graph.violations.length > 0;
  const allFailed = () => failed.size >= propertyCount + 1;
  let depth = 0;
  // Refilled for each state expanded (model.next never asks for actions).
  const enabled: Action[] = [];
  const memoized = new MemoizedSuccessors();
  while (frontier.length > 0 && !stopNow() && !allFailed()) {
    if (depth >= limits.depth) {
      graph.stoppedBy = 'depth';
      for (let f = 0; f < frontier.length; f++) {
        const index = frontier.index(f);
        const bits = liveness ? graph.pending.get(index) : 0;
        for (const p of plan.eventually) if (bits & p.bit && !graph.boundedAt.has(p.bit)) graph.boundedAt.set(p.bit, index);
      }
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
        if (plan.atEnd.length > 0 || bits !== 0) {
          const failure = endFailure(plan, views.of(state), bits);
          if (failure && !failed.has(failure.name)) {
            failed.add(failure.name);
            graph.violations.push({ property: failure.name, kind: 'end', message: failure.message, state: index });
          }
        }
        continue;
      }
      if (cheapDuplicates) memoized.fill(model, state, enabled, count, table);
      for (let i = 0; i < count; i++) {
        graph.transitions++;
        // Seen before, recognised by fingerprint without building it.
        if (cheapDuplicates && memoized.known(i, model, table)) continue;
        const successor = model.next(state, enabled[i]);
        let successorBits = 0;
        if (bits !== 0 && !successor.error) successorBits = bits & ~reachedBits(plan, views.of(successor));
        const added = add(successor, successorBits, index, i);
        const target = added >= 0 ? added : -1 - added;
        // A self-loop is an edge too: a state whose step leads back to itself can repeat forever.
        if (successorBits !== 0) {
          graph.edges.from.push(index);
          graph.edges.to.push(target);
          graph.edges.action.push(i);
        }
        observe?.(state, enabled[i], successor, added >= 0);
        if (added < 0) continue;
        check(successor, added);
        next.push(successor, added);
        if (graph.states >= limits.maxStates) break;
      }
      if (graph.states >= limits.maxStates) {
        graph.stoppedBy = 'states';
        break;
      }
      if (stopNow()) break;
    }
    if (graph.stoppedBy === 'states') break;
    if (next.length > 0) depth++;
    [frontier, next] = [next, frontier];
    limits.onProgress?.({ states: graph.states, depth });
  }
  graph.depth = depth;
  if (stopNow() || (allFailed() && frontier.length > 0)) graph.stoppedBy ??= 'violation';
  graph.complete = graph.stoppedBy === undefined;
  return graph;
}
