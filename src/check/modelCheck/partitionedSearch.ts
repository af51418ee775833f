/**
 * Breadth-first search split over threads by fingerprint: thread `w` of `n`
 * owns the states whose fingerprint's lane A is `w` mod `n`, keeps them in
 * its own table and expands them. The search goes level by level in step:
 * each thread expands the states of the level it owns, keeps the successors
 * it owns, sends the others to their owners in one batch each (see
 * stateTransfer.ts), then takes in the batches sent to it, in thread order,
 * so that which copy of a state is kept, and so its number and parent,
 * depends only on the search, never on timing. After each level the threads
 * tell each other what they found (states, violations), and every thread
 * decides from the same figures whether to go on.
 *
 * A state's parent is recorded as `number * n + owner`, so a path is rebuilt
 * by asking each owner in turn; the result then holds one small graph made of
 * the violations' paths, which the single-threaded path code reads as it
 * reads a whole search's graph.
 */
import type { SearchGraph, SearchLimits, Violation } from './bfs';
import { FingerprintTable } from './fingerprintTable';
import { Frontier } from './frontier';
import { emptyGraph, GraphBuilder } from './graphBuilder';
import { MemoizedSuccessors } from './memoizedSuccessors';
import type { Action } from './modelState';
import type { ProtocolModel } from './protocolModel';
import type { PropertyPlan } from './stateProperties';
import { BatchWriter, readBatch, ReceivedParts, type BatchData } from './stateTransfer';

/** This thread's line to the others of one search. */
export interface WorkerLink {
  readonly index: number;
  readonly count: number;
  /** Sends this round's JSON text to thread `to`. Each round, every thread sends one text to every other one. */
  send(to: number, text: string): void;
  /** What every other thread sent this round, parsed (this thread's own place holds null). */
  receive(): unknown[];
}

/** What one thread reports after each level. */
interface Summary {
  states: number;
  transitions: number;
  next: number;
  violations: Violation[];
}

export interface PartitionedOutcome {
  /** The violations' paths as a graph (see the module comment), with the whole search's counts. */
  graph: SearchGraph;
  /** Per thread: the distinct states it owns and the successors it computed. */
  perWorker: { states: number; transitions: number }[];
}

/** A violation as every thread knows it: which thread owns its state. */
interface GlobalViolation extends Violation {
  owner: number;
}

export function partitionedSearch(model: ProtocolModel, plan: PropertyPlan, limits: SearchLimits, link: WorkerLink): PartitionedOutcome {
  const n = link.count;
  const me = link.index;
  const builder = new GraphBuilder(model, plan, limits.keepGoing, undefined, undefined, false);
  const graph = builder.graph;
  const table = builder.table;
  /** Fingerprints of the states sent to other threads: each is sent at most once. */
  const sent = new FingerprintTable(false);
  const parts = new ReceivedParts();
  const ownerOf = (a: number) => (a >>> 0) % n;
  const initial = model.initial();
  agreeOnInitial(link, initial.a, initial.b);
  let frontier = new Frontier(model.ids.length);
  let next = new Frontier(model.ids.length);
  if (ownerOf(initial.a) === me) {
    builder.add(initial, 0, -1, -1);
    builder.judge(initial, 0);
    frontier.push(initial, 0);
  }
  const propertyNames = new Set(['handler error', ...plan.safety.map((p) => p.name), ...plan.atEnd.map((p) => p.name)]);
  const violations: GlobalViolation[] = [];
  const failed = new Set<string>();
  let reported = 0;
  let perWorker: Summary[] = [];
  const merge = (summaries: Summary[]) => {
    perWorker = summaries;
    summaries.forEach((summary, owner) => {
      for (const v of summary.violations) {
        if (failed.has(v.property)) continue;
        failed.add(v.property);
        violations.push({ ...v, owner });
      }
    });
  };
  const exchangeSummary = (levelLength: number): Summary[] => {
    const own: Summary = { states: graph.states, transitions: graph.transitions, next: levelLength, violations: graph.violations.slice(reported) };
    reported = graph.violations.length;
    const text = JSON.stringify(own);
    for (let p = 0; p < n; p++) if (p !== me) link.send(p, text);
    const received = link.receive();
    return received.map((s, p) => (p === me ? own : (s as Summary)));
  };
  // The initial state's judgement, and how many states level 0 holds.
  merge(exchangeSummary(frontier.length));
  let levelSize = perWorker.reduce((sum, s) => sum + s.next, 0);
  const stopAtViolation = () => !limits.keepGoing && violations.length > 0;
  const done = () => stopAtViolation() || failed.size >= propertyNames.size;
  const enabled: Action[] = [];
  const memoized = new MemoizedSuccessors();
  let depth = 0;
  let stoppedBy: SearchGraph['stoppedBy'];
  while (levelSize > 0 && !done()) {
    if (depth >= limits.depth) {
      stoppedBy = 'depth';
      break;
    }
    next.clear();
    const batches: BatchWriter[] = [];
    for (let p = 0; p < n; p++) batches.push(new BatchWriter());
    for (let f = 0; f < frontier.length; f++) {
      const state = frontier.state(f);
      if (state === undefined) continue; // a handler threw on the way here
      const parent = frontier.index(f) * n + me;
      const count = model.enabledInto(state, enabled);
      if (count === 0) {
        builder.judgeEnd(state, frontier.index(f), 0);
        continue;
      }
      memoized.fill(model, state, enabled, count, table);
      for (let i = 0; i < count; i++) {
        graph.transitions++;
        // Seen before (here, or sent before to its owner), recognised by fingerprint without building it.
        const lane = memoized.laneA(i, model);
        if (lane !== undefined && memoized.known(i, model, ownerOf(lane) === me ? table : sent)) continue;
        const successor = model.next(state, enabled[i]);
        const owner = ownerOf(successor.a);
        if (owner !== me) {
          if (sent.addIfAbsent(successor.a, successor.b, 0) < 0) batches[owner].add(successor, parent, i);
          continue;
        }
        const added = builder.add(successor, 0, parent, i);
        if (added < 0) continue;
        builder.judge(successor, added);
        next.push(successor, added);
      }
    }
    for (let p = 0; p < n; p++) if (p !== me) link.send(p, batches[p].text());
    const received = link.receive();
    for (let p = 0; p < n; p++) {
      if (p === me) continue;
      for (const { state, parent, action } of readBatch(model, received[p] as BatchData, parts, (a, b) => table.has(a, b))) {
        const added = builder.add(state, 0, parent, action);
        if (added < 0) continue;
        builder.judge(state, added);
        next.push(state, added);
      }
    }
    merge(exchangeSummary(next.length));
    levelSize = perWorker.reduce((sum, s) => sum + s.next, 0);
    if (levelSize > 0) depth++;
    [frontier, next] = [next, frontier];
    const states = perWorker.reduce((sum, s) => sum + s.states, 0);
    if (me === 0) limits.onProgress?.({ states, depth });
    if (states >= limits.maxStates && levelSize > 0 && !done()) {
      stoppedBy = 'states';
      break;
    }
  }
  if (stopAtViolation() || (done() && levelSize > 0)) stoppedBy ??= 'violation';
  const paths = pathsOf(link, graph, violations);
  const result = pathGraph(violations, paths);
  result.states = perWorker.reduce((sum, s) => sum + s.states, 0);
  result.transitions = perWorker.reduce((sum, s) => sum + s.transitions, 0);
  result.depth = depth;
  if (stoppedBy) result.stoppedBy = stoppedBy;
  result.complete = stoppedBy === undefined;
  return { graph: result, perWorker: perWorker.map((s) => ({ states: s.states, transitions: s.transitions })) };
}

/** Every thread must have built the same model: the initial states' fingerprints are compared first. */
function agreeOnInitial(link: WorkerLink, a: number, b: number): void {
  const text = JSON.stringify([a, b]);
  for (let p = 0; p < link.count; p++) if (p !== link.index) link.send(p, text);
  link.receive().forEach((other, p) => {
    if (p === link.index) return;
    const [oa, ob] = other as [number, number];
    if (oa !== a || ob !== b) throw new Error(`check: worker thread ${p} built another initial state than thread ${link.index}: the threads do not run the same configuration (does it depend on something outside the notebook or module?)`);
  });
}

/**
 * The action choices from the initial state to each violation's state:
 * round by round, each owner of a state on the way names its parent and the
 * action that led to it, until every path reaches the initial state.
 */
function pathsOf(link: WorkerLink, graph: SearchGraph, violations: readonly GlobalViolation[]): number[][] {
  const n = link.count;
  const at = violations.map((v) => v.state * n + v.owner);
  const choices: number[][] = violations.map(() => []);
  const open = () => at.some((code) => code >= 0);
  while (open()) {
    const answers: [number, number, number][] = [];
    at.forEach((code, j) => {
      if (code >= 0 && code % n === link.index) {
        const index = Math.floor(code / n);
        answers.push([j, graph.parent.get(index), graph.action.get(index)]);
      }
    });
    const text = JSON.stringify(answers);
    for (let p = 0; p < n; p++) if (p !== link.index) link.send(p, text);
    const all = link.receive().map((r, p) => (p === link.index ? answers : (r as [number, number, number][])));
    for (const list of all) {
      for (const [j, parent, action] of list) {
        if (parent >= 0) choices[j].push(action);
        at[j] = parent;
      }
    }
  }
  return choices.map((list) => list.reverse());
}

/** A graph holding only the initial state and the violations' paths, each violation at the end of its path. */
function pathGraph(violations: readonly GlobalViolation[], paths: readonly number[][]): SearchGraph {
  const graph = emptyGraph();
  graph.parent.push(-1);
  graph.action.push(-1);
  let size = 1;
  violations.forEach((v, j) => {
    let at = 0;
    for (const choice of paths[j]) {
      graph.parent.push(at);
      graph.action.push(choice);
      at = size++;
    }
    graph.violations.push({ property: v.property, kind: v.kind, message: v.message, state: at });
  });
  return graph;
}
