/**
 * Breadth-first search split over threads. The search goes level by level in
 * step. Each thread expands the states of the level it holds and keeps, as
 * candidates, the successors no thread has taken yet: every thread knows the
 * fingerprints of all the states taken so far (its own in its table, the
 * others' as they reported them), so, as one thread does, it skips a state
 * seen before without building it when a memoized outcome gives its
 * fingerprint. Then the threads swap the fingerprints of their candidates: a
 * state found by several threads in the same level goes to the lowest-
 * numbered of them. Each thread keeps the states it found, so states travel
 * only to balance the next level: a thread holding more than its share
 * sends its last ones to the threads holding less, in an order all threads
 * work out from the same counts (see `balance`). Which thread holds a
 * state, its number and its parent therefore depend only on the search,
 * never on timing. After each level the threads tell each other what they
 * found (states, violations), and every thread decides from the same
 * figures whether to go on.
 *
 * A state's parent is recorded as `number * n + thread`, so a path is
 * rebuilt by asking each thread in turn; the result then holds one small
 * graph made of the violations' paths, which the single-threaded path code
 * reads as it reads a whole search's graph.
 */
import type { SearchGraph, SearchLimits, Violation } from './bfs';
import { FingerprintTable } from './fingerprintTable';
import { Frontier } from './frontier';
import { emptyGraph, GraphBuilder } from './graphBuilder';
import { MemoizedSuccessors } from './memoizedSuccessors';
import type { Action, ModelState } from './modelState';
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
  /** Per thread: the distinct states it holds and the successors it computed. */
  perWorker: { states: number; transitions: number }[];
}

/** A violation as every thread knows it: which thread holds its state. */
interface GlobalViolation extends Violation {
  owner: number;
}

/** The successors one thread found new in a level, in the order it found them. */
class Candidates {
  /**
   * The states, as rows, as a level keeps them (held as objects for the
   * level, they made the search slower, measured: the collector copies them);
   * a state a handler error ended is kept as the object, in `ended`.
   */
  readonly rows: Frontier;
  readonly parent: number[] = [];
  readonly action: number[] = [];
  /** Lanes A and B of each candidate's fingerprint, in pairs. */
  readonly fingerprints: number[] = [];
  readonly ended = new Map<number, ModelState>();
  /** The fingerprints taken in this level so far, to find a candidate twice without building it twice. */
  readonly seen = new FingerprintTable(false, 1 << 10);

  constructor(nodes: number) {
    this.rows = new Frontier(nodes);
  }

  get length(): number {
    return this.parent.length;
  }

  add(state: ModelState, parent: number, action: number): void {
    const k = this.parent.length;
    if (state.error) this.ended.set(k, state);
    this.rows.push(state, k);
    this.parent.push(parent);
    this.action.push(action);
    this.fingerprints.push(state.a, state.b);
  }

  state(k: number): ModelState {
    return this.ended.get(k) ?? (this.rows.state(k) as ModelState);
  }
}

export function partitionedSearch(model: ProtocolModel, plan: PropertyPlan, limits: SearchLimits, link: WorkerLink): PartitionedOutcome {
  const n = link.count;
  const me = link.index;
  const builder = new GraphBuilder(model, plan, limits.keepGoing, undefined, undefined, false);
  const graph = builder.graph;
  const table = builder.table;
  /** Fingerprints of the states the other threads took: with `table`, every state taken so far. */
  const elsewhere = new FingerprintTable(false);
  const parts = new ReceivedParts();
  const initial = model.initial();
  agreeOnInitial(link, initial.a, initial.b);
  let frontier = new Frontier(model.ids.length);
  let next = new Frontier(model.ids.length);
  if (me === 0) {
    builder.add(initial, 0, -1, -1);
    builder.judge(initial, 0);
    frontier.push(initial, 0);
  } else {
    elsewhere.addIfAbsent(initial.a, initial.b, 0);
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
  /** Sends `own` to every other thread; what every thread sent, `own` at this thread's place. */
  const exchange = <T>(own: T): T[] => {
    const text = JSON.stringify(own);
    for (let p = 0; p < n; p++) if (p !== me) link.send(p, text);
    return link.receive().map((r, p) => (p === me ? own : (r as T)));
  };
  const exchangeSummary = (levelLength: number): Summary[] => {
    const own: Summary = { states: graph.states, transitions: graph.transitions, next: levelLength, violations: graph.violations.slice(reported) };
    reported = graph.violations.length;
    return exchange(own);
  };
  // The initial state's judgement, and how many states level 0 holds.
  merge(exchangeSummary(frontier.length));
  let levelSize = perWorker.reduce((sum, s) => sum + s.next, 0);
  const stopAtViolation = () => !limits.keepGoing && violations.length > 0;
  const done = () => stopAtViolation() || failed.size >= propertyNames.size;
  const enabled: Action[] = [];
  const memoized = new MemoizedSuccessors();
  const taken = (a: number, b: number) => table.has(a, b) || elsewhere.has(a, b);
  let depth = 0;
  let stoppedBy: SearchGraph['stoppedBy'];
  while (levelSize > 0 && !done()) {
    if (depth >= limits.depth) {
      stoppedBy = 'depth';
      break;
    }
    next.clear();
    const found = new Candidates(model.ids.length);
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
        // Taken before (by any thread), or found already in this level, recognised by fingerprint without building it.
        if (memoized.known(i, model, table) || memoized.known(i, model, elsewhere) || memoized.known(i, model, found.seen)) continue;
        const successor = model.next(state, enabled[i]);
        if (taken(successor.a, successor.b) || found.seen.addIfAbsent(successor.a, successor.b, 0) >= 0) continue;
        found.add(successor, parent, i);
      }
    }
    // A state found by several threads in this level goes to the lowest-numbered one.
    const all = exchange(found.fingerprints);
    const lower = new FingerprintTable(false, 1 << 10);
    for (let p = 0; p < n; p++) {
      if (p === me) continue;
      const list = all[p];
      for (let k = 0; k + 1 < list.length; k += 2) {
        elsewhere.addIfAbsent(list[k], list[k + 1], 0);
        if (p < me) lower.addIfAbsent(list[k], list[k + 1], 0);
      }
    }
    const won: number[] = [];
    let movable = 0;
    for (let k = 0; k < found.length; k++) {
      if (lower.has(found.fingerprints[2 * k], found.fingerprints[2 * k + 1])) continue;
      won.push(k);
      // A state a handler error ended is not expanded: it stays where it was found.
      if (!found.ended.has(k)) movable++;
    }
    // Balance the next level: the states a thread sends, and to whom, follow from every thread's count.
    const moves = balance(exchange(movable), me);
    const batches = new Map<number, BatchWriter>();
    // The last movable states won go, in order, to the threads `moves` names.
    const keepMovable = movable - moves.reduce((sum, m) => sum + m.count, 0);
    let movableSeen = 0;
    let move = 0;
    let movedToCurrent = 0;
    for (const k of won) {
      const state = found.state(k);
      if (!found.ended.has(k) && movableSeen++ >= keepMovable) {
        const target = moves[move];
        let batch = batches.get(target.to);
        if (!batch) batches.set(target.to, (batch = new BatchWriter()));
        batch.add(state, found.parent[k], found.action[k]);
        elsewhere.addIfAbsent(state.a, state.b, 0);
        if (++movedToCurrent === target.count) {
          move++;
          movedToCurrent = 0;
        }
        continue;
      }
      const added = builder.add(state, 0, found.parent[k], found.action[k]);
      if (added < 0) continue;
      builder.judge(state, added);
      next.push(state, added);
    }
    for (let p = 0; p < n; p++) if (p !== me) link.send(p, (batches.get(p) ?? new BatchWriter()).text());
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

/**
 * Which states thread `me` sends to balance a level of which every thread
 * holds `counts` movable states: each thread should hold the total's share
 * (the first ones one more when it does not divide). Threads over their
 * share give their surplus, in thread order, to the threads under it, in
 * thread order. Returns `me`'s moves, in that order (empty when it gives
 * none).
 */
export function balance(counts: readonly number[], me: number): { to: number; count: number }[] {
  const n = counts.length;
  const total = counts.reduce((sum, c) => sum + c, 0);
  const share = (w: number) => Math.floor(total / n) + (w < total % n ? 1 : 0);
  const deficits = counts.map((c, w) => Math.max(0, share(w) - c));
  const moves: { to: number; count: number }[] = [];
  let receiver = 0;
  for (let w = 0; w < n; w++) {
    let surplus = Math.max(0, counts[w] - share(w));
    while (surplus > 0) {
      while (deficits[receiver] === 0) receiver++;
      const count = Math.min(surplus, deficits[receiver]);
      if (w === me) moves.push({ to: receiver, count });
      surplus -= count;
      deficits[receiver] -= count;
    }
  }
  return moves;
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
