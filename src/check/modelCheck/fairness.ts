/**
 * Fair lassos. Without fairness any cycle of the search graph along which an
 * `eventually` property stays pending is a counterexample, including "the
 * network loses every retry" and "one timer fires forever while another
 * never does". With fairness, a cycle counts only if it is fair, in TLA+'s
 * sense, for each step the options make fair:
 *
 * - weak fairness (WF): a step that stays enabled in every state of the
 *   cycle is taken somewhere in it;
 * - strong fairness (SF): a step enabled in some state of the cycle is taken
 *   somewhere in it.
 *
 * A "step" is one delivery (of a message with given contents, from a sender
 * to a receiver) or one timer (a name at a node); copies of a message with
 * the same contents are one step, so a retry resent forever is delivered
 * eventually under strong fairness. Under the time model, whatever the
 * options, a loop must let time pass: infinitely many steps at one instant
 * (a message bounced back and forth with no delay, while a due timer waits)
 * are not a run.
 *
 * The search (after the Emerson–Lei / Streett refinement): split the pending
 * subgraph into strongly connected components; a component in which some
 * strongly fair step is enabled but never taken loses the states that enable
 * it and is split again; one in which a weakly fair step is enabled in every
 * state but never taken holds no fair cycle; any other non-trivial component
 * holds one, and the loop is a walk through it that takes each fair step the
 * component takes and visits a state where each weakly fair step it does not
 * take is disabled.
 */
import { canonicalKey } from '../../common/valueEncoding';
import { pairFingerprint, type Fingerprinter, type SearchGraph } from './bfs';
import type { Action, ModelState } from './modelState';
import { pathTo, pendingAdjacency, type Adjacency } from './paths';
import type { ProtocolModel } from './protocolModel';

export type FairnessKind = 'none' | 'weak' | 'strong';

/** Which steps a lasso must treat fairly: per kind of step, and per node (overriding the kind's setting for steps at that node). */
export interface FairnessOptions {
  /** Deliveries of messages, by contents, sender and receiver. */
  delivery?: FairnessKind;
  /** Timer firings, by node and name. */
  timers?: FairnessKind;
  /** Per receiving (delivery) or owning (timer) node. */
  nodes?: Record<string, { delivery?: FairnessKind; timers?: FairnessKind }>;
}

const KINDS: readonly string[] = ['none', 'weak', 'strong'];
/** The fair-step label of the time model's tick. */
const TIME_PASSES = 'time passes';

/** Throws on options that are not fairness options, naming what is wrong. */
export function validateFairness(fairness: unknown, ids: readonly string[]): FairnessOptions {
  const fail = (what: string): never => {
    throw new TypeError(`check: fairness${what}`);
  };
  if (typeof fairness !== 'object' || fairness === null) fail(' must be an object like { delivery: "strong", timers: "weak" }');
  const options = fairness as Record<string, unknown>;
  const kind = (value: unknown, where: string): void => {
    if (value !== undefined && !KINDS.includes(value as string)) fail(`${where} must be 'none', 'weak' or 'strong' (got ${JSON.stringify(value)})`);
  };
  for (const key of Object.keys(options)) if (!['delivery', 'timers', 'nodes'].includes(key)) fail(`: unknown option '${key}' (delivery, timers, nodes)`);
  kind(options.delivery, '.delivery');
  kind(options.timers, '.timers');
  if (options.nodes !== undefined) {
    if (typeof options.nodes !== 'object' || options.nodes === null) fail('.nodes must map node ids to { delivery?, timers? }');
    for (const [id, perNode] of Object.entries(options.nodes as Record<string, unknown>)) {
      if (!ids.includes(id)) fail(`.nodes: '${id}' is no node of the run (${ids.join(', ')})`);
      if (typeof perNode !== 'object' || perNode === null) fail(`.nodes.${id} must be { delivery?, timers? }`);
      kind((perNode as Record<string, unknown>).delivery, `.nodes.${id}.delivery`);
      kind((perNode as Record<string, unknown>).timers, `.nodes.${id}.timers`);
    }
  }
  return fairness as FairnessOptions;
}

/** True when some step is treated fairly. */
export function anyFairness(fairness: FairnessOptions | undefined): boolean {
  if (!fairness) return false;
  const on = (k: FairnessKind | undefined) => k !== undefined && k !== 'none';
  return on(fairness.delivery) || on(fairness.timers) || Object.values(fairness.nodes ?? {}).some((n) => on(n.delivery) || on(n.timers));
}

/** The fair step an action is, and how fairly it is treated; undefined for a step no fairness applies to. */
function fairStep(model: ProtocolModel, fairness: FairnessOptions, action: Action): { label: string; kind: 'weak' | 'strong' } | undefined {
  let kind: FairnessKind | undefined;
  let label: string;
  if (action.kind === 'deliver') {
    const to = model.ids[action.envelope.to];
    kind = fairness.nodes?.[to]?.delivery ?? fairness.delivery;
    label = `deliver ${model.ids[action.envelope.from]}>${to} ${canonicalKey(action.envelope.payload)}`;
  } else if (action.kind === 'timer') {
    const at = model.ids[action.node];
    kind = fairness.nodes?.[at]?.timers ?? fairness.timers;
    label = `timer ${at} ${action.name}`;
  } else if (action.kind === 'tick') {
    // Time diverges (no Zeno runs): a fair loop must let time pass (see findFairLoop).
    return model.time ? { label: TIME_PASSES, kind: 'weak' } : undefined;
  } else return undefined;
  return kind === 'weak' || kind === 'strong' ? { label, kind } : undefined;
}

/** One step inside a component: to which member, by which action, as which fair step (if any). */
interface Move {
  to: number;
  action: Action;
  label: string | undefined;
}

/** A member of a component, materialized: its state, its fair steps enabled, its moves inside the component. */
interface Member {
  state: ModelState;
  enabled: Map<string, 'weak' | 'strong'>;
  moves: Move[];
}

export interface FairLoop {
  /** The state the loop starts and ends at. */
  entry: number;
  /** The actions around it. */
  actions: Action[];
}

/**
 * A fair cycle among the states where property `bit` is pending, with the
 * actions around it from its entry state; undefined when every such cycle is unfair.
 */
export function findFairLoop(
  model: ProtocolModel,
  graph: SearchGraph,
  bit: number,
  fairness: FairnessOptions,
  fingerprintOf: Fingerprinter,
  bitsOf: (state: ModelState, bits: number) => number,
): FairLoop | undefined {
  const adjacency = pendingAdjacency(graph, bit);
  if (!adjacency) return undefined;
  const work: number[][] = components(adjacency, undefined);
  while (work.length > 0) {
    const component = work.pop() as number[];
    if (!nonTrivial(adjacency, component)) continue;
    const members = materialize(model, graph, component, fairness, fingerprintOf, bitsOf);
    const taken = new Set<string>();
    const enabledSomewhere = new Map<string, 'weak' | 'strong'>();
    for (const member of members.values()) {
      for (const move of member.moves) if (move.label !== undefined) taken.add(move.label);
      for (const [label, kind] of member.enabled) enabledSomewhere.set(label, kind);
    }
    const starved = [...enabledSomewhere].filter(([label, kind]) => kind === 'strong' && !taken.has(label)).map(([label]) => label);
    if (starved.length > 0) {
      // No fair cycle may pass through a state that enables a starved step: drop those states and split what is left.
      const keep = new Set(component.filter((s) => !starved.some((label) => members.get(s)?.enabled.has(label))));
      if (keep.size > 0) work.push(...components(adjacency, keep));
      continue;
    }
    const weaklyStarved = [...enabledSomewhere].some(([label, kind]) => kind === 'weak' && !taken.has(label) && [...members.values()].every((m) => m.enabled.has(label)));
    if (weaklyStarved) continue;
    // Under the time model a loop in which time never passes is no run (infinitely many steps at one instant).
    if (model.time && !taken.has(TIME_PASSES)) continue;
    const entry = Math.min(...component);
    return { entry, actions: tour(members, entry, enabledSomewhere, taken) };
  }
  return undefined;
}

/** A component with a cycle: more than one state, or a state with a step to itself. */
function nonTrivial(adjacency: Adjacency, component: readonly number[]): boolean {
  if (component.length > 1) return true;
  const s = component[0];
  for (let e = adjacency.start[s]; e < adjacency.start[s + 1]; e++) if (adjacency.targets[e] === s) return true;
  return false;
}

/** Tarjan's strongly connected components of the adjacency, restricted to `within` (all states when undefined), iteratively. */
function components(adjacency: Adjacency, within: ReadonlySet<number> | undefined): number[][] {
  const n = adjacency.start.length - 1;
  const inside = (s: number) => !within || within.has(s);
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  const roots = within ? [...within].sort((a, b) => a - b) : Array.from({ length: n }, (_, s) => s);
  for (const root of roots) {
    if (index[root] !== -1 || !inside(root)) continue;
    const call: { node: number; edge: number }[] = [{ node: root, edge: adjacency.start[root] }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (call.length > 0) {
      const frame = call[call.length - 1];
      const node = frame.node;
      if (frame.edge < adjacency.start[node + 1]) {
        const target = adjacency.targets[frame.edge++];
        if (!inside(target)) continue;
        if (index[target] === -1) {
          index[target] = low[target] = counter++;
          stack.push(target);
          onStack[target] = 1;
          call.push({ node: target, edge: adjacency.start[target] });
        } else if (onStack[target]) low[node] = Math.min(low[node], index[target]);
        continue;
      }
      call.pop();
      if (call.length > 0) low[call[call.length - 1].node] = Math.min(low[call[call.length - 1].node], low[node]);
      if (low[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = 0;
          component.push(member);
        } while (member !== node);
        result.push(component);
      }
    }
  }
  return result;
}

/**
 * Rebuilds the states of a component: the one with the smallest number from
 * its path, the others by following, from states already rebuilt, the
 * actions whose successors carry their fingerprints. Each member's fair
 * steps enabled and its moves inside the component are noted on the way.
 */
function materialize(
  model: ProtocolModel,
  graph: SearchGraph,
  component: readonly number[],
  fairness: FairnessOptions,
  fingerprintOf: Fingerprinter,
  bitsOf: (state: ModelState, bits: number) => number,
): Map<number, Member> {
  const byFingerprint = new Map<string, number>();
  for (const s of component) byFingerprint.set(`${graph.fingerprintA.get(s)},${graph.fingerprintB.get(s)}`, s);
  const entry = Math.min(...component);
  const members = new Map<number, Member>();
  const queue: number[] = [entry];
  const states = new Map<number, ModelState>([[entry, pathTo(model, graph, entry).state]]);
  while (queue.length > 0) {
    const s = queue.shift() as number;
    const state = states.get(s) as ModelState;
    const bits = graph.pending.get(s);
    const member: Member = { state, enabled: new Map(), moves: [] };
    for (const action of model.actions(state)) {
      const step = fairStep(model, fairness, action);
      if (step) member.enabled.set(step.label, step.kind);
      const next = model.next(state, action);
      const fp = pairFingerprint(fingerprintOf(next), bitsOf(next, bits));
      const to = byFingerprint.get(`${fp.a},${fp.b}`);
      if (to === undefined) continue;
      member.moves.push({ to, action, label: step?.label });
      if (!states.has(to)) {
        states.set(to, next);
        queue.push(to);
      }
    }
    members.set(s, member);
  }
  return members;
}

/**
 * A closed walk from `entry` through a fair component: it takes each fair
 * step the component takes, visits, for each weakly fair step it never
 * takes, a state where that step is disabled, and returns to `entry`.
 */
function tour(members: Map<number, Member>, entry: number, enabled: Map<string, 'weak' | 'strong'>, taken: Set<string>): Action[] {
  const goals: ((from: number, move: Move | undefined) => boolean)[] = [];
  for (const [label, kind] of enabled) {
    if (taken.has(label)) goals.push((_from, move) => move?.label === label);
    else if (kind === 'weak') goals.push((from) => !members.get(from)?.enabled.has(label));
  }
  const actions: Action[] = [];
  let at = entry;
  const met = goals.map(() => false);
  const note = (from: number, move: Move | undefined) => goals.forEach((goal, g) => (met[g] ||= goal(from, move)));
  note(at, undefined);
  for (let g = 0; g < goals.length; g++) {
    if (met[g]) continue;
    const path = shortestWalk(members, at, (from, move) => goals[g](from, move));
    for (const { from, move } of path) {
      note(from, move);
      if (move) {
        actions.push(move.action);
        at = move.to;
        note(at, undefined);
      }
    }
  }
  // Back to the entry, taking at least one step.
  if (at === entry && actions.length > 0) return actions;
  for (const { move } of shortestWalk(members, at, (_from, move) => move?.to === entry, true)) if (move) actions.push(move.action);
  return actions;
}

/**
 * The shortest walk from `start` that ends with a move or at a state
 * satisfying `goal`, as (state, move taken from it) pairs; the last pair's
 * move is undefined when the goal is a state.
 */
function shortestWalk(members: Map<number, Member>, start: number, goal: (from: number, move: Move | undefined) => boolean, mustMove = false): { from: number; move: Move | undefined }[] {
  if (!mustMove && goal(start, undefined)) return [];
  const previous = new Map<number, { from: number; move: Move }>();
  const queue: number[] = [start];
  const seen = new Set<number>([start]);
  while (queue.length > 0) {
    const s = queue.shift() as number;
    for (const move of members.get(s)?.moves ?? []) {
      if (goal(s, move)) return [...unwind(previous, s, start), { from: s, move }];
      if (seen.has(move.to)) continue;
      seen.add(move.to);
      previous.set(move.to, { from: s, move });
      if (goal(move.to, undefined)) return [...unwind(previous, move.to, start), { from: move.to, move: undefined }];
      queue.push(move.to);
    }
  }
  return [];
}

function unwind(previous: Map<number, { from: number; move: Move }>, to: number, start: number): { from: number; move: Move }[] {
  const path: { from: number; move: Move }[] = [];
  for (let at = to; at !== start; ) {
    const step = previous.get(at) as { from: number; move: Move };
    path.push(step);
    at = step.from;
  }
  return path.reverse();
}
