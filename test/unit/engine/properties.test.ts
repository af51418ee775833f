import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, node, always, eventually, agreement, validity, integrity, termination, exactlyOnce, crash, type RunResult } from '../../../src/api/index';
import { Account, DedupAccount, depositor } from './protocols';

const verdict = (result: RunResult, name: string) => result.verdicts.find((v) => v.name === name);
const eventAt = (result: RunResult, i: number | undefined) => result.trace.events.find((e) => e.i === i);

test('always points at the first event after which the predicate is false', () => {
  const result = simulate({
    nodes: { account: Account, client: depositor(5) },
    properties: { 'at most 2': always((w) => w.state.account.balance <= 2) },
    network: { latency: 1 },
  });
  const v = verdict(result, 'at most 2');
  assert.equal(v?.status, 'fail');
  assert.equal(result.ok, false);
  const event = eventAt(result, v?.violatingEvent);
  assert.equal(event?.kind, 'deliver');
  assert.equal(event?.node, 'account');
  // The third deposit is the one that broke it: exactly two deliveries to account came before.
  const earlier = result.trace.events.filter((e) => e.kind === 'deliver' && e.node === 'account' && e.i < (v?.violatingEvent ?? 0));
  assert.equal(earlier.length, 2);
  const violation = result.trace.events.find((e) => e.kind === 'violation');
  assert.equal(violation?.label, 'at most 2');
  assert.equal(violation?.cause, v?.violatingEvent);
});

test('always passes when the predicate holds throughout', () => {
  const result = simulate({ nodes: { account: Account, client: depositor(5) }, properties: { bounded: always((w) => w.state.account.balance <= 5) } });
  assert.equal(verdict(result, 'bounded')?.status, 'pass');
  assert.equal(result.ok, true);
});

test('eventually holds when the run converges, and otherwise points at the end', () => {
  const ok = simulate({ nodes: { account: Account, client: depositor(3) }, properties: { acked: eventually((w) => w.state.client.pending.size === 0) } });
  assert.equal(verdict(ok, 'acked')?.status, 'pass');
  const cut = simulate({
    nodes: { account: Account, client: depositor(3) },
    faults: [crash('account', { at: 0.5 })],
    properties: { acked: eventually((w) => w.state.client.completed === 3) },
    until: 400,
  });
  const v = verdict(cut, 'acked');
  assert.equal(v?.status, 'fail');
  assert.equal(v?.at, 400);
  assert.equal(v?.violatingEvent, cut.stats.events - 2, 'the last event of the run (before the violation event itself)');
  assert.match(v?.message ?? '', /not reached when the run ended/);
});

test('eventually({ atSomePoint }) is satisfied by a passing state that does not last', () => {
  const Flicker = node<{ on: boolean }>({
    init: () => ({ on: false }),
    start: (_s, ctx) => ctx.setTimer('flip', 5),
    on: {},
    timers: { flip: (state, ctx) => void ((state.on = !state.on), state.on && ctx.setTimer('flip', 5)) },
  });
  const result = simulate({ nodes: { f: Flicker }, properties: { once: eventually((w) => w.state.f.on, { atSomePoint: true }), atEnd: eventually((w) => w.state.f.on) } });
  assert.equal(verdict(result, 'once')?.status, 'pass');
  assert.equal(verdict(result, 'atEnd')?.status, 'fail');
});

test('a predicate that throws fails the property with the error', () => {
  const result = simulate({ nodes: { account: Account }, properties: { broken: always(() => { throw new Error('oops'); }) } });
  assert.match(verdict(result, 'broken')?.message ?? '', /threw: oops/);
});

/** Each node decides the value chosen for it by `decide` at time 10 + its index. */
function consensusRun(decide: (self: string) => unknown, properties: Parameters<typeof simulate>[0]['properties'], decideTwice = false) {
  const Decider = node<null>({
    init: () => null,
    start(_s, ctx) {
      ctx.effect('propose', ctx.self === 'n1' ? 'a' : 'b');
      ctx.setTimer('decide', 10);
    },
    on: {},
    timers: {
      decide(_s, ctx) {
        ctx.effect('decide', decide(ctx.self));
        if (decideTwice) ctx.effect('decide', decide(ctx.self));
      },
    },
  });
  return simulate({ nodes: { n1: Decider, n2: Decider, n3: Decider }, properties });
}

test('agreement fails at the first decision that differs', () => {
  const bad = consensusRun((self) => (self === 'n3' ? 'b' : 'a'), { agreement: agreement() });
  const v = verdict(bad, 'agreement');
  assert.equal(v?.status, 'fail');
  const event = eventAt(bad, v?.violatingEvent);
  assert.equal(event?.kind, 'effect');
  assert.equal(event?.node, 'n3');
  assert.match(v?.message ?? '', /^n3 decided "b" at t=\d+, but n1 decided "a" at t=\d+$/);
  assert.equal(verdict(consensusRun(() => 'a', { agreement: agreement() }), 'agreement')?.status, 'pass');
});

test('agreement per key compares decisions of the same key only, and names when the violation happened', () => {
  // Each node decides slot 1 as 'a', and slot 2 as its own id: slot 2 disagrees, slot 1 does not.
  const perSlot = { agreement: agreement({ key: (d: { slot: number }) => d.slot, value: (d: { value: string }) => d.value }) };
  const Slots = node<Record<string, never>>({
    init: () => ({}),
    start(_state, ctx) {
      ctx.setTimer('decide', ctx.self === 'n1' ? 5 : 9);
    },
    on: {},
    timers: {
      decide(_state, ctx) {
        ctx.effect('decide', { slot: 1, value: 'a' });
        ctx.effect('decide', { slot: 2, value: ctx.self });
      },
    },
  });
  const run = simulate({ nodes: { n1: Slots, n2: Slots }, properties: perSlot });
  const v = verdict(run, 'agreement');
  assert.equal(v?.status, 'fail');
  assert.equal(v?.message, 'n2 decided "n2" for 2 at t=9, but n1 decided "n1" at t=5');
  assert.equal(v?.at, 9);
  const sameSlots = simulate({ nodes: { n1: Slots }, properties: perSlot });
  assert.equal(verdict(sameSlots, 'agreement')?.status, 'pass');
});

test('validity fails on a value nobody proposed', () => {
  assert.equal(verdict(consensusRun(() => 'a', { validity: validity() }), 'validity')?.status, 'pass');
  const bad = consensusRun(() => 'z', { validity: validity() });
  assert.match(verdict(bad, 'validity')?.message ?? '', /"z", which no one proposed/);
  assert.equal(verdict(consensusRun(() => 'a', { validity: validity(['b']) }), 'validity')?.status, 'fail');
});

test('integrity fails at a second decision of the same node', () => {
  assert.equal(verdict(consensusRun(() => 'a', { integrity: integrity() }), 'integrity')?.status, 'pass');
  const bad = consensusRun(() => 'a', { integrity: integrity() }, true);
  const v = verdict(bad, 'integrity');
  assert.equal(v?.status, 'fail');
  assert.equal(eventAt(bad, v?.violatingEvent)?.node, 'n1');
});

test('termination fails when a correct node never decides', () => {
  assert.equal(verdict(consensusRun(() => 'a', { termination: termination() }), 'termination')?.status, 'pass');
  const Silent = node<null>({ init: () => null, on: {} });
  const result = simulate({ nodes: { n1: Silent }, properties: { termination: termination() } });
  assert.match(verdict(result, 'termination')?.message ?? '', /n1 never decided/);
});

test('exactlyOnce points at the duplicate effect; deduplication fixes it', () => {
  const config = (account: typeof Account | typeof DedupAccount) =>
    simulate({ nodes: { account, client: depositor(10, 3) }, network: { latency: [1, 10], duplicate: 0.3 }, properties: { once: exactlyOnce<{ id: string }>('credit', (d) => d.id) }, seed: 2 });
  const bad = config(Account);
  const v = verdict(bad, 'once');
  assert.equal(v?.status, 'fail');
  const duplicate = eventAt(bad, v?.violatingEvent);
  assert.equal(duplicate?.kind, 'effect');
  assert.equal(duplicate?.label, 'credit');
  const id = (duplicate?.data as { id: string }).id;
  assert.equal(bad.effects.filter((e) => (e.data as { id: string }).id === id && e.event <= (v?.violatingEvent ?? 0)).length, 2);
  assert.equal(verdict(config(DedupAccount), 'once')?.status, 'pass');
});

test('stopOnViolation ends the run at the first violation', () => {
  const result = simulate({ nodes: { account: Account, client: depositor(5) }, properties: { small: always((w) => w.state.account.balance < 1) }, stopOnViolation: true });
  assert.equal(result.endReason, 'violation');
  assert.ok(result.stats.deliveries < 10);
});
