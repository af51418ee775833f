/**
 * One test per fault: each fails if the fault were not injected (the
 * assertions compare with the same run without the fault where it matters).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, node, partition, oneWayPartition, crash, clockSkew, nemesis, byzantine, type SimulationConfig, type RunResult } from '../../../src/api/index';
import { Echo, Pinger } from './protocols';

const echo = (extra: Partial<SimulationConfig> = {}): RunResult => simulate({ nodes: { pinger: Pinger, echo: Echo }, seed: 7, until: 1000, ...extra });
const dropsBy = (result: RunResult, reason: string) => result.trace.events.filter((e) => e.kind === 'drop' && e.reason === reason);
const deliveryTimes = (result: RunResult) => result.trace.messages.filter((m) => m.type === 'ping').map((m) => m.deliveries[0].at - m.sentAt);

test('constant latency delays every message by exactly that much', () => {
  const result = echo({ network: { latency: 7 } });
  assert.deepEqual(new Set(deliveryTimes(result)), new Set([7]));
});

test('uniform latency spreads delays over [min, max], which reorders messages', () => {
  const result = echo({ network: { latency: [1, 50] } });
  const delays = deliveryTimes(result);
  assert.ok(delays.every((d) => d >= 1 && d <= 50 && Number.isInteger(d)));
  assert.ok(new Set(delays).size > 5, 'delays vary');
  const order = result.finalState.pinger as { got: number[] };
  assert.notDeepEqual(order.got, [...order.got].sort((a, b) => a - b), 'pongs arrive out of order');
});

test('exponential and pareto latency have long tails', () => {
  for (const latency of [{ exponential: 5 }, { pareto: 2, alpha: 1.5 }] as const) {
    const delays = deliveryTimes(echo({ network: { latency } }));
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    assert.ok(Math.max(...delays) > 2 * mean, `${JSON.stringify(latency)}: the longest delay is well above the mean`);
  }
});

test('per-link FIFO keeps each link in send order despite random latency', () => {
  const result = echo({ network: { latency: [1, 50], fifo: true } });
  const got = (result.finalState.pinger as { got: number[] }).got;
  assert.deepEqual(got, [...got].sort((a, b) => a - b));
});

test('loss drops messages with reason "loss"; without it none are lost', () => {
  const lossy = echo({ network: { loss: 0.3 } });
  assert.ok(dropsBy(lossy, 'loss').length > 0);
  assert.ok(lossy.stats.deliveries < 40);
  for (const m of lossy.trace.messages) {
    assert.equal(m.deliveries.length + m.drops.length, 1, 'every message is delivered or dropped, with its reason');
  }
  assert.equal(echo().stats.dropped, 0);
});

test('per-link overrides apply only to the links they name', () => {
  const result = echo({ network: { links: [{ from: 'echo', to: 'pinger', loss: 1 }] } });
  assert.equal(result.trace.messages.filter((m) => m.type === 'ping' && m.drops.length > 0).length, 0);
  assert.equal(result.trace.messages.filter((m) => m.type === 'pong' && m.drops.length === 1).length, 20);
});

test('duplication delivers some messages twice, marking the second delivery', () => {
  const result = echo({ network: { duplicate: 0.5, latency: [1, 10] } });
  assert.ok(result.stats.duplicatesDelivered > 0);
  const doubled = result.trace.messages.filter((m) => m.deliveries.length === 2);
  assert.ok(doubled.length > 0);
  for (const m of doubled) assert.deepEqual(m.deliveries.map((d) => d.duplicate), [false, true]);
  assert.ok(result.trace.events.some((e) => e.kind === 'duplicate'));
  assert.ok((result.finalState.echo as { pings: number }).pings > 20);
});

test('a partition drops messages across the cut while it lasts, then heals', () => {
  const Chatter = node<{ heard: number[] }>({
    init: () => ({ heard: [] }),
    start: (_s, ctx) => ctx.setTimer('talk', 10),
    on: { hello: (state, _msg, ctx) => void state.heard.push(ctx.now) },
    timers: {
      talk(_s, ctx) {
        ctx.broadcast({ type: 'hello' });
        ctx.setTimer('talk', 10);
      },
    },
  });
  const result = simulate({ nodes: { a: Chatter, b: Chatter, c: Chatter }, faults: [partition(['a'], ['b', 'c'], { from: 25, to: 55 })], until: 100, network: { latency: 1 } });
  const heardByA = (result.finalState.a as { heard: number[] }).heard;
  assert.ok(!heardByA.some((t) => t > 25 && t < 55), 'a hears nothing across the cut during the partition');
  assert.ok(heardByA.some((t) => t > 55), 'a hears again after it heals');
  const heardByB = (result.finalState.b as { heard: number[] }).heard;
  assert.ok(heardByB.some((t) => t > 25 && t < 55), 'b still hears c, on its own side');
  assert.ok(dropsBy(result, 'partition').length > 0);
  assert.deepEqual(result.trace.partitions, [{ id: 0, groups: [['a'], ['b', 'c']], start: 25, startEvent: result.trace.partitions[0].startEvent, end: 55, endEvent: result.trace.partitions[0].endEvent }]);
  assert.ok(result.trace.events.some((e) => e.kind === 'partition-start') && result.trace.events.some((e) => e.kind === 'partition-end'));
});

test('a one-way partition: the cut-off side still hears the other', () => {
  const result = echo({ faults: [oneWayPartition(['echo'], ['pinger'], { from: 0 })] });
  assert.equal((result.finalState.echo as { pings: number }).pings, 20, 'echo hears the pinger');
  assert.equal((result.finalState.pinger as { pongs: number }).pongs, 0, 'the pinger does not hear echo');
  assert.deepEqual(result.trace.partitions[0].asymmetric, { from: ['echo'], to: ['pinger'] });
});

test('a crashed node loses its state and timers, keeps durable storage, and recovers', () => {
  const Journal = node<{ volatile: number; recovered: boolean }, { type: 'write' }, { writes: number }>({
    name: 'Journal',
    init: () => ({ volatile: 0, recovered: false }),
    durable: () => ({ writes: 0 }),
    start: (_s, ctx) => ctx.setTimer('tick', 10),
    recover(state, ctx) {
      state.recovered = true;
      state.volatile = -ctx.durable.writes;
    },
    on: {
      write(state, _msg, ctx) {
        state.volatile++;
        ctx.durable.writes++;
      },
    },
    timers: {
      tick(_s, ctx) {
        ctx.send(ctx.self, { type: 'write' });
        ctx.setTimer('tick', 10);
      },
    },
  });
  const result = simulate({ nodes: { j: Journal }, faults: [crash('j', { at: 35, restart: 60 })], network: { latency: 1 }, until: 100 });
  assert.deepEqual(result.finalState.j, { volatile: -3, recovered: true }, 'state rebuilt from the 3 durable writes; no timer survived the crash');
  const kinds = result.trace.events.map((e) => e.kind);
  assert.ok(kinds.includes('crash') && kinds.includes('recover'));
  assert.equal(result.trace.events.filter((e) => e.kind === 'timer' && e.t > 35).length, 0, 'the timer was lost with the crash');
  assert.equal(result.stats.crashes, 1);
});

test('messages to a crashed node are dropped with reason "crashed-receiver"', () => {
  const result = echo({ faults: [crash('echo', { at: 0.5 })], network: { latency: [1, 5] } });
  assert.equal(dropsBy(result, 'crashed-receiver').length, 20);
  assert.equal(result.finalState.echo, null);
});

test('clock skew and drift: ctx.now reads the local clock and timers fire by it', () => {
  const Clock = node<{ readings: number[] }>({
    init: () => ({ readings: [] }),
    start: (_s, ctx) => ctx.setTimer('tick', 10),
    on: {},
    timers: {
      tick(state, ctx) {
        state.readings.push(ctx.now);
        ctx.setTimer('tick', 10);
      },
    },
  });
  const result = simulate({ nodes: { fast: Clock, true: Clock }, faults: [clockSkew('fast', { skew: 100, drift: 1 })], until: 40 });
  assert.deepEqual(result.finalState.true, { readings: [10, 20, 30, 40] });
  // A clock running twice as fast fires a 10-unit timer every 5 true units, and reads 100 + 2t.
  assert.deepEqual(result.finalState.fast, { readings: [110, 120, 130, 140, 150, 160, 170, 180] });
  const tick = result.trace.events.find((e) => e.kind === 'timer' && e.node === 'fast');
  assert.equal(tick?.t, 5);
  assert.equal(tick?.local, 110);
  assert.deepEqual(result.trace.nodes.find((n) => n.id === 'fast')?.clock, { skew: 100, drift: 1 });
});

test('the nemesis injects random partitions and crashes on schedule, reproducibly', () => {
  const config: SimulationConfig = { nodes: { pinger: Pinger, echo: Echo, spare: Echo }, faults: [nemesis({ every: 3, duration: 2, kinds: ['partition', 'crash'] })], network: { latency: [1, 5] }, until: 30, seed: 4 };
  const result = simulate(config);
  assert.ok(result.trace.partitions.length + result.stats.crashes >= 5, 'a fault every 3 units');
  assert.ok(result.stats.dropped > 0);
  assert.deepEqual(simulate(config).trace, result.trace);
  assert.equal(simulate({ ...config, faults: [] }).stats.dropped, 0);
});

test('a Byzantine node drops, delays and tampers with what it sends', () => {
  const honest = echo();
  const tampered = echo({ faults: [byzantine<{ type: 'pong'; n: number }>('echo', { tamper: (msg) => ({ ...msg, n: 666 }) })] });
  assert.ok((tampered.finalState.pinger as { got: number[] }).got.every((n) => n === 666));
  assert.ok((honest.finalState.pinger as { got: number[] }).got.every((n) => n !== 666));
  const silent = echo({ faults: [byzantine('echo', { drop: 1 })] });
  assert.equal(dropsBy(silent, 'byzantine').length, 20);
  assert.equal(silent.trace.nodes.find((n) => n.id === 'echo')?.byzantine, true);
});

test('a partition without a window lasts the whole run', () => {
  const result = echo({ faults: [partition(['pinger'], ['echo'])] });
  assert.equal(result.stats.deliveries, 0);
  assert.equal(dropsBy(result, 'partition').length, 20);
  assert.equal(result.trace.partitions[0].end, undefined);
});
