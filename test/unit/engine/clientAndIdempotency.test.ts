import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, crash, node } from '../../../src/api/index';
import { Account, DedupAccount, depositor } from './protocols';

test('a client records each operation\'s invocation and completion in the history', () => {
  const result = simulate({ nodes: { account: Account, client: depositor(4) }, network: { latency: 2 } });
  assert.equal(result.history.length, 4);
  for (const op of result.history) {
    assert.equal(op.process, 'client');
    assert.equal(op.f, 'deposit');
    assert.equal(op.status, 'ok');
    assert.equal(op.input, 1);
    assert.equal((op.return ?? 0) - op.call, 4, 'a round trip of two 2-unit hops');
    assert.equal(result.trace.events.find((e) => e.i === op.callEvent)?.kind, 'invoke');
    assert.equal(result.trace.events.find((e) => e.i === op.returnEvent)?.kind, 'complete');
  }
  const calls = result.history.map((op) => op.call);
  assert.deepEqual(calls, [...calls].sort((a, b) => a - b));
});

test('an unanswered operation completes as info and the client continues as a new process', () => {
  const result = simulate({ nodes: { account: Account, client: depositor(2) }, faults: [crash('account', { at: 0.5 })] });
  assert.deepEqual(result.history.map((op) => [op.process, op.status]), [['client', 'info'], ['client/1', 'info']]);
});

test('the idempotency check finds a handler that double-applies a duplicate, with a concrete witness', () => {
  const result = simulate({ nodes: { account: Account, client: depositor(3) }, seed: 1 });
  assert.equal(result.idempotency.length, 1);
  const finding = result.idempotency[0];
  assert.equal(finding.handler, 'Account.deposit');
  assert.equal(finding.nodeKind, 'Account');
  assert.equal(finding.msgType, 'deposit');
  assert.match(finding.witness, /^delivering `deposit` #\d+ twice changed `balance` from 1 to 2 — seed 1, t=\d+/);
  assert.equal(result.trace.events.find((e) => e.i === finding.event)?.kind, 'deliver');
  assert.deepEqual(result.trace.idempotency, [{ handler: finding.handler, msgType: 'deposit', witness: finding.witness, event: finding.event }], 'the chart finds it in the trace');
  // The check runs on a copy: the run itself is unchanged.
  assert.deepEqual(result.finalState.account, { balance: 3 });
  const { idempotency: _found, ...traceWithoutFindings } = result.trace;
  assert.equal(JSON.stringify(simulate({ nodes: { account: Account, client: depositor(3) }, seed: 1, idempotency: false }).trace), JSON.stringify(traceWithoutFindings));
});

test('an idempotent handler (deduplicating, re-acknowledging) has no finding', () => {
  const result = simulate({ nodes: { account: DedupAccount, client: depositor(5) } });
  assert.deepEqual(result.idempotency, []);
  assert.equal(result.trace.idempotency, undefined);
});

test('an effect repeated by the duplicate is a finding even when the state does not change', () => {
  const Charger = node<null, { type: 'charge'; id: string }>({ name: 'Charger', init: () => null, on: { charge: (_s, msg, ctx) => ctx.effect('charge', msg.id) } });
  const Sender = node<null, { type: 'charge'; id: string }>({ init: () => null, start: (_s, ctx) => ctx.send('charger', { type: 'charge', id: 'order-1' }), on: {} });
  const result = simulate({ nodes: { charger: Charger, sender: Sender } });
  assert.match(result.idempotency[0]?.witness ?? '', /performed the effect 'charge' "order-1" again/);
});

test('the run says how many deliveries of each handler it replayed, and which held up', () => {
  const idempotent = simulate({ nodes: { account: DedupAccount, client: depositor(5) } });
  const deposit = idempotent.idempotencyReplays.find((r) => r.msgType === 'deposit');
  assert.ok(deposit, 'the deposit handler was exercised');
  assert.equal(deposit.idempotent, true);
  assert.equal(deposit.replays, 5, 'every one of the first deliveries is replayed');
  const broken = simulate({ nodes: { account: Account, client: depositor(3) }, seed: 1 });
  assert.deepEqual(broken.idempotencyReplays.find((r) => r.msgType === 'deposit'), { handler: 'Account.deposit', nodeKind: 'Account', msgType: 'deposit', replays: 1, idempotent: false });
  assert.deepEqual(simulate({ nodes: { account: Account, client: depositor(3) }, idempotency: false }).idempotencyReplays, []);
});

test('an unnamed node kind shared by several nodes is named by its first node, whichever node shows the finding', () => {
  const Counter = node<{ n: number }, { type: 'bump' }>({ init: () => ({ n: 0 }), on: { bump: (s) => void (s.n += 1) } });
  const Bumper = node<null, { type: 'bump' }>({ init: () => null, start: (_s, ctx) => ctx.send('b', { type: 'bump' }), on: {} });
  const result = simulate({ nodes: { a: Counter, b: Counter, bumper: Bumper } });
  assert.equal(result.idempotency[0]?.handler, 'a.bump', 'named as the kernel names its source location');
  assert.equal(result.trace.events.find((e) => e.i === result.idempotency[0]?.event)?.node, 'b');
});

test('the check is on by default and samples a long run: every early delivery, then powers of two', () => {
  const result = simulate({ nodes: { account: DedupAccount, client: depositor(200) }, until: 100_000 });
  const deposit = result.idempotencyReplays.find((r) => r.msgType === 'deposit');
  assert.equal(result.stats.deliveries >= 200, true);
  // Deliveries 1–16, then the 17th, 33rd, 65th and 129th.
  assert.equal(deposit?.replays, 20);
  assert.equal(simulate({ nodes: { account: DedupAccount, client: depositor(200) }, until: 100_000, idempotency: { samplesPerHandler: 8 } }).idempotencyReplays.find((r) => r.msgType === 'deposit')?.replays, 8);
});
