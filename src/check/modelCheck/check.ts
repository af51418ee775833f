/**
 * `check()`: exhaustive model checking of a protocol configuration.
 */
import type { SimulationConfig } from '../../engine/api/types';
import { isProperty, type Property, type WorldView } from '../../engine/api/propertyTypes';
import { sweepOverrides } from '../explore/sweepOverrides';
import { breadthFirstSearch, type Fingerprinter, type SearchGraph, type SearchLimits } from './bfs';
import { checkThreads, type CheckThreads } from './checkThreads';
import { CheckCoverageCollector } from './coverage';
import { depthFirstSearch } from './depthFirst';
import { anyFairness, findFairLoop, validateFairness, type FairnessOptions } from './fairness';
import type { Action, ModelState } from './modelState';
import { partitionedSearch, type WorkerLink } from './partitionedSearch';
import { findCycle, followCycle, pathTo } from './paths';
import { randomWalkSearch } from './randomWalk';
import { ProtocolModel, type FaultChoices } from './protocolModel';
import { replayPath, type ImposedVerdict } from './replayPath';
import { planProperties, reachedBits, viewOf, type PropertyPlan } from './stateProperties';
import { SymmetryReduction } from './symmetry';
import { timeModelOf, type TimeModel } from './timeModel';
import { predicateClock } from '../properties/predicateClock';
import { asymmetricPropertyError, renamedView, renamingSwaps } from './symmetryAudit';
import type { CheckCounterexample, CheckOptions, CheckResult, CheckStats, CheckStrategy, CheckVerdict } from './types';

const DEFAULT_MAX_STATES = 1_000_000;
const DEFAULT_WALKS = 1_000;
const DEFAULT_WALK_DEPTH = 100;
const STRATEGIES: readonly CheckStrategy[] = ['bfs', 'dfs', 'random-walk'];
/** Every option `check()` reads: any other key is refused, so a misspelt or unsupported option never leaves a verdict computed without it. */
const OPTION_NAMES: readonly (keyof CheckOptions)[] = [
  'depth', 'maxStates', 'loss', 'duplicate', 'crashes', 'restart', 'crashNodes', 'symmetry', 'effectOrder',
  'keepGoing', 'strategy', 'walks', 'seed', 'fairness', 'coverage', 'onProgress', 'partialOrder', 'time', 'workers',
];

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
 * is assumed unless `fairness` asks for it: then only a fair cycle counts
 * (see fairness.ts). `strategy` chooses the search (breadth-first by default).
 *
 * @example
 * check({ nodes: { tm: Coordinator, ...cluster(Manager, 3, 'rm') }, properties: { consistent } }, { crashes: 1 })
 */
export function check(config: SimulationConfig, options: CheckOptions = {}): CheckResult {
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  const started = clock?.now() ?? 0;
  for (const key of Object.keys(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(key)) throw new TypeError(`check: unknown option '${key}' (${OPTION_NAMES.join(', ')})`);
  }
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
  const time = options.time === undefined ? undefined : timeModelOf(config, options.time, Object.values(properties));
  refuseTime(config, properties, time);
  const faults: FaultChoices = {
    loss: options.loss ?? (config.network?.loss ?? 0) > 0,
    duplicate: options.duplicate ?? (config.network?.duplicate ?? 0) > 0,
    crashes: options.crashes ?? 0,
    restart: options.restart ?? true,
    symmetry: options.symmetry ?? false,
    ...(options.crashNodes !== undefined ? { crashNodes: crashNodesOf(config, options.crashNodes) } : {}),
    // Effects as a multiset, unless some property may read their order (`always`, `eventually`, `validity`: see Property.effectOrder).
    effectsMultiset: options.effectOrder === 'multiset' || (options.effectOrder === undefined && Object.values(properties).every((p) => p.effectOrder === 'irrelevant')),
  };
  const strategy = options.strategy ?? 'bfs';
  if (!STRATEGIES.includes(strategy)) throw new TypeError(`check: strategy must be 'bfs', 'dfs' or 'random-walk' (got ${JSON.stringify(strategy)})`);
  let model = new ProtocolModel(config, faults, time);
  const fairness = options.fairness === undefined ? undefined : validateFairness(options.fairness, model.ids);
  // A stored state stands for its whole class under symmetry, and only breadth-first search expands exactly the stored member.
  if (faults.symmetry && strategy !== 'bfs') throw new Error(`check: symmetry reduction works with strategy 'bfs' only (got '${strategy}')`);
  if (faults.symmetry && faults.crashNodes) throw new Error('check: crashNodes and symmetry reduction cannot be combined (nodes that may crash are not interchangeable with ones that may not)');
  if (faults.symmetry && anyFairness(fairness)) throw new Error('check: fairness and symmetry reduction cannot be combined (a fair step names a node)');
  if (time && faults.symmetry) throw new Error('check: the time model and symmetry reduction cannot be combined yet');
  if (time && options.partialOrder) throw new Error('check: partialOrder does not reduce the time model (time passing depends on every step)');
  const plan = planProperties(properties);
  const symmetry = faults.symmetry ? new SymmetryReduction(model) : undefined;
  const fingerprintOf = symmetry?.reduces ? (state: ModelState) => symmetry.fingerprint(state) : undefined;
  const audit = symmetry?.reduces ? propertyAudit(model, plan) : undefined;
  const partialOrder = options.partialOrder === true;
  if (partialOrder) refusePartialOrder(strategy, faults, plan);
  const covering = options.coverage || sweepOverrides().coverage;
  let coverage = covering ? new CheckCoverageCollector(config, model, plan) : undefined;
  const limitsOf = (reduce: boolean): SearchLimits => ({
    depth: options.depth ?? Infinity,
    maxStates: options.maxStates ?? DEFAULT_MAX_STATES,
    keepGoing: options.keepGoing ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(coverage ? { observe: coverage.observe } : {}),
    ...(reduce ? { sleepSets: { effectsOrdered: !faults.effectsMultiset } } : {}),
  });
  const walks = positiveInteger(options.walks, 'walks') ?? DEFAULT_WALKS;
  const walkDepth = options.depth ?? DEFAULT_WALK_DEPTH;
  const limits = limitsOf(partialOrder);
  const workers = positiveInteger(options.workers, 'workers') ?? 1;
  if (workers > 1) refuseWorkers(strategy, faults, plan, fairness, covering ?? false, partialOrder);
  if (workers > 1 && time) throw new Error('check: workers above 1 and the time model cannot be combined yet');
  const threads = workers > 1 ? checkThreads() : undefined;
  if (workers > 1 && !threads) {
    throw new Error('check: workers above 1 need threads that run the same configuration: in a notebook cell (or the `check` command) the kernel starts them; from a script, use threadedCheck() (src/kernel/threadedCheck.ts), whose threads import the configuration from a module');
  }
  const link = threads?.begin(workers) ?? undefined;
  if (link && threads) return threadedResult(config, model, plan, limits, link, threads, faults, started);
  const search = (on: ProtocolModel, searchLimits: SearchLimits): SearchGraph =>
    strategy === 'bfs'
      ? breadthFirstSearch(on, plan, searchLimits, fingerprintOf, audit)
      : strategy === 'dfs'
        ? depthFirstSearch(on, plan, searchLimits, fingerprintOf, audit)
        : randomWalkSearch(on, plan, { ...searchLimits, depth: walkDepth, walks, seed: options.seed ?? 0 }, fingerprintOf, audit);
  predicateClock.read = false;
  let graph = search(model, limits);
  let timing: CheckResult['time'] = time ? { delay: [time.min, time.max], clock: 'relative', ...(time.healAt === undefined ? {} : { healAt: time.healAt }) } : undefined;
  if (time && timing && (model.clockRead || predicateClock.read)) {
    // A handler or a property read the clock: states that differ only by the clock's reading may behave differently, so the clock joins the state.
    const reader = model.clockRead ? 'a handler reads ctx.now' : 'a property reads w.now';
    model = new ProtocolModel(config, faults, { ...time, absolute: true });
    coverage = covering ? new CheckCoverageCollector(config, model, plan) : undefined;
    graph = search(model, limitsOf(false));
    timing = { ...timing, clock: 'absolute', why: `${reader}, so the clock is part of each state (a protocol that runs forever then has no end of states)` };
  }
  let reduction: CheckResult['partialOrder'] = partialOrder ? { applied: true, slept: graph.slept ?? 0, reexpanded: graph.reexpanded ?? 0 } : undefined;
  if (graph.clockRead) {
    // Steps that read the clock may not commute: search again without the reduction.
    coverage = covering ? new CheckCoverageCollector(config, model, plan) : undefined;
    graph = breadthFirstSearch(model, plan, limitsOf(false), fingerprintOf, audit);
    reduction = { applied: false, slept: 0, reexpanded: 0, why: 'a handler reads ctx.now, so the order of independent steps may matter' };
  }
  const wallMs = (clock?.now() ?? 0) - started;
  const scope = graph.complete
    ? ''
    : graph.stoppedBy === 'walks'
      ? ` (in ${walks} random walks of up to ${walkDepth} steps)`
      : ` (within ${graph.stoppedBy === 'states' ? `${graph.states} states` : `depth ${graph.depth}`})`;
  const verdicts = verdictsOf(config, model, plan, graph, fingerprintOf ?? ((state: ModelState) => state), scope, anyFairness(fairness) ? fairness : undefined);
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
    faults: { loss: faults.loss, duplicate: faults.duplicate, crashes: faults.crashes, restart: faults.restart, symmetry: faults.symmetry ?? false, ...(faults.crashNodes ? { crashNodes: [...faults.crashNodes] } : {}) },
    effects: faults.effectsMultiset ? 'multiset' : 'sequence',
    strategy,
    ...(fairness && anyFairness(fairness) ? { fairness } : {}),
    ...(coverage ? { coverage: coverage.result(graph) } : {}),
    ...(reduction ? { partialOrder: reduction } : {}),
    ...(timing ? { time: timing } : {}),
  };
  if (failed?.counterexample) result.trace = failed.counterexample.run.trace;
  return result;
}

/** The search split over threads judges states one by one: what needs the whole graph, or other searches, is refused. */
function refuseWorkers(strategy: CheckStrategy, faults: FaultChoices, plan: PropertyPlan, fairness: FairnessOptions | undefined, coverage: boolean, partialOrder: boolean): void {
  if (strategy !== 'bfs') throw new Error(`check: workers above 1 work with strategy 'bfs' only (got '${strategy}')`);
  if (faults.symmetry) throw new Error('check: workers above 1 and symmetry reduction cannot be combined yet');
  if (partialOrder) throw new Error('check: workers above 1 and partialOrder cannot be combined yet');
  if (anyFairness(fairness)) throw new Error('check: workers above 1 cannot judge fairness: a fair cycle needs the whole graph in one thread');
  if (coverage) throw new Error('check: workers above 1 and coverage cannot be combined yet (coverage counts in one thread)');
  const live = plan.eventually[0];
  if (live) throw new Error(`check: workers above 1 cannot judge '${live.name}': a property that must come true on every infinite path needs the whole graph in one thread (use workers for safety properties, or workers: 1)`);
}

/** The search over threads (partitionedSearch.ts); helper threads hand their part over in `finish`, the first thread returns the result. */
function threadedResult(config: SimulationConfig, model: ProtocolModel, plan: PropertyPlan, limits: SearchLimits, link: WorkerLink, threads: CheckThreads, faults: FaultChoices, started: number): CheckResult {
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  let outcome: ReturnType<typeof partitionedSearch>;
  try {
    outcome = partitionedSearch(model, plan, limits, link);
  } finally {
    if (link.index === 0) threads.finish();
  }
  if (link.index !== 0) threads.finish();
  const { graph, perWorker } = outcome;
  const wallMs = (clock?.now() ?? 0) - started;
  const rate = (states: number) => (wallMs > 0 ? Math.round((states / wallMs) * 1000) : 0);
  const scope = graph.complete ? '' : ` (within ${graph.stoppedBy === 'states' ? `${graph.states} states` : `depth ${graph.depth}`})`;
  const verdicts = verdictsOf(config, model, plan, graph, (state: ModelState) => state, scope, undefined);
  const failed = verdicts.find((v) => v.status === 'fail' && v.counterexample);
  const stats: CheckStats = {
    statesExplored: graph.transitions,
    uniqueStates: graph.states,
    depth: graph.depth,
    wallMs,
    statesPerSecond: rate(graph.states),
    workers: link.count,
    perWorker: perWorker.map((w) => ({ uniqueStates: w.states, statesExplored: w.transitions, statesPerSecond: rate(w.states) })),
  };
  const result: CheckResult = {
    kind: 'protocol-notebook/check',
    ok: verdicts.every((v) => v.status !== 'fail'),
    complete: graph.complete,
    ...(graph.stoppedBy ? { stoppedBy: graph.stoppedBy } : {}),
    stats,
    verdicts,
    faults: { loss: faults.loss, duplicate: faults.duplicate, crashes: faults.crashes, restart: faults.restart, symmetry: false, ...(faults.crashNodes ? { crashNodes: [...faults.crashNodes] } : {}) },
    effects: faults.effectsMultiset ? 'multiset' : 'sequence',
    strategy: 'bfs',
  };
  if (failed?.counterexample) result.trace = failed.counterexample.run.trace;
  return result;
}

/** Without the time model check() has no time: a heal time or a deadline would be judged on another model in silence. */
function refuseTime(config: SimulationConfig, properties: Record<string, Property>, time: TimeModel | undefined): void {
  if (config.healAt !== undefined && !time) throw new Error('check() has no time unless asked, so it cannot heal the network at `healAt`: give it the time model, check(config, { time: { delay: [min, max] } }), or use simulate() or explore()');
  const timed = Object.entries(properties).find(([, p]) => p.within !== undefined);
  if (timed && !time) throw new Error(`check() has no time, so the property '${timed[0]}' cannot have a deadline (eventually(…, { within: ${String(timed[1].within)} })): give it the time model, check(config, { time: { delay: [min, max] } }), use simulate() or explore(), or eventually() without \`within\``);
}

/** Sleep sets keep every state but not every step: refused where a verdict needs every step, or where states stand for classes. */
function refusePartialOrder(strategy: CheckStrategy, faults: FaultChoices, plan: PropertyPlan): void {
  if (strategy !== 'bfs') throw new Error(`check: partialOrder works with strategy 'bfs' only (got '${strategy}')`);
  if (faults.symmetry) throw new Error('check: partialOrder and symmetry reduction cannot be combined yet');
  const live = plan.eventually[0];
  if (live) throw new Error(`check: partialOrder cannot judge '${live.name}': a property that must come true on every infinite path needs every step of the cycles (use partialOrder for safety and end-of-run properties)`);
}

/** The steps of a path for people, each described in the state it is taken in (with its time under the time model). */
function stepsOf(model: ProtocolModel, actions: readonly Action[]): string[] {
  let state = model.initial();
  return actions.map((action) => {
    const step = model.describe(action, state);
    const at = model.time && action.kind !== 'tick' ? ` at ${state.now}` : '';
    state = model.next(state, action);
    return step + at;
  });
}

/** The run of a path on the simulator, at the model's times under the time model. */
function replayOf(config: SimulationConfig, model: ProtocolModel, actions: readonly Action[], imposed: ImposedVerdict[]) {
  if (!model.time) return replayPath(config, actions, imposed);
  let state = model.initial();
  const times = actions.map((action) => {
    const at = state.now;
    state = model.next(state, action);
    return action.kind === 'tick' ? state.now : at;
  });
  return replayPath(config, actions, imposed, { model: model.time, times });
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
    strategy: options.strategy ?? 'bfs',
  };
}

function counterexample(config: SimulationConfig, model: ProtocolModel, graph: SearchGraph, state: number, kind: 'path' | 'bound', imposed: ImposedVerdict[]): CheckCounterexample {
  const { actions } = pathTo(model, graph, state);
  return { kind, steps: stepsOf(model, actions), run: replayOf(config, model, actions, imposed) };
}

/** The ids `crashNodes` names, each checked to be a node of the configuration. */
function crashNodesOf(config: SimulationConfig, crashNodes: unknown): string[] {
  const ids = Object.keys(config.nodes ?? {});
  if (!Array.isArray(crashNodes) || crashNodes.some((id) => typeof id !== 'string')) throw new TypeError('check: crashNodes must be an array of node ids');
  for (const id of crashNodes as string[]) if (!ids.includes(id)) throw new TypeError(`check: crashNodes: '${id}' is no node of the run (${ids.join(', ')})`);
  return [...(crashNodes as string[])];
}

/** `value` when it is a positive integer, undefined when absent; otherwise a TypeError naming `option`. */
function positiveInteger(value: number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`check: ${option} must be a positive integer (got ${JSON.stringify(value)})`);
  return value;
}

/** A lasso for property `bit`: a fair one when fairness is asked for, any cycle otherwise; the prefix's and the loop's actions. */
function lassoOf(model: ProtocolModel, plan: PropertyPlan, graph: SearchGraph, bit: number, fingerprintOf: Fingerprinter, fairness: FairnessOptions | undefined): { prefix: Action[]; loop: Action[] } | undefined {
  const nodes = model.ids.map((id, k) => ({ id, role: model.roles[k] }));
  // As the search judged them: time passing alone (a silent state) reaches nothing.
  const bitsOf = (state: ModelState, bits: number) => (state.error ? 0 : state.silent ? bits : bits & ~reachedBits(plan, viewOf(state, model.ids, nodes, model.time?.healAt)));
  // Under the time model every lasso must let time pass (fairness.ts), so it goes through the fair search.
  const fairSteps = fairness ?? (model.time ? {} : undefined);
  if (fairSteps) {
    const fair = findFairLoop(model, graph, bit, fairSteps, fingerprintOf, bitsOf);
    return fair ? { prefix: pathTo(model, graph, fair.entry).actions, loop: fair.actions } : undefined;
  }
  const cycle = findCycle(graph, bit);
  if (!cycle) return undefined;
  const prefix = pathTo(model, graph, cycle.entry);
  return { prefix: prefix.actions, loop: followCycle(model, graph, prefix.state, cycle, fingerprintOf, bitsOf) };
}

function verdictsOf(config: SimulationConfig, model: ProtocolModel, plan: PropertyPlan, graph: SearchGraph, fingerprintOf: Fingerprinter, scope: string, fairness: FairnessOptions | undefined): CheckVerdict[] {
  const verdicts: CheckVerdict[] = [];
  const byName = new Map(graph.violations.map((v) => [v.property, v]));
  const names = [...new Set([...plan.safety, ...plan.atEnd, ...plan.eventually].map((p) => p.name))];
  const handlerError = byName.get('handler error');
  if (handlerError) {
    verdicts.push({ name: 'handler error', status: 'fail', message: handlerError.message, counterexample: counterexample(config, model, graph, handlerError.state, 'path', []) });
  }
  for (const name of names) {
    const violation = byName.get(name);
    if (violation) {
      const imposed = violation.kind === 'end' || violation.kind === 'deadline' ? [{ name, message: violation.message }] : [];
      verdicts.push({ name, status: 'fail', message: violation.message, counterexample: counterexample(config, model, graph, violation.state, 'path', imposed) });
      continue;
    }
    const eventually = plan.eventually.find((p) => p.name === name);
    if (eventually) {
      const lasso = lassoOf(model, plan, graph, eventually.bit, fingerprintOf, fairness);
      if (lasso) {
        const actions = [...lasso.prefix, ...lasso.loop];
        const message = `never reached: after step ${lasso.prefix.length}, the ${lasso.loop.length} steps that follow can repeat forever${fairness ? ', fairly' : ''}`;
        verdicts.push({
          name,
          status: 'fail',
          message,
          counterexample: { kind: 'lasso', steps: stepsOf(model, actions), loopStart: lasso.prefix.length, run: replayOf(config, model, actions, [{ name, message }]) },
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
