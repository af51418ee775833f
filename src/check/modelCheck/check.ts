/**
 * `check()`: exhaustive model checking of a protocol configuration.
 */
import type { SimulationConfig } from '../../engine/api/types';
import { isProperty, type Property, type WorldView } from '../../engine/api/propertyTypes';
import { sweepOverrides } from '../explore/sweepOverrides';
import { CheckCoverageCollector } from './coverage';
import { breadthFirstSearch, type Fingerprinter, type SearchGraph } from './bfs';
import type { Action, ModelState } from './modelState';
import { findCycle, followCycle, pathTo } from './paths';
import { ProtocolModel, type FaultChoices } from './protocolModel';
import { replayPath, type ImposedVerdict } from './replayPath';
import { planProperties, reachedBits, viewOf, type PropertyPlan } from './stateProperties';
import { SymmetryReduction } from './symmetry';
import { asymmetricPropertyError, renamedView, renamingSwaps } from './symmetryAudit';
import type { CheckCounterexample, CheckOptions, CheckResult, CheckVerdict } from './types';

const DEFAULT_MAX_STATES = 1_000_000;

/**
 * Explores every interleaving of the protocol's nondeterministic choices —
 * which message is delivered next, whether it is lost or duplicated, when
 * each timer fires, whether and when a node crashes — breadth-first, so a
 * counterexample is a shortest one. States are deduplicated by a fingerprint
 * of node states, durable storage, timers, messages in flight, effects and
 * client history; time is abstracted away (any armed timer may fire at any
 * point). Each violation is replayed as an ordinary run with a trace.
 *
 * Properties: `always` and the effect built-ins must hold in every state;
 * `termination`, `eventually` and other end-of-run properties must hold
 * where no step is left, and must come true on every path that goes on
 * forever: a cycle that avoids one, even a state whose step leads back to
 * itself (a timer re-armed forever), is reported with the lasso. No fairness
 * is assumed: any cycle the protocol can take counts.
 *
 * @example
 * check({ nodes: { tm: Coordinator, ...cluster(Manager, 3, 'rm') }, properties: { consistent } }, { crashes: 1 })
 */
export function check(config: SimulationConfig, options: CheckOptions = {}): CheckResult {
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  const started = clock?.now() ?? 0;
  const properties: Record<string, Property> = {};
  for (const [name, property] of Object.entries(config.properties ?? {})) {
    if (!isProperty(property)) throw new TypeError(`check: properties['${name}'] is not a property (make it with always(), eventually() or a built-in)`);
    properties[name] = property;
  }
  // The `explore` command reports only explore(): a search would be work thrown away.
  if (sweepOverrides().skip === 'check') return skippedCheck(properties, options);
  // The model has no choice for a corrupted message: refuse rather than check a different network in silence.
  const corrupts = (config.network?.corrupt ?? 0) > 0 || (config.network?.links ?? []).some((l) => (l.corrupt ?? 0) > 0) || (config.faults ?? []).some((f) => f.fault === 'corrupt');
  if (corrupts) throw new Error('check() does not model message corruption (network.corrupt, corrupt()): use simulate() or explore() for it');
  const faults: FaultChoices = {
    loss: options.loss ?? (config.network?.loss ?? 0) > 0,
    duplicate: options.duplicate ?? (config.network?.duplicate ?? 0) > 0,
    crashes: options.crashes ?? 0,
    restart: options.restart ?? true,
    symmetry: options.symmetry ?? false,
    // Effects as a multiset, unless some property may read their order (`always`, `eventually`, `validity`: see Property.effectOrder).
    effectsMultiset: options.effectOrder === 'multiset' || (options.effectOrder === undefined && Object.values(properties).every((p) => p.effectOrder === 'irrelevant')),
  };
  const model = new ProtocolModel(config, faults);
  const plan = planProperties(properties);
  const symmetry = faults.symmetry ? new SymmetryReduction(model) : undefined;
  const fingerprintOf = symmetry?.reduces ? (state: ModelState) => symmetry.fingerprint(state) : undefined;
  const audit = symmetry?.reduces ? propertyAudit(model, plan) : undefined;
  const coverage = options.coverage || sweepOverrides().coverage ? new CheckCoverageCollector(config, model, plan) : undefined;
  const graph = breadthFirstSearch(model, plan, {
    depth: options.depth ?? Infinity,
    maxStates: options.maxStates ?? DEFAULT_MAX_STATES,
    keepGoing: options.keepGoing ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(coverage ? { observe: coverage.observe } : {}),
  }, fingerprintOf, audit);
  const wallMs = (clock?.now() ?? 0) - started;
  const verdicts = verdictsOf(config, model, plan, graph, fingerprintOf ?? ((state: ModelState) => state));
  const failed = verdicts.find((v) => v.status === 'fail' && v.counterexample);
  const result: CheckResult = {
    kind: 'protocol-notebook/check',
    ok: verdicts.every((v) => v.status !== 'fail'),
    complete: graph.complete,
    ...(graph.stoppedBy ? { stoppedBy: graph.stoppedBy } : {}),
    stats: {
      statesExplored: graph.transitions,
      uniqueStates: graph.states,
      depth: graph.depth,
      wallMs,
      statesPerSecond: wallMs > 0 ? Math.round((graph.states / wallMs) * 1000) : 0,
    },
    verdicts,
    faults: { loss: faults.loss, duplicate: faults.duplicate, crashes: faults.crashes, restart: faults.restart, symmetry: faults.symmetry ?? false },
    effects: faults.effectsMultiset ? 'multiset' : 'sequence',
    ...(coverage ? { coverage: coverage.result(graph) } : {}),
  };
  if (failed?.counterexample) result.trace = failed.counterexample.run.trace;
  return result;
}

/** The steps of a path for people, each described in the state it is taken in. */
function stepsOf(model: ProtocolModel, actions: readonly Action[]): string[] {
  let state = model.initial();
  return actions.map((action) => {
    const step = model.describe(action, state);
    state = model.next(state, action);
    return step;
  });
}

/** What every property says of a view: which safety properties fail, which liveness ones are reached, which end-of-run ones fail. */
function judgement(plan: PropertyPlan, view: WorldView): string {
  const safety = plan.safety.map((p) => (p.property.monitor().step(view) ? 1 : 0));
  const atEnd = plan.atEnd.map((p) => (p.property.monitor().finish(view) ? 1 : 0));
  return `${safety.join('')}/${reachedBits(plan, view)}/${atEnd.join('')}`;
}

/** The part of `plan` that is property `p`. */
function only(plan: PropertyPlan, p: PropertyPlan['safety'][number]): PropertyPlan {
  return { safety: plan.safety.filter((q) => q === p), atEnd: plan.atEnd.filter((q) => q === p), eventually: plan.eventually.filter((q) => q === p) };
}

/**
 * Under symmetry: judges each state as it is and with each swap of two
 * interchangeable nodes; a property that judges them differently (it names
 * one copy) makes the refusal message.
 */
function propertyAudit(model: ProtocolModel, plan: PropertyPlan): (state: ModelState) => string | undefined {
  const swaps = renamingSwaps(model.symmetryClasses(), model.ids);
  const nodes = model.ids.map((id, k) => ({ id, role: model.roles[k] }));
  const all = [...plan.safety, ...plan.atEnd, ...plan.eventually];
  return (state) => {
    const view = viewOf(state, model.ids, nodes);
    const own = judgement(plan, view);
    for (const swap of swaps) {
      const swapped = renamedView(view, swap.names);
      if (judgement(plan, swapped) === own) continue;
      const culprit = all.find((p) => judgement(only(plan, p), view) !== judgement(only(plan, p), swapped));
      return asymmetricPropertyError(culprit?.name ?? 'a property', swap);
    }
    return undefined;
  };
}

/** The result of a check() the `explore` command skipped: nothing searched, every verdict unknown. */
function skippedCheck(properties: Record<string, Property>, options: CheckOptions): CheckResult {
  return {
    kind: 'protocol-notebook/check',
    ok: true,
    skipped: true,
    complete: false,
    stats: { statesExplored: 0, uniqueStates: 0, depth: 0, wallMs: 0, statesPerSecond: 0 },
    verdicts: Object.keys(properties).map((name) => ({ name, status: 'unknown', message: 'not run: the explore command skips check() (run the check command)' })),
    faults: { loss: options.loss ?? false, duplicate: options.duplicate ?? false, crashes: options.crashes ?? 0, restart: options.restart ?? true, symmetry: options.symmetry ?? false },
    effects: 'sequence',
  };
}

function counterexample(config: SimulationConfig, model: ProtocolModel, graph: SearchGraph, state: number, kind: 'path' | 'bound', imposed: ImposedVerdict[]): CheckCounterexample {
  const { actions } = pathTo(model, graph, state);
  return { kind, steps: stepsOf(model, actions), run: replayPath(config, actions, imposed) };
}

function verdictsOf(config: SimulationConfig, model: ProtocolModel, plan: PropertyPlan, graph: SearchGraph, fingerprintOf: Fingerprinter): CheckVerdict[] {
  const verdicts: CheckVerdict[] = [];
  const scope = graph.complete ? '' : ` (within ${graph.stoppedBy === 'states' ? `${graph.states} states` : `depth ${graph.depth}`})`;
  const byName = new Map(graph.violations.map((v) => [v.property, v]));
  const names = [...new Set([...plan.safety, ...plan.atEnd, ...plan.eventually].map((p) => p.name))];
  const handlerError = byName.get('handler error');
  if (handlerError) {
    verdicts.push({ name: 'handler error', status: 'fail', message: handlerError.message, counterexample: counterexample(config, model, graph, handlerError.state, 'path', []) });
  }
  for (const name of names) {
    const violation = byName.get(name);
    if (violation) {
      const imposed = violation.kind === 'end' ? [{ name, message: violation.message }] : [];
      verdicts.push({ name, status: 'fail', message: violation.message, counterexample: counterexample(config, model, graph, violation.state, 'path', imposed) });
      continue;
    }
    const eventually = plan.eventually.find((p) => p.name === name);
    if (eventually) {
      const cycle = findCycle(graph, eventually.bit);
      if (cycle) {
        const prefix = pathTo(model, graph, cycle.entry);
        const nodes = model.ids.map((id, k) => ({ id, role: model.roles[k] }));
        const loop = followCycle(model, graph, prefix.state, cycle, fingerprintOf, (state, bits) => (state.error ? 0 : bits & ~reachedBits(plan, viewOf(state, model.ids, nodes))));
        const actions = [...prefix.actions, ...loop];
        const message = `never reached: after step ${prefix.actions.length}, the ${loop.length} steps that follow can repeat forever`;
        verdicts.push({
          name,
          status: 'fail',
          message,
          counterexample: { kind: 'lasso', steps: stepsOf(model, actions), loopStart: prefix.actions.length, run: replayPath(config, actions, [{ name, message }]) },
        });
        continue;
      }
      const bounded = graph.boundedAt.get(eventually.bit);
      if (bounded !== undefined) {
        const message = `not reached within the bound of ${graph.depth} steps on some path`;
        verdicts.push({ name, status: 'unknown', message, counterexample: counterexample(config, model, graph, bounded, 'bound', [{ name, message }]) });
        continue;
      }
    }
    verdicts.push(graph.complete ? { name, status: 'pass' } : { name, status: 'unknown', message: `held in every state explored${scope}` });
  }
  return verdicts;
}
