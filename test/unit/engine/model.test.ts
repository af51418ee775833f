import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld, cloneWorld, fingerprint, canonicalState, simulate } from '../../../src/engine/index';
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
