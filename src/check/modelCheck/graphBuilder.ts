/**
 * What every search strategy does to the states it meets, whatever order it
 * meets them in: number each new state in the `SearchGraph` (parent and
 * action, so a path is rebuilt by re-running actions), judge it against the
 * safety properties once, judge a state with no step left against the
 * end-of-run properties, and record the edges between states where an
 * `eventually` property is still pending, for the lasso search. The
 * strategies (bfs.ts, depthFirst.ts, randomWalk.ts) differ only in which
 * state they expand next.
 */
import type { WorldView } from '../../engine/api/propertyTypes';
import type { Fingerprinter, SearchGraph, Violation } from './bfs';
import { FingerprintTable } from './fingerprintTable';
import { GrowableInts } from './growableInts';
import type { ModelState } from './modelState';
import type { ProtocolModel } from './protocolModel';
import { endFailure, reachedBits, SafetyChecker, ViewFiller, type PropertyPlan } from './stateProperties';
import * as valueHash from './valueHash';

const { finish, mixA, mixB } = valueHash;

export function emptyGraph(): SearchGraph {
  return {
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
}

export class GraphBuilder {
  readonly graph = emptyGraph();
  /** Bits of every eventually property. */
  readonly allBits: number;
  /** True when there are eventually properties: states are then (state, pending bits) pairs. */
  readonly liveness: boolean;
  /** The fingerprints of the states numbered so far. */
  readonly table: FingerprintTable;
  private readonly failed = new Set<string>();
  private readonly safety: SafetyChecker;
  private readonly views: ViewFiller;
  private readonly propertyCount: number;
  /** Under the time model, `eventually(…, { within })` properties: each must be reached by its deadline. */
  private readonly deadlines: readonly { name: string; bit: number; within: number; deadline: number }[];

  constructor(
    private readonly model: ProtocolModel,
    private readonly plan: PropertyPlan,
    private readonly keepGoing: boolean,
    private readonly fingerprintOf?: Fingerprinter,
    private readonly audit?: (state: ModelState) => string | undefined,
    /** False when no one reads back a seen state's number (breadth-first search without eventually properties): a smaller table. */
    numbered = true,
  ) {
    this.table = new FingerprintTable(numbered);
    const nodesView: WorldView['nodes'] = model.ids.map((id, k) => ({ id, role: model.roles[k] }));
    this.allBits = plan.eventually.reduce((bits, p) => bits | p.bit, 0);
    this.liveness = this.allBits !== 0;
    this.safety = new SafetyChecker(plan);
    this.views = new ViewFiller(model.ids, nodesView, model.time?.healAt, model.time !== undefined && !model.time.absolute);
    const start = model.time?.healAt ?? 0;
    this.deadlines = model.time ? plan.eventually.filter((p) => p.property.within !== undefined).map((p) => ({ name: p.name, bit: p.bit, within: p.property.within as number, deadline: start + (p.property.within as number) })) : [];
    this.propertyCount = plan.safety.length + plan.atEnd.length + plan.eventually.length;
  }

  /** The pending bits of the initial state. */
  initialBits(initial: ModelState): number {
    return this.liveness && !initial.error ? this.allBits & ~reachedBits(this.plan, this.views.of(initial)) : 0;
  }

  /** The eventually properties still pending after stepping into `successor` with `bits` pending. */
  bitsAfter(bits: number, successor: ModelState): number {
    if (successor.silent) return bits;
    return bits !== 0 && !successor.error ? bits & ~reachedBits(this.plan, this.views.of(successor)) : 0;
  }

  /** Numbers `state` (with its pending bits) if it is new: its number, or `-1 - number` of the state seen before. */
  add(state: ModelState, bits: number, parent: number, action: number): number {
    const own = this.fingerprintOf ? this.fingerprintOf(state) : state;
    const a = bits === 0 ? own.a : finish(mixA(own.a, bits));
    const b = bits === 0 ? own.b : finish(mixB(own.b, bits));
    const graph = this.graph;
    const index = graph.states;
    const existing = this.table.addIfAbsent(a, b, index);
    if (existing >= 0) return -1 - existing;
    graph.states++;
    graph.parent.push(parent);
    graph.action.push(action);
    if (this.liveness) {
      graph.pending.push(bits);
      graph.fingerprintA.push(a);
      graph.fingerprintB.push(b);
    }
    return index;
  }

  /** Records a step between states where some eventually property is pending (self-loops included). */
  edge(from: number, to: number, action: number, successorBits: number): void {
    if (successorBits === 0) return;
    const edges = this.graph.edges;
    edges.from.push(from);
    edges.to.push(to);
    edges.action.push(action);
  }

  /** Judges a new state: a handler error, a property that tells symmetric nodes apart, a safety violation. */
  judge(state: ModelState, index: number): void {
    const failed = this.failed;
    if (state.error) {
      this.fail('handler error', 'handler-error', `${state.error.name}: ${state.error.message} (node ${state.error.node}, handler ${state.error.handler})`, index);
      return;
    }
    const refusal = this.audit?.(state);
    if (refusal !== undefined && !failed.has('handler error')) {
      this.fail('handler error', 'handler-error', refusal, index);
      return;
    }
    if (this.deadlines.length > 0) this.judgeDeadlines(state, index);
    if (this.plan.safety.length === 0 || state.silent) return;
    const failure = this.safety.failure(this.views.of(state), failed);
    if (failure) this.fail(failure.name, 'safety', failure.message, index);
  }

  /** A state past the deadline of a property not reached on the way to it. */
  private judgeDeadlines(state: ModelState, index: number): void {
    const bits = this.graph.pending.get(index);
    const since = this.model.time?.healAt === undefined ? 'of the start' : `after the network healed at t=${this.model.time.healAt}`;
    for (const d of this.deadlines) {
      if ((bits & d.bit) !== 0 && state.now > d.deadline) this.fail(d.name, 'deadline', `not reached within ${d.within} ${since}: time passed t=${d.deadline} on this path (now t=${state.now})`, index);
    }
  }

  /** Judges a state with no step left against the end-of-run and pending eventually properties. */
  judgeEnd(state: ModelState, index: number, bits: number): void {
    if (this.plan.atEnd.length === 0 && bits === 0) return;
    const failure = endFailure(this.plan, this.views.of(state), bits);
    if (failure) this.fail(failure.name, 'end', failure.message, index);
  }

  /** Notes that `index`, with pending bits, was left unexpanded at the depth bound. */
  cutAtBound(index: number): void {
    const bits = this.liveness ? this.graph.pending.get(index) : 0;
    for (const p of this.plan.eventually) if (bits & p.bit && !this.graph.boundedAt.has(p.bit)) this.graph.boundedAt.set(p.bit, index);
  }

  /** A violation was found and `keepGoing` is off. */
  get stopAtViolation(): boolean {
    return !this.keepGoing && this.graph.violations.length > 0;
  }

  /** The search should stop: a violation was found and `keepGoing` is off, every property has failed, or the model no longer holds (see ProtocolModel.abandoned). */
  get done(): boolean {
    return this.stopAtViolation || this.failed.size >= this.propertyCount + 1 || this.model.abandoned;
  }

  private fail(property: string, kind: Violation['kind'], message: string, state: number): void {
    if (this.failed.has(property)) return;
    this.failed.add(property);
    this.graph.violations.push({ property, kind, message, state });
  }
}
