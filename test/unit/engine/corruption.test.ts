import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, check, node, corrupt, always } from '../../../src/api/index';

type Msg = { type: 'chunk'; seq: number; data: string } | { type: 'note'; text: string };

/** Sends three chunks and a note to `relay`. */
const Source = node<Record<string, never>, Msg>({
  init: () => ({}),
  start(_state, ctx) {
    for (let seq = 0; seq < 3; seq++) ctx.send('relay', { type: 'chunk', seq, data: 'hello' });
    ctx.send('relay', { type: 'note', text: 'bye' });
  },
  on: {},
});

/** Forwards everything to `sink`. */
const Relay = node<Record<string, never>, Msg>({
  init: () => ({}),
  on: {
    chunk(_state, msg, ctx) {
      ctx.send('sink', msg);
    },
    note(_state, msg, ctx) {
      ctx.send('sink', msg);
    },
  },
});

/** Keeps what arrives. */
const Sink = node<{ got: Msg[] }, Msg>({
  init: () => ({ got: [] }),
  on: {
    chunk(state, msg) {
      state.got.push(msg);
    },
    note(state, msg) {
      state.got.push(msg);
    },
  },
});

const nodes = { source: Source, relay: Relay, sink: Sink };
const intact = (m: Msg) => (m.type === 'chunk' ? m.data === 'hello' : m.text === 'bye');

test('network.corrupt changes one value of each payload in flight, and the trace says where, from what to what', () => {
  const run = simulate({ nodes, network: { corrupt: 1 }, properties: { intact: always((w) => w.state.sink.got.every(intact)) }, seed: 3 });
  assert.equal(run.verdicts[0].status, 'fail');
  const corruptions = run.trace.events.filter((e) => e.kind === 'corrupt');
  assert.equal(corruptions.length, run.stats.messagesSent, 'every message sent was corrupted');
  assert.ok(corruptions.every((e) => e.label === 'network'));
  for (const message of run.trace.messages) {
    const c = message.corruption;
    assert.ok(c, `message ${message.id} is marked corrupted`);
    assert.equal(c.by, 'network');
    assert.notEqual(c.path, 'type', 'the type is never corrupted');
    assert.notDeepEqual(c.before, c.after);
    assert.equal(run.trace.events.find((e) => e.i === c.event)?.msg, message.id);
  }
  // The trace keeps the payload as the handler sent it: the first hop's chunks read 'hello'.
  const sent = run.trace.messages.filter((m) => m.from === 'source' && m.type === 'chunk');
  assert.ok(sent.every((m) => (m.payload as { data: string }).data === 'hello'));
});

test('corrupt() corrupts only what its node sends, of the types given, and says so', () => {
  const run = simulate({ nodes, faults: [corrupt('relay', { probability: 1, types: ['chunk'] })], properties: {}, seed: 1 });
  const corrupted = run.trace.messages.filter((m) => m.corruption);
  assert.deepEqual(corrupted.map((m) => [m.from, m.type, m.corruption?.by]), [['relay', 'chunk', 'node'], ['relay', 'chunk', 'node'], ['relay', 'chunk', 'node']]);
  const sink = run.finalState.sink as { got: Msg[] };
  const chunks = sink.got.filter((m): m is Extract<Msg, { type: 'chunk' }> => m.type === 'chunk');
  assert.equal(chunks.length, 3);
  assert.ok(chunks.every((m) => m.data !== 'hello' || m.seq > 2), 'each chunk arrived changed (its data or its number)');
  assert.ok(sink.got.some((m) => m.type === 'note' && m.text === 'bye'), 'the note is not corrupted');
});

test('corruption is reproducible from the seed, and a run without it draws nothing more', () => {
  const config = { nodes, network: { corrupt: 0.5 }, properties: {}, seed: 9 };
  assert.equal(JSON.stringify(simulate(config).trace), JSON.stringify(simulate(config).trace));
  const plain = simulate({ nodes, network: { latency: [1, 5] as [number, number] }, properties: {}, seed: 9 });
  const zero = simulate({ nodes, network: { latency: [1, 5] as [number, number], corrupt: 0 }, properties: {}, seed: 9 });
  assert.equal(JSON.stringify(zero.trace), JSON.stringify(plain.trace));
});

test('check() refuses a network or a node that corrupts, since it does not model corruption', () => {
  assert.throws(() => check({ nodes, network: { corrupt: 0.1 }, properties: {} }), /does not model message corruption/);
  assert.throws(() => check({ nodes, faults: [corrupt('relay', { probability: 0.1 })], properties: {} }), /does not model message corruption/);
});
