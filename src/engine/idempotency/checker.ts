/**
 * The dynamic idempotency check: during a run, a sample of deliveries is
 * replayed twice against a copy of the receiver, and the second delivery is
 * compared with the first. A handler is idempotent when the duplicate leaves
 * the state as one delivery left it and performs no further effect; resending
 * the same replies is fine (a re-acknowledgement).
 */
import type { JsonValue, StatePatch } from '../../common/traceFormat';
import { canonicalKey, describeValue, encodeValue } from '../../common/valueEncoding';
import type { IdempotencyFinding, IdempotencyOptions, IdempotencyReplays, Message } from '../api/types';
import type { Command } from '../model/context';
import { runHandlerDetached } from '../model/detachedRun';
import { cloneState } from '../model/values';
import type { NodeRuntime, World, WorldObserver } from '../model/world';
import { diffStates } from '../trace/stateDiff';

const DEFAULT_SAMPLES = 64;
/** Every delivery of a handler is replayed up to this count; later ones at powers of two. */
const REPLAY_ALL_UP_TO = 16;

/** How many deliveries per handler to replay, from the `idempotency` option. */
export function idempotencySamples(option: boolean | IdempotencyOptions | undefined): number {
  return typeof option === 'object' ? Math.max(0, option.samplesPerHandler ?? DEFAULT_SAMPLES) : DEFAULT_SAMPLES;
}

interface HandlerTally {
  /** `Kind.msgType`, as findings name it. */
  handler: string;
  nodeKind: string;
  msgType: string;
  deliveries: number;
  replays: number;
  found: boolean;
}

function valueAt(json: JsonValue | undefined, path: readonly (string | number)[]): JsonValue | undefined {
  let value = json;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, JsonValue>)[key as string];
  }
  return value;
}

function describePath(path: readonly (string | number)[]): string {
  const shown = path.filter((key) => key !== '$map' && key !== '$set' && key !== '$object');
  return shown.length === 0 ? 'the state' : shown.map((key) => (typeof key === 'number' ? `[${key}]` : key)).join('.').replace(/\.\[/g, '[');
}

function effectsOf(commands: readonly Command[]): { kind: string; data: unknown }[] {
  return commands.filter((c): c is Extract<Command, { op: 'effect' }> => c.op === 'effect');
}

function sendsOf(commands: readonly Command[]): string[] {
  return commands.filter((c) => c.op === 'send').map((c) => canonicalKey(c)).sort();
}

export class IdempotencyChecker implements WorldObserver {
  readonly findings: IdempotencyFinding[] = [];
  private readonly tallies = new Map<unknown, Map<string, HandlerTally>>();
  private sinceSaturationCheck = 0;

  constructor(
    private readonly samplesPerHandler: number,
    private readonly seed: number,
  ) {}

  beforeDeliver(world: World, node: NodeRuntime, payload: Message, messageId: number, event: number): void {
    if (this.samplesPerHandler === 0 || this.saturated(world)) {
      // Nothing left to learn: stop observing, so that long runs pay nothing.
      world.observer = null;
      return;
    }
    const spec = node.definition.spec;
    let byType = this.tallies.get(spec);
    if (!byType) this.tallies.set(spec, (byType = new Map()));
    let tally = byType.get(payload.type);
    if (!tally) {
      const nodeKind = kindOf(world, node);
      byType.set(payload.type, (tally = { handler: `${nodeKind}.${payload.type}`, nodeKind, msgType: payload.type, deliveries: 0, replays: 0, found: false }));
    }
    const n = tally.deliveries++;
    if (tally.found || tally.replays >= this.samplesPerHandler) return;
    if (n >= REPLAY_ALL_UP_TO && (n & (n - 1)) !== 0) return;
    tally.replays++;
    const witness = this.replay(world, node, payload, messageId);
    if (!witness) return;
    tally.found = true;
    this.findings.push({ handler: tally.handler, nodeKind: tally.nodeKind, msgType: payload.type, witness: `${witness} — seed ${this.seed}, t=${world.now}`, event });
  }

  /** How many deliveries of each handler were replayed twice, and whether one of them showed it not idempotent. */
  replays(): IdempotencyReplays[] {
    const all: IdempotencyReplays[] = [];
    for (const byType of this.tallies.values()) {
      for (const t of byType.values()) all.push({ handler: t.handler, nodeKind: t.nodeKind, msgType: t.msgType, replays: t.replays, idempotent: !t.found });
    }
    return all;
  }

  /** Checks now and then whether every handler of every node kind has had its samples or a finding. */
  private saturated(world: World): boolean {
    if (++this.sinceSaturationCheck < 1024) return false;
    this.sinceSaturationCheck = 0;
    return world.nodes.every((node) => {
      const byType = this.tallies.get(node.definition.spec);
      return Object.keys(node.definition.spec.on).every((type) => {
        const tally = byType?.get(type);
        return tally !== undefined && (tally.found || tally.replays >= this.samplesPerHandler);
      });
    });
  }

  /** Replays the delivery twice on a copy; returns what went wrong, or undefined when the duplicate was harmless. */
  private replay(world: World, node: NodeRuntime, payload: Message, messageId: number): string | undefined {
    const from = world.host.senderOf(payload) ?? '';
    const random = node.context.randomSource.clone();
    node.context.now = node.skewed ? world.localTime(node, world.now) : world.now;
    const once = runHandlerDetached(world, node, from, payload, cloneState(node.state), cloneState(node.context.durable), random);
    if (once.error !== undefined) return undefined;
    const afterOnce = encodeValue(once.state);
    const durableOnce = encodeValue(once.durable);
    const twice = runHandlerDetached(world, node, from, payload, once.state, once.durable, random);
    if (twice.error !== undefined) return `delivering \`${payload.type}\` #${messageId} twice made the second delivery throw: ${String((twice.error as Error)?.message ?? twice.error)}`;
    const what = `delivering \`${payload.type}\` #${messageId} twice`;
    const stateChange = diffStates(afterOnce, encodeValue(twice.state));
    if (stateChange.length > 0) return `${what} ${describeChange(afterOnce, stateChange[0])}`;
    const durableChange = diffStates(durableOnce, encodeValue(twice.durable));
    if (durableChange.length > 0) return `${what} ${describeChange(durableOnce, durableChange[0])} in durable storage`;
    const effects = effectsOf(twice.commands);
    if (effects.length > 0) return `${what} performed the effect '${effects[0].kind}' ${describeValue(encodeValue(effects[0].data), 40)} again`;
    const sendsOnce = sendsOf(once.commands);
    const sendsTwice = sendsOf(twice.commands);
    if (sendsTwice.length > 0 && canonicalKey(sendsOnce) !== canonicalKey(sendsTwice)) return `${what} sent different messages the second time`;
    return undefined;
  }
}

/**
 * A node kind's name: its definition's `name`, else the id of the first node
 * of the run with that definition — the same name the kernel gives the
 * handler's source location, so a finding can be placed on its line.
 */
function kindOf(world: World, node: NodeRuntime): string {
  if (node.definition.name !== undefined) return node.definition.name;
  return world.nodes.find((other) => other.definition.spec === node.definition.spec)?.id ?? node.id;
}

function describeChange(before: JsonValue, patch: StatePatch): string {
  const old = valueAt(before, patch.path);
  const where = `\`${describePath(patch.path)}\``;
  if (patch.value === undefined) return `removed ${where} (was ${describeValue(old ?? null, 40)})`;
  if (old === undefined) return `added ${where} = ${describeValue(patch.value, 40)}`;
  return `changed ${where} from ${describeValue(old, 40)} to ${describeValue(patch.value, 40)}`;
}
