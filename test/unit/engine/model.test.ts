import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld, cloneWorld, fingerprint, canonicalState, simulate, node } from '../../../src/api/index';
import { Echo, Pinger, Account, depositor } from './protocols';

test('a world lists its enabled steps and applies any of them, in any order', () => {
  const world = createWorld({ nodes: { pinger: Pinger, echo: Echo }, idempotency: false });
  const starts = world.enabledSteps();
  assert.deepEqual(starts.map((s) => s.label), ['start pinger', 'start echo']);
  world.apply(starts[1]);
  world.apply(starts[0]);
  const deliveries = world.enabledSteps();
  assert.equal(deliveries.length, 20);
  assert.ok(deliveries.every((s) => s.kind === 'deliver' && s.node === 'echo'));
  // Deliver the last ping first: the explorer, not time, chooses the order.
  world.apply(deliveries[19]);
  const pong = world.enabledSteps().find((s) => s.node === 'pinger');
  assert.match(pong?.label ?? '', /deliver pong #20 echo→pinger/);
  assert.throws(() => world.apply(deliveries[19]), /not enabled/);
});

test('a cloned world evolves independently of the original', () => {
  const world = createWorld({ nodes: { account: Account, client: depositor(3) } });
  while (world.history.length === 0) world.advance();
  const copy = cloneWorld(world);
  assert.equal(fingerprint(copy), fingerprint(world));
  while (world.advance());
  assert.notEqual(fingerprint(copy), fingerprint(world));
  assert.deepEqual(copy.nodes[0].state, { balance: 0 });
  assert.equal(copy.history.length, 1);
  while (copy.advance());
  assert.equal(fingerprint(copy), fingerprint(world), 'the same deterministic future from the same state');
  assert.deepEqual(copy.nodes[0].state, world.nodes[0].state);
});

test('fingerprints ignore the path taken: the same state reached in a different order is the same', () => {
  const a = createWorld({ nodes: { pinger: Pinger, echo: Echo } });
  const b = createWorld({ nodes: { pinger: Pinger, echo: Echo } });
  for (const w of [a, b]) for (const s of w.enabledSteps()) w.apply(s);
  const stepsA = a.enabledSteps();
  const stepsB = b.enabledSteps();
  a.apply(stepsA[0]);
  a.apply(stepsA[1]);
  b.apply(stepsB[1]);
  b.apply(stepsB[0]);
  assert.equal(canonicalState(a), canonicalState(b));
  assert.equal(fingerprint(a), fingerprint(b));
  a.apply(a.enabledSteps()[0]);
  assert.notEqual(fingerprint(a), fingerprint(b));
});

test('simulate is the earliest-step-first walk of the same world', () => {
  const world = createWorld({ nodes: { pinger: Pinger, echo: Echo }, network: { latency: [1, 10] }, seed: 5 });
  while (world.advance());
  const result = simulate({ nodes: { pinger: Pinger, echo: Echo }, network: { latency: [1, 10] }, seed: 5 });
  assert.deepEqual(result.finalState.pinger, (world.nodes[0].state as object));
});

test('a request kept in state is answered by ctx.reply in a clone of the world too', () => {
  type Msg = { type: 'ask'; n: number } | { type: 'answer'; n: number };
  const Deferred = node<{ held: Msg[] }, Msg>({
    name: 'Deferred',
    init: () => ({ held: [] }),
    on: {
      ask(state, msg, ctx) {
        state.held.push(msg);
        ctx.setTimer('flush', 5);
      },
    },
    timers: {
      flush(state, ctx) {
        for (const request of state.held) ctx.reply(request, { type: 'answer', n: request.n });
        state.held = [];
      },
    },
  });
  const Asker = node<{ answers: number[] }, Msg>({
    name: 'Asker',
    init: () => ({ answers: [] }),
    start(_state, ctx) {
      ctx.send('server', { type: 'ask', n: 7 });
    },
    on: {
      answer(state, msg) {
        state.answers.push(msg.n);
      },
    },
  });
  const world = createWorld({ nodes: { server: Deferred, asker: Asker }, idempotency: false });
  while ((world.nodes[0].state as { held: Msg[] }).held.length === 0) world.advance();
  const copy = cloneWorld(world);
  while (copy.advance());
  assert.equal(copy.error, undefined);
  assert.deepEqual(copy.nodes[1].state, { answers: [7] });
});

test('the duplicate-delivery check replays a handler that answers a request kept in state', () => {
  type Msg = { type: 'ask'; n: number } | { type: 'go' } | { type: 'answer'; n: number };
  const Holder = node<{ held: Msg[]; flushes: number }, Msg>({
    name: 'Holder',
    init: () => ({ held: [], flushes: 0 }),
    on: {
      ask(state, msg) {
        state.held.push(msg);
      },
      go(state, _msg, ctx) {
        for (const request of state.held) if (request.type === 'ask') ctx.reply(request, { type: 'answer', n: request.n });
        state.flushes++;
      },
    },
  });
  const Asker = node<{ answers: number[] }, Msg>({
    name: 'Asker',
    init: () => ({ answers: [] }),
    start(_state, ctx) {
      ctx.send('server', { type: 'ask', n: 3 });
      ctx.setTimer('go', 50);
    },
    timers: {
      go(_state, ctx) {
        ctx.send('server', { type: 'go' });
      },
    },
    on: {
      answer(state, msg) {
        state.answers.push(msg.n);
      },
    },
  });
  const result = simulate({ nodes: { server: Holder, asker: Asker }, network: { latency: 1 }, idempotency: true });
  assert.equal(result.error, undefined);
  assert.deepEqual(result.finalState.asker, { answers: [3] });
  // The replay on a copy of the state could answer the held request, so it saw `flushes` go up twice.
  assert.match(result.idempotency.find((f) => f.handler === 'Holder.go')?.witness ?? '', /delivering `go` #\d+ twice changed `flushes` from 1 to 2/);
});
