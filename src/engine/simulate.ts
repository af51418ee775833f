/**
 * `simulate`: one run of a configuration, from its seed to its time bound —
 * the earliest pending step, again and again — with properties watched after
 * every step and the trace recorded as it goes.
 */
import type { PropertyVerdict, RunStats, Trace, TraceNode } from '../common/traceFormat';
import { TRACE_FORMAT, TRACE_FORMAT_VERSION } from '../common/traceFormat';
import { encodeValue } from '../common/valueEncoding';
import { isProperty, type Property, type PropertyFailure, type PropertyMonitor } from './api/propertyTypes';
import type { EndReason, RunResult, SimulationConfig, TraceOptions } from './api/types';
import { IdempotencyChecker, idempotencyLateAfter, idempotencySamples } from './idempotency/checker';
import { createWorld, DEFAULT_UNTIL } from './model/createWorld';
import { pctStepper } from './model/pctScheduler';
import type { World } from './model/world';
import { TraceRecorder } from './trace/recorder';
import { defineLazyParts } from './trace/lazyParts';
import { recordViolation } from './trace/recordViolation';

const DEFAULT_MAX_EVENTS = 5_000_000;
const DEFAULT_TRACE_EVENTS = 100_000;
const DEFAULT_KEYFRAME_EVERY = 32;

interface Watched {
  name: string;
  property: Property;
  monitor: PropertyMonitor;
  failure?: PropertyFailure;
}

function traceOptions(option: SimulationConfig['trace']): Required<TraceOptions> {
  const given: TraceOptions = option === false ? { mode: 'off' } : option === true || option === undefined ? {} : option;
  return { mode: given.mode ?? 'window', maxEvents: Math.max(1, given.maxEvents ?? DEFAULT_TRACE_EVENTS), keyframeEvery: Math.max(1, given.keyframeEvery ?? DEFAULT_KEYFRAME_EVERY) };
}

/**
 * Runs the protocol on the simulated network and checks its properties.
 * Deterministic: the same configuration and seed give the same result and a
 * byte-identical trace. Returns plain data (verdicts, statistics, the trace,
 * the client history) that the notebook draws as a sequence chart.
 *
 * @example
 * simulate({
 *   nodes: { account: Account, client: Client },
 *   network: { latency: [1, 10], loss: 0.2, duplicate: 0.1 },
 *   faults: [partition(['client'], ['account'], { from: 5, to: 30 })],
 *   properties: { 'never negative': always(w => w.state.account.balance >= 0) },
 *   seed: 1, until: 500,
 * });
 */
export function simulate(config: SimulationConfig): RunResult {
  // Wall time is measured only when the host offers `performance`; it never enters the trace.
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  const startedAt = clock?.now();
  const until = config.until ?? DEFAULT_UNTIL;
  const maxEvents = config.maxEvents ?? DEFAULT_MAX_EVENTS;
  const options = traceOptions(config.trace);
  const world = createWorld(config);
  if (options.mode !== 'off') world.recorder = new TraceRecorder(world.setup.ids, { mode: options.mode, maxEvents: options.maxEvents, keyframeEvery: options.keyframeEvery });
  const checker = config.idempotency === false ? undefined : new IdempotencyChecker(idempotencySamples(config.idempotency), world.setup.seed, idempotencyLateAfter(config.idempotency));
  if (checker) world.observer = checker;
  const stepper = config.scheduler ? pctStepper(world, config.scheduler) : undefined;

  const watched: Watched[] = Object.entries(config.properties ?? {}).map(([name, property]) => {
    if (!isProperty(property)) throw new TypeError(`simulate: properties['${name}'] is not a property (make it with always(), eventually() or a built-in such as agreement())`);
    return { name, property, monitor: property.monitor() };
  });
  const stepWatchers = watched.filter((w) => w.property.watches === 'steps');
  const effectWatchers = watched.filter((w) => w.property.watches === 'effects');
  let firstViolation: number | undefined;
  const noteFailure = (w: Watched, failure: PropertyFailure | undefined) => {
    if (!failure || w.failure) return;
    w.failure = failure;
    recordViolation(world, w.name, failure, firstViolation === undefined);
    firstViolation ??= failure.event;
  };

  let endReason: EndReason = 'quiescent';
  let effectsSeen = 0;
  if (world.halted) endReason = 'handler-error';
  else {
    for (;;) {
      if (world.eventCount >= maxEvents) {
        const next = world.nextTime();
        endReason = next === undefined ? 'quiescent' : next > until ? 'until' : 'step-limit';
        break;
      }
      const outcome = stepper ? stepper(until) : world.advanceUntil(until);
      if (outcome !== 'stepped') {
        if (outcome === 'until') endReason = 'until';
        break;
      }
      if (world.halted) {
        endReason = 'handler-error';
        break;
      }
      if (stepWatchers.length > 0 || (effectWatchers.length > 0 && world.effects.length > effectsSeen)) {
        const view = world.refreshView();
        for (const w of stepWatchers) if (!w.failure) noteFailure(w, w.monitor.step(view));
        if (world.effects.length > effectsSeen) {
          effectsSeen = world.effects.length;
          for (const w of effectWatchers) if (!w.failure) noteFailure(w, w.monitor.step(view));
        }
        if (firstViolation !== undefined && config.stopOnViolation) {
          endReason = 'violation';
          break;
        }
      }
    }
  }
  const endTime = endReason === 'until' ? until : world.now;
  world.now = endTime;
  if (endReason !== 'handler-error') checker?.finish(world);
  const endView = world.refreshView(true);
  const end = { reason: endReason, until };
  for (const w of watched) if (!w.failure && endReason !== 'handler-error') noteFailure(w, w.monitor.finish(endView, end));
  return buildResult(world, watched, endReason, endTime, until, options, startedAt === undefined || !clock ? undefined : clock.now() - startedAt, checker);
}

function verdictOf(w: Watched, halted: boolean): PropertyVerdict {
  const kind = w.property.type;
  if (w.failure) return { name: w.name, kind, status: 'fail', violatingEvent: w.failure.event, at: w.failure.at, message: w.failure.message };
  if (halted) return { name: w.name, kind, status: 'unknown', message: 'the run ended early because a handler threw' };
  return { name: w.name, kind, status: 'pass' };
}

function buildResult(
  world: World,
  watched: Watched[],
  endReason: EndReason,
  endTime: number,
  until: number,
  options: Required<TraceOptions>,
  wallMs: number | undefined,
  checker: IdempotencyChecker | undefined,
): RunResult {
  const verdicts = watched.map((w) => verdictOf(w, world.halted));
  const recorder = world.recorder;
  const stats: RunStats = { events: world.eventCount, ...world.counts };
  const recorded = recorder?.summary(world.eventCount);
  const nodes: TraceNode[] = world.nodes.map((node) => ({
    id: node.id,
    ...(node.definition.name === undefined ? {} : { kind: node.definition.name }),
    role: node.definition.role,
    ...(node.skewed ? { clock: { skew: node.skew, drift: node.drift } } : {}),
    ...(node.byzantine ? { byzantine: true } : {}),
  }));
  const trace: Trace = {
    format: TRACE_FORMAT,
    version: TRACE_FORMAT_VERSION,
    seed: world.setup.seed,
    until,
    endTime,
    endReason,
    nodes,
    messages: [],
    events: [],
    firstEventIndex: recorded?.firstEventIndex ?? world.eventCount,
    properties: verdicts,
    partitions: recorded?.partitions ?? [],
    states: { keyframeEvery: options.keyframeEvery, byNode: {} },
    stats,
    ...(world.setup.healAt === undefined ? {} : { healAt: world.setup.healAt }),
  };
  if (recorder) defineLazyParts(trace, () => recorder.parts());
  const findings = checker?.findings ?? [];
  if (findings.length > 0) trace.idempotency = findings.map(({ handler, msgType, witness, event }) => ({ handler, msgType, witness, event }));
  if (recorded?.truncated) trace.truncated = recorded.truncated;
  else if (!recorder) trace.truncated = { mode: 'off', keptEvents: 0, droppedEvents: world.eventCount, note: `Tracing was off: the run had ${world.eventCount} events; verdicts, statistics and the history are complete.` };
  const finalState: Record<string, ReturnType<typeof encodeValue>> = {};
  for (const node of world.nodes) finalState[node.id] = node.up ? encodeValue(node.state) : null;
  const result: RunResult = {
    kind: 'protocol-notebook/run',
    ok: !world.halted && verdicts.every((v) => v.status !== 'fail'),
    seed: world.setup.seed,
    endReason,
    verdicts,
    stats: wallMs === undefined ? { ...stats } : { ...stats, wallMs },
    trace,
    history: world.history,
    effects: world.effects.map((e) => ({ node: e.node, kind: e.kind, data: encodeValue(e.data), t: e.t, event: e.event })),
    finalState,
    idempotency: findings,
    idempotencyReplays: checker?.replays() ?? [],
    handlerRuns: world.handlerRunList(),
    ...(world.error ? { error: world.error } : {}),
  };
  if (world.halted) Object.defineProperty(result, 'handlerError', { value: world.thrown, enumerable: false });
  return result;
}
