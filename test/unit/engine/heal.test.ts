/**
 * `healAt`: from that time on the faults stop — no loss, duplication or
 * corruption, partitions end, no crashes, pending restarts happen at once —
 * and the heal is an event of the trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, crash, corrupt, nemesis, node, partition, type RunResult, type SimulationConfig, type TraceEvent } from '../../../src/api/index';
import { Echo, Pinger, type EchoMsg } from './protocols';

/** Pings `echo` every 10 units, the whole run. */
const Ticker = node<{ n: number }, EchoMsg>({
  name: 'Ticker',
  init: () => ({ n: 0 }),
  start(_state, ctx) {
    ctx.setTimer('tick', 10);
  },
  on: { pong() {} },
  timers: {
    tick(state, ctx) {
      ctx.send('echo', { type: 'ping', n: state.n++ });
      ctx.setTimer('tick', 10);
    },
  },
});

const HEAL = 300;
const echo = (extra: Partial<SimulationConfig> = {}): RunResult => simulate({ nodes: { pinger: Ticker, echo: Echo }, seed: 3, until: 1000, healAt: HEAL, ...extra });
const kinds = (result: RunResult, kind: TraceEvent['kind']) => result.trace.events.filter((e) => e.kind === kind);
const before = (events: TraceEvent[]) => events.filter((e) => e.t < HEAL);
const after = (events: TraceEvent[]) => events.filter((e) => e.t >= HEAL);

test('the heal is one event at healAt, and the trace says when', () => {
  const result = echo();
  const heals = kinds(result, 'heal');
  assert.equal(heals.length, 1);
  assert.equal(heals[0].t, HEAL);
  assert.equal(result.trace.healAt, HEAL);
  assert.equal(simulate({ nodes: { pinger: Pinger, echo: Echo }, seed: 3, until: 1000 }).trace.healAt, undefined, 'no healAt, no field');
});

test('loss, duplication and corruption stop at the heal: every message sent after it is delivered once, unchanged', () => {
  const result = echo({ network: { latency: [1, 5], loss: 0.5, duplicate: 0.5, corrupt: 0.5 } });
  for (const kind of ['drop', 'duplicate', 'corrupt'] as const) {
    assert.ok(before(kinds(result, kind)).length > 0, `${kind} before the heal`);
    assert.equal(after(kinds(result, kind)).length, 0, `no ${kind} after the heal`);
  }
  const late = result.trace.messages.filter((m) => m.sentAt >= HEAL && m.sentAt <= 990);
  assert.ok(late.length > 10);
  for (const m of late) assert.ok(m.deliveries.length === 1 && m.drops.length === 0 && !m.corruption, `message #${m.id} sent at t=${m.sentAt} delivered once`);
});

test("a node's corrupt() fault stops at the heal too", () => {
  const result = echo({ faults: [corrupt('pinger', { probability: 1 })] });
  assert.ok(before(kinds(result, 'corrupt')).length > 0);
  assert.equal(after(kinds(result, 'corrupt')).length, 0);
});

test('a partition in force ends at the heal (caused by it), and one due later never starts', () => {
  const result = echo({ faults: [partition(['pinger'], ['echo'], { from: 100 }), partition(['pinger'], ['echo'], { from: 500, to: 600 })] });
  const heal = kinds(result, 'heal')[0];
  assert.deepEqual(kinds(result, 'partition-start').map((e) => e.t), [100]);
  const ends = kinds(result, 'partition-end');
  assert.deepEqual(ends.map((e) => [e.t, e.cause]), [[HEAL, heal.i]]);
  assert.deepEqual(result.trace.partitions.map((p) => [p.start, p.end]), [[100, HEAL]]);
  assert.equal(after(kinds(result, 'drop')).length, 0, 'nothing is cut after the heal');
});

test('a crashed node whose restart is due later restarts at the heal; a crash without restart is for good; no crash after it', () => {
  const nodes = { pinger: Pinger, echo: Echo, other: Echo };
  const result = simulate({ nodes, seed: 3, until: 1000, healAt: HEAL, faults: [crash('echo', { at: 100, restart: 800 }), crash('other', { at: 150 }), crash('pinger', { at: 400, restart: 450 })] });
  assert.deepEqual(kinds(result, 'crash').map((e) => [e.node, e.t]), [['echo', 100], ['other', 150]]);
  assert.deepEqual(kinds(result, 'recover').map((e) => [e.node, e.t]), [['echo', HEAL]]);
  assert.equal(result.finalState.other, null, 'a crash without restart stays down');
  assert.notEqual(result.finalState.echo, null);
});

test('a restart due exactly at the heal happens once, and a crash due then does not happen', () => {
  const result = echo({ faults: [crash('echo', { at: 100, restart: HEAL }), crash('pinger', { at: HEAL, restart: HEAL + 10 })] });
  assert.deepEqual(kinds(result, 'crash').map((e) => [e.node, e.t]), [['echo', 100]]);
  assert.deepEqual(kinds(result, 'recover').map((e) => [e.node, e.t]), [['echo', HEAL]]);
});

test('a nemesis strikes only before the heal', () => {
  const result = echo({ faults: [nemesis({ every: 40, duration: 25, kinds: ['partition', 'crash'] })] });
  const faultEvents = [...kinds(result, 'crash'), ...kinds(result, 'partition-start')];
  assert.ok(faultEvents.length > 3);
  assert.ok(faultEvents.every((e) => e.t < HEAL), 'no crash or partition starts after the heal');
  assert.ok(result.trace.partitions.every((p) => p.end !== undefined && p.end <= HEAL));
});

test('a heal after the run ends changes nothing the run did', () => {
  const plain = simulate({ nodes: { pinger: Pinger, echo: Echo }, seed: 3, until: 200, network: { loss: 0.3 } });
  const late = simulate({ nodes: { pinger: Pinger, echo: Echo }, seed: 3, until: 200, network: { loss: 0.3 }, healAt: 500 });
  assert.equal(JSON.stringify(late.trace.events), JSON.stringify(plain.trace.events));
  assert.equal(kinds(late, 'heal').length, 0);
});

test('the same configuration with healAt gives the same trace, byte for byte', () => {
  const config = { network: { latency: [1, 9] as const, loss: 0.4, duplicate: 0.2 }, faults: [nemesis({ every: 50, duration: 30, kinds: ['partition', 'crash'] as ('partition' | 'crash')[] })] };
  assert.equal(JSON.stringify(echo(config).trace), JSON.stringify(echo(config).trace));
});

test('healAt must be a time >= 0', () => {
  for (const healAt of [-1, Number.NaN, Infinity]) assert.throws(() => echo({ healAt }), /`healAt` must be a time >= 0/);
});
