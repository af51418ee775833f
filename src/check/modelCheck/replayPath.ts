/**
 * Replays a path the model checker found on a real World, with tracing on, so
 * the counterexample is an ordinary run: a trace the notebook draws as a
 * sequence chart, verdicts pointing at the violating event, the history and
 * the effects. Each action of the path is matched to the World's pending step
 * it stands for (the same message, timer or node).
 */
import { TRACE_FORMAT, TRACE_FORMAT_VERSION, type PropertyVerdict, type Trace, type TraceNode } from '../../common/traceFormat';
import { encodeValue } from '../../common/valueEncoding';
import type { RunResult, SimulationConfig } from '../../engine/api/types';
import { createWorld } from '../../engine/model/createWorld';
import type { Pending, SentMessage } from '../../engine/model/pending';
import { cloneValue } from '../../engine/model/values';
import type { World } from '../../engine/model/world';
import { TraceRecorder } from '../../engine/trace/recorder';
import { recordViolation } from '../../engine/trace/recordViolation';
import { isProperty, type PropertyFailure, type PropertyMonitor } from '../../engine/api/propertyTypes';
import type { Action } from './modelState';
import { modelConfig } from './protocolModel';
import type { TimeModel } from './timeModel';
import { hashValue, lanes } from './valueHash';

/** A verdict the search established that monitors of a finite run cannot (a lasso, a bound). */
export interface ImposedVerdict {
  name: string;
  message: string;
}

interface Watched {
  name: string;
  kind: PropertyVerdict['kind'];
  monitor: PropertyMonitor;
  failure?: PropertyFailure;
}

function payloadKey(payload: unknown): string {
  hashValue(payload, 0);
  return `${lanes.a}:${lanes.b}`;
}

/** The World's pending entry an action stands for. */
function entryFor(world: World, action: Action): Pending {
  const live = world.queue.live();
  if (action.kind === 'timer') {
    const seq = world.nodes[action.node].timers.get(action.name);
    const entry = live.find((e) => e.seq === seq);
    if (entry) return entry;
  } else if (action.kind === 'deliver' || action.kind === 'drop' || action.kind === 'duplicate') {
    const { from, to, payload } = action.envelope;
    const key = payloadKey(payload);
    const candidates = live.filter((e) => e.kind === 'deliver' && e.node === to && (e.message as SentMessage).from === from).sort((x, y) => x.seq - y.seq);
    const entry = candidates.find((e) => payloadKey(e.payload) === key);
    if (entry) return entry;
  } else if (action.kind !== 'tick') {
    return world.schedule(world.now, action.kind, action.node);
  }
  throw new Error(`replay: no pending step matches '${action.kind}' (the model and the simulator disagree)`);
}

/** Under the time model: the time of each action of a path (the clock after it). */
export interface PathTimes {
  model: TimeModel;
  times: readonly number[];
}

/** Moves the replay's clock to `t`, healing the network on the way when the heal falls before it; true when it healed. */
function advanceTo(world: World, t: number): boolean {
  const healAt = world.setup.healAt;
  const heal = healAt !== undefined && t >= healAt ? world.queue.live().find((e) => e.kind === 'heal') : undefined;
  if (heal) world.apply(heal.seq);
  if (t > world.now) world.now = t;
  return heal !== undefined;
}

/** Takes one action on the traced world. */
function takeAction(world: World, action: Action): void {
  const entry = entryFor(world, action);
  const recorder = world.recorder;
  if (action.kind === 'drop') {
    const message = entry.message as SentMessage;
    entry.cancelled = true;
    const i = world.eventCount++;
    world.counts.dropped++;
    recorder?.networkEvent(i, 'drop', entry.node, world.now, { msg: message.id, reason: 'loss' });
    recorder?.drop(message.id, i, world.now, 'loss', true);
    return;
  }
  if (action.kind === 'duplicate') {
    const message = entry.message as SentMessage;
    const i = world.eventCount++;
    recorder?.networkEvent(i, 'duplicate', message.from, world.now, { msg: message.id, cause: message.sendEvent });
    world.schedule(entry.at, 'deliver', entry.node, { message, payload: cloneValue(entry.payload) });
    recorder?.copyInFlight(message.id);
  }
  world.apply(entry.seq);
}

/**
 * Runs `config` along `path` (after every node's start) and returns the run
 * as `simulate` would: plain data with a full trace. `imposed` verdicts
 * (liveness failures found by the search) replace the monitors' verdicts.
 */
export function replayPath(config: SimulationConfig, path: readonly Action[], imposed: readonly ImposedVerdict[] = [], timing?: PathTimes): RunResult {
  const world = createWorld(modelConfig(config, timing?.model));
  world.recorder = new TraceRecorder(world.setup.ids, { mode: 'window', maxEvents: 100_000, keyframeEvery: 32 });
  const watched: Watched[] = Object.entries(config.properties ?? {})
    .filter(([, property]) => isProperty(property))
    .map(([name, property]) => ({ name, kind: property.type, monitor: property.monitor() }));
  let firstViolation: number | undefined;
  const note = (w: Watched, failure: PropertyFailure | undefined) => {
    if (!failure || w.failure) return;
    w.failure = failure;
    recordViolation(world, w.name, failure, firstViolation === undefined);
    firstViolation ??= failure.event;
  };
  const afterStep = () => {
    const view = world.refreshView();
    for (const w of watched) if (!w.failure) note(w, w.monitor.step(view));
  };
  if (!world.halted) {
    const starts = world.queue.live().filter((e) => e.kind === 'start').sort((x, y) => x.seq - y.seq);
    for (const start of starts) {
      if (world.halted) break;
      world.apply(start.seq);
      afterStep();
    }
  }
  for (let i = 0; i < path.length; i++) {
    const action = path[i];
    if (world.halted) break;
    // The heal is an event: properties are judged there, as the model judged them.
    if (timing && advanceTo(world, timing.times[i]) && !world.halted) afterStep();
    if (action.kind === 'tick') continue;
    takeAction(world, action);
    if (!world.halted) afterStep();
  }
  const endView = world.refreshView();
  for (const w of watched) {
    const reason = imposed.find((v) => v.name === w.name);
    if (reason && !w.failure) note(w, { event: Math.max(0, world.eventCount - 1), at: world.now, message: reason.message });
    else if (!w.failure && !world.halted && !reason) {
      // A path that ends where the search ended it (not at quiescence) is not the end of a run: only a terminal state finishes properties.
      if (world.nextTime() === undefined) note(w, w.monitor.finish(endView));
    }
  }
  return runResult(world, watched);
}

function runResult(world: World, watched: Watched[]): RunResult {
  const verdicts: PropertyVerdict[] = watched.map((w) =>
    w.failure
      ? { name: w.name, kind: w.kind, status: 'fail', violatingEvent: w.failure.event, at: w.failure.at, message: w.failure.message }
      : world.halted
        ? { name: w.name, kind: w.kind, status: 'unknown', message: 'the run ended early because a handler threw' }
        : { name: w.name, kind: w.kind, status: 'pass' },
  );
  const recorded = world.recorder?.finish(world.eventCount);
  const nodes: TraceNode[] = world.nodes.map((node) => ({
    id: node.id,
    ...(node.definition.name === undefined ? {} : { kind: node.definition.name }),
    role: node.definition.role,
    ...(node.skewed ? { clock: { skew: node.skew, drift: node.drift } } : {}),
  }));
  const stats = { events: world.eventCount, ...world.counts };
  const endReason: Trace['endReason'] = world.halted ? 'handler-error' : watched.some((w) => w.failure) ? 'violation' : world.nextTime() === undefined ? 'quiescent' : 'stopped';
  const trace: Trace = {
    format: TRACE_FORMAT,
    version: TRACE_FORMAT_VERSION,
    seed: world.setup.seed,
    until: world.now,
    endTime: world.now,
    endReason,
    nodes,
    messages: recorded?.messages ?? [],
    events: recorded?.events ?? [],
    firstEventIndex: recorded?.firstEventIndex ?? 0,
    properties: verdicts,
    partitions: recorded?.partitions ?? [],
    states: recorded?.states ?? { keyframeEvery: 32, byNode: {} },
    stats,
  };
  if (recorded?.truncated) trace.truncated = recorded.truncated;
  const finalState: RunResult['finalState'] = {};
  for (const node of world.nodes) finalState[node.id] = node.up ? encodeValue(node.state) : null;
  return {
    kind: 'protocol-notebook/run',
    ok: !world.halted && verdicts.every((v) => v.status !== 'fail'),
    seed: world.setup.seed,
    endReason,
    verdicts,
    stats,
    trace,
    history: world.history,
    effects: world.effects.map((e) => ({ node: e.node, kind: e.kind, data: encodeValue(e.data), t: e.t, event: e.event })),
    finalState,
    idempotency: [],
    idempotencyReplays: [],
    handlerRuns: world.handlerRunList(),
    ...(world.error ? { error: world.error } : {}),
  };
}
