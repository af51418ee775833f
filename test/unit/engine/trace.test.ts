import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, node, partition, type Trace } from '../../../src/api/index';
import { stateAfter, stateBefore, NodeStateCursor, applyStatePatches } from '../../../src/common/traceState';
import { encodeValue } from '../../../src/common/valueEncoding';
import { diffStates } from '../../../src/engine/trace/stateDiff';
import { Account, Echo, Pinger, depositor } from './protocols';

type LogMsg = { type: 'append'; entry: string };

/** A node whose state changes in every way a patch can express: counters, arrays, Maps, Sets, removals. */
const Ledger = node<{ count: number; entries: string[]; byKey: Map<string, number>; tags: Set<string>; last?: string }, LogMsg>({
  name: 'Ledger',
  init: () => ({ count: 0, entries: [], byKey: new Map(), tags: new Set() }),
  start(_s, ctx) {
    for (let k = 0; k < 30; k++) ctx.send(ctx.self, { type: 'append', entry: `e${k % 7}` });
  },
  on: {
    append(state, msg) {
      state.count++;
      state.entries.push(msg.entry);
      if (state.entries.length > 5) state.entries.shift();
      state.byKey.set(msg.entry, (state.byKey.get(msg.entry) ?? 0) + 1);
      if (state.tags.has(msg.entry)) state.tags.delete(msg.entry);
      else state.tags.add(msg.entry);
      if (state.count % 3 === 0) delete state.last;
      else state.last = msg.entry;
    },
  },
});

test('the state of a node at any event is rebuilt from keyframes and patches', () => {
  // Replay the same run with a spy that records the true state after every handler.
  const truth = new Map<number, unknown>();
  const result = simulate({ nodes: { l: Ledger }, trace: { keyframeEvery: 4 }, network: { latency: [1, 5] } });
  const deliveries = result.trace.events.filter((e) => e.kind === 'deliver');
  assert.equal(deliveries.length, 30);
  const entries = result.trace.states.byNode.l.entries;
  assert.ok(entries.some((e) => 'patch' in e) && entries.filter((e) => 'full' in e).length > 2, 'both keyframes and patches are used');
  // Rebuild the expected states by running the handler on our own copy, in the trace's delivery order.
  const state = { count: 0, entries: [] as string[], byKey: new Map<string, number>(), tags: new Set<string>() } as Parameters<NonNullable<typeof Ledger.spec.on.append>>[0];
  for (const delivery of deliveries) {
    const message = result.trace.messages.find((m) => m.id === delivery.msg);
    Ledger.spec.on.append?.(state, message?.payload as LogMsg, {} as never);
    truth.set(delivery.i, encodeValue(state));
  }
  const cursor = new NodeStateCursor(result.trace.states.byNode.l);
  for (const [event, expected] of truth) {
    assert.deepEqual(stateAfter(result.trace, 'l', event), expected, `state after event ${event}`);
    assert.deepEqual(cursor.at(event), expected, `cursor at event ${event}`);
  }
  assert.deepEqual(stateBefore(result.trace, 'l', deliveries[0].i), { count: 0, entries: [], byKey: { $map: [] }, tags: { $set: [] } });
  assert.equal(deliveries.every((d) => d.stateChanged), true);
});

test('patches turn one encoded value into another', () => {
  const pairs: [unknown, unknown][] = [
    [{ a: 1, b: [1, 2, 3] }, { a: 2, b: [1, 2, 3, 4], c: null }],
    [{ a: [1, 2, 3] }, { a: [1] }],
    [new Map([['x', 1]]), new Map([['x', 2], ['y', 3]])],
    [{ deep: { er: { x: 1 } } }, { deep: { er: {} } }],
    [1, { now: 'an object' }],
  ];
  for (const [before, after] of pairs) {
    const a = encodeValue(before);
    const b = encodeValue(after);
    assert.deepEqual(applyStatePatches(a, diffStates(a, b)), b);
    assert.deepEqual(a, encodeValue(before), 'the input is not modified');
  }
});

test('Lamport and vector clocks respect causality: a delivery comes after its send', () => {
  const result = simulate({ nodes: { pinger: Pinger, echo: Echo }, network: { latency: [1, 10] } });
  const byIndex = new Map(result.trace.events.map((e) => [e.i, e]));
  const nodeIndex = new Map(result.trace.nodes.map((n, k) => [n.id, k]));
  for (const message of result.trace.messages) {
    const send = byIndex.get(message.sendEvent);
    assert.ok(send);
    for (const delivery of message.deliveries) {
      const deliver = byIndex.get(delivery.event);
      assert.ok(deliver);
      assert.ok(deliver.lamport > send.lamport);
      assert.ok(deliver.vc.every((c, k) => c >= send.vc[k]), 'the delivery dominates the send');
      assert.ok(deliver.vc[nodeIndex.get(message.from) ?? -1] >= send.vc[nodeIndex.get(message.from) ?? -1]);
    }
  }
  // Events on one node have strictly increasing own vector clock entries.
  for (const [id, k] of nodeIndex) {
    const own = result.trace.events.filter((e) => e.node === id && ['send', 'deliver', 'start', 'timer', 'effect'].includes(e.kind)).map((e) => e.vc[k]);
    assert.deepEqual(own, [...own].sort((a, b) => a - b));
    assert.equal(new Set(own).size, own.length);
  }
});

test('events are indexed in order and handler events point at their cause', () => {
  const result = simulate({ nodes: { account: Account, client: depositor(3) }, faults: [partition(['client'], ['account'], { from: 3, to: 9 })] });
  const trace: Trace = result.trace;
  trace.events.forEach((e, k) => assert.equal(e.i, k + trace.firstEventIndex));
  for (const e of trace.events.filter((x) => x.kind === 'send')) {
    const cause = trace.events.find((x) => x.i === e.cause);
    assert.ok(cause && ['deliver', 'timer', 'start', 'recover'].includes(cause.kind));
  }
  assert.equal(trace.format, 'protocol-notebook-trace');
  assert.equal(trace.nodes.find((n) => n.id === 'account')?.kind, 'Account');
  assert.equal(trace.nodes.find((n) => n.id === 'client')?.role, 'client');
});

/** A protocol that never stops: two nodes bounce a message, forever. */
const Bouncer = node<{ n: number }, { type: 'ball' }>({
  init: () => ({ n: 0 }),
  start: (_s, ctx) => void (ctx.self === 'a' && ctx.send('b', { type: 'ball' })),
  on: {
    ball(state, msg, ctx) {
      state.n++;
      ctx.reply(msg, msg);
    },
  },
});

test('bounded tracing keeps the last N events of a million-event run, with a note', () => {
  const result = simulate({ nodes: { a: Bouncer, b: Bouncer }, until: Infinity, maxEvents: 1_000_000, trace: { mode: 'last', maxEvents: 1000 } });
  // The budget is checked between steps, and a step (a delivery and its reply) makes two events.
  assert.ok(result.stats.events >= 1_000_000 && result.stats.events <= 1_000_001);
  assert.equal(result.endReason, 'step-limit');
  const trace = result.trace;
  assert.ok(trace.events.length >= 1000 && trace.events.length <= 1250);
  assert.equal(trace.events[trace.events.length - 1].i, result.stats.events - 1);
  assert.equal(trace.truncated?.mode, 'last');
  assert.equal(trace.truncated?.droppedEvents, result.stats.events - trace.events.length);
  assert.match(trace.truncated?.note ?? '', /kept|keeps/);
  // The state is still known at every kept event, and messages referenced by kept events are present.
  const first = trace.events[0];
  assert.ok(stateAfter(trace, first.node, first.i));
  const ids = new Set(trace.messages.map((m) => m.id));
  for (const e of trace.events) if (e.kind === 'deliver') assert.ok(ids.has(e.msg ?? -1));
  assert.ok(trace.messages.length < 1300, 'old messages are not kept');
  assert.ok(JSON.stringify(trace).length < 2_000_000);
});

test('window tracing keeps the events around the first violation', () => {
  const result = simulate({
    nodes: { a: Bouncer, b: Bouncer },
    until: 50_000,
    trace: { mode: 'window', maxEvents: 200 },
    properties: { 'a is slow': { kind: 'protocol-notebook/property', type: 'always', watches: 'steps', monitor: () => ({ step: (w) => ((w.state.a as { n: number }).n === 5000 ? { event: w.event, at: w.now, message: 'hit 5000' } : undefined), finish: () => undefined }) } },
  });
  const v = result.verdicts[0];
  assert.equal(v.status, 'fail');
  const kept = result.trace.events.map((e) => e.i);
  assert.ok(kept.includes(v.violatingEvent ?? -1));
  assert.ok(kept[0] < (v.violatingEvent ?? 0) && kept[kept.length - 1] > (v.violatingEvent ?? 0));
  assert.ok(result.trace.events.length <= 210);
  assert.match(result.trace.truncated?.note ?? '', /around the first violation/);
});

test('tracing off keeps verdicts and statistics but no events', () => {
  const result = simulate({ nodes: { pinger: Pinger, echo: Echo }, trace: false });
  assert.equal(result.trace.events.length, 0);
  assert.equal(result.stats.deliveries, 40);
  assert.equal(result.trace.truncated?.mode, 'off');
});

type ShapeMsg = { type: 'note'; k: number; extra?: string; flag?: boolean };

/** A flat state that gains and loses fields, and payloads of one type whose fields come and go; each step records its state as an effect. */
const Shifter = node<{ n: number; a?: number; b?: string; c?: boolean }, ShapeMsg>({
  name: 'Shifter',
  init: () => ({ n: 0 }),
  start(_s, ctx) {
    ctx.send(ctx.self, { type: 'note', k: 0 });
  },
  on: {
    note(state, msg, ctx) {
      state.n++;
      if (msg.k % 3 === 0) state.a = msg.k;
      else delete state.a;
      if (msg.k % 4 === 1) state.b = `b${msg.k}`;
      if (msg.k % 5 === 2) delete state.b;
      state.c = msg.flag;
      if (state.c === undefined) delete state.c;
      ctx.effect('state', { ...state });
      const next = msg.k + 1;
      if (next < 40) ctx.send(ctx.self, next % 2 === 0 ? { type: 'note', k: next } : next % 3 === 0 ? { type: 'note', k: next, flag: true } : { type: 'note', extra: 'x', k: next });
    },
  },
});

test('flat states that gain and lose fields, and payloads of one type in several shapes, are traced as they were', () => {
  const result = simulate({ nodes: { s: Shifter }, until: 1000, trace: { keyframeEvery: 4 } });
  assert.equal(result.effects.length, 40);
  for (const effect of result.effects) assert.deepEqual(stateAfter(result.trace, 's', effect.event), effect.data);
  const payloads = result.trace.messages.map((m) => m.payload);
  assert.deepEqual(payloads[1], { type: 'note', extra: 'x', k: 1 });
  assert.deepEqual(payloads[2], { type: 'note', k: 2 });
  assert.deepEqual(payloads[3], { type: 'note', k: 3, flag: true });
  assert.deepEqual(Object.keys(payloads[1] as object), ['type', 'extra', 'k']);
});

test("a trace's events, messages and states, built when first read, are fields like the others", () => {
  const config = { nodes: { echo: Echo, p: Pinger }, network: { latency: [1, 5] as [number, number] }, until: 100 };
  const unread = simulate(config).trace;
  const read = simulate(config).trace;
  assert.ok(read.events.length > 0);
  assert.deepEqual(Object.keys(unread), Object.keys(read));
  assert.equal(JSON.stringify(unread), JSON.stringify(read));
  assert.deepEqual(JSON.parse(JSON.stringify(unread)), read);
  assert.equal(unread.events, unread.events);
  const replaced = simulate(config).trace;
  replaced.messages = [];
  assert.deepEqual(replaced.messages, []);
  assert.equal(replaced.events.length, read.events.length);
});
