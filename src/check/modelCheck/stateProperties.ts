/**
 * How the model checker reads a run's properties on single states: safety
 * properties (`always`, the built-ins over effects) must hold in every
 * reachable state; end-of-run properties (`termination`, `eventually` by
 * default) must hold in every terminal state; and every liveness property
 * (`eventually`, and any end-of-run property such as `termination`) must be
 * reached on every path — a path that loops forever without reaching it,
 * through one state (a self-loop) or several, is a lasso. `eventually` and
 * `termination` follow the one rule: where no step is left, the property
 * must hold; where steps go on forever, it must have come true on the way.
 */
import type { NodeId } from '../../engine/api/types';
import type { Property, WorldView } from '../../engine/api/propertyTypes';
import { predicateClock } from '../properties/predicateClock';
import { effectsOf, type EffectLink, type ModelState, type NodeSlot } from './modelState';

/** A property with its role in the search. */
export interface StateProperty {
  name: string;
  property: Property;
  /** Bit of the property in the search's "not reached yet" mask (eventually properties only). */
  bit: number;
}

export interface PropertyPlan {
  safety: StateProperty[];
  /** Checked at terminal states (no action enabled). */
  atEnd: StateProperty[];
  /** Checked along paths: each must be reached on every path (every `eventually`, and every end-of-run property). At most 30. */
  eventually: StateProperty[];
}

/** Sorts a run's properties by the way the search checks them. */
export function planProperties(properties: Record<string, Property>): PropertyPlan {
  const plan: PropertyPlan = { safety: [], atEnd: [], eventually: [] };
  for (const [name, property] of Object.entries(properties)) {
    if (property.type === 'eventually' || property.watches === 'end') {
      if (plan.eventually.length >= 30) throw new Error('check(): at most 30 liveness properties (eventually, termination and other end-of-run properties)');
      plan.eventually.push({ name, property, bit: 1 << plan.eventually.length });
      if (property.watches === 'end') plan.atEnd.push({ name, property, bit: 0 });
    } else plan.safety.push({ name, property, bit: 0 });
  }
  return plan;
}

/** The world as properties see it, for one model state. */
export function viewOf(state: ModelState, ids: readonly NodeId[], nodes: WorldView['nodes'], healAt?: number): WorldView {
  const states: Record<string, unknown> = {};
  const up: Record<string, boolean> = {};
  const durable: Record<string, unknown> = {};
  for (let k = 0; k < ids.length; k++) {
    states[ids[k]] = state.nodes[k].state;
    up[ids[k]] = state.nodes[k].up;
    durable[ids[k]] = state.nodes[k].durable;
  }
  return { now: state.now, event: -1, state: states, up, durable, nodes, history: state.history, effects: effectsOf(state.effects), ...(healAt === undefined ? {} : { healAt }) };
}

/**
 * One view object refilled for each state the search looks at: properties
 * read it during the call and do not keep it (as in `simulate`, whose view
 * also changes under them), so there is no need for a fresh one per state.
 * States checked one after another mostly differ in a node or two, and a
 * store under a node id costs more than comparing slots, so only the nodes
 * whose slot changed since the last state are written.
 */
export class ViewFiller {
  private readonly states: Record<string, unknown> = {};
  private readonly up: Record<string, boolean> = {};
  private readonly durable: Record<string, unknown> = {};
  private readonly view: { now: number; event: number; state: Record<string, unknown>; up: Record<string, boolean>; durable: Record<string, unknown>; nodes: WorldView['nodes']; history: WorldView['history']; effects: WorldView['effects']; healAt?: number };
  /** The slot each node's entries were last filled from. */
  private readonly filled: (NodeSlot | undefined)[];
  /** The effects the view's array was made from (undefined before the first state). */
  private effects: EffectLink | null | undefined = undefined;

  /** With `watchClock`, a predicate that reads `now` is noticed (see predicateClock.ts). */
  constructor(private readonly ids: readonly NodeId[], nodes: WorldView['nodes'], healAt?: number, watchClock = false) {
    this.view = { now: 0, event: -1, state: this.states, up: this.up, durable: this.durable, nodes, history: [], effects: [], ...(healAt === undefined ? {} : { healAt }) };
    if (watchClock) {
      let now = 0;
      Object.defineProperty(this.view, 'now', {
        enumerable: true,
        get: () => {
          if (predicateClock.watching) predicateClock.read = true;
          return now;
        },
        set: (value: number) => {
          now = value;
        },
      });
    }
    this.filled = ids.map(() => undefined);
  }

  /** The view of `state` (valid until the next call). */
  of(state: ModelState): WorldView {
    const ids = this.ids;
    const nodes = state.nodes;
    const filled = this.filled;
    for (let k = 0; k < ids.length; k++) {
      const slot = nodes[k];
      if (filled[k] === slot) continue;
      filled[k] = slot;
      this.states[ids[k]] = slot.state;
      this.up[ids[k]] = slot.up;
      this.durable[ids[k]] = slot.durable;
    }
    const view = this.view;
    view.now = state.now;
    view.history = state.history;
    if (this.effects !== state.effects) {
      this.effects = state.effects;
      view.effects = effectsOf(state.effects);
    }
    return view;
  }
}

/**
 * Checks safety properties state after state. An `always` monitor only
 * evaluates its predicate, so one monitor serves every state; monitors of
 * the built-ins remember what they saw, so each state gets a fresh one.
 */
export class SafetyChecker {
  private readonly reusable: (ReturnType<Property['monitor']> | undefined)[];

  constructor(private readonly plan: PropertyPlan) {
    this.reusable = plan.safety.map((p) => (p.property.type === 'always' ? p.property.monitor() : undefined));
  }

  /** The first safety property `view` violates, with the failure message; `skip` names properties already failed. */
  failure(view: WorldView, skip: ReadonlySet<string>): { name: string; message: string } | undefined {
    const safety = this.plan.safety;
    for (let i = 0; i < safety.length; i++) {
      const p = safety[i];
      if (skip.has(p.name)) continue;
      const failure = (this.reusable[i] ?? p.property.monitor()).step(view);
      if (failure) return { name: p.name, message: failure.message };
    }
    return undefined;
  }
}

/** The message of the first end-of-run property failing in terminal `view`. */
export function endFailure(plan: PropertyPlan, view: WorldView, pendingBits: number): { name: string; message: string } | undefined {
  for (const p of plan.eventually) {
    if (p.property.watches !== 'end' && (pendingBits & p.bit) !== 0) return { name: p.name, message: 'never reached on a path that ends (no step is left to take)' };
  }
  for (const p of plan.atEnd) {
    const monitor = p.property.monitor();
    const failure = monitor.finish(view);
    if (failure) return { name: p.name, message: `${failure.message} — in a state where no step is left to take` };
  }
  return undefined;
}

/** Bits of the eventually properties that hold in `view`. */
export function reachedBits(plan: PropertyPlan, view: WorldView): number {
  let bits = 0;
  for (const p of plan.eventually) {
    const monitor = p.property.monitor();
    monitor.step(view);
    if (monitor.finish(view) === undefined) bits |= p.bit;
  }
  return bits;
}
