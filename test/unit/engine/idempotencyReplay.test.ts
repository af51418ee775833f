// The dynamic idempotency check, case by case: what a duplicate delivery may
// do (re-send the same reply) and what it may not (drop a reply, answer
// differently, arm a timer for another deadline, apply again when it comes
// late), and how its witness reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node, simulate, type Message, type NodeDefinition } from '../../../src/api/index';
import { sendingDriver } from './sendingDriver';

type Msg = { type: string; id: string; [field: string]: unknown };

function findingsOf(server: NodeDefinition, messages: Msg[], idempotency: { lateAfter?: number } = {}) {
  return simulate({ nodes: { server, client: sendingDriver(messages as unknown as Message[]) }, network: { latency: 1 }, until: 10 * messages.length + 50, trace: false, idempotency }).idempotency;
}

const Acknowledging = node<{ seen: Set<string>; total: number }, Msg>({
  name: 'Acknowledging',
  init: () => ({ seen: new Set(), total: 0 }),
  on: {
    deposit(state, msg, ctx) {
      if (!state.seen.has(msg.id)) {
        state.seen.add(msg.id);
        state.total += 1;
      }
      ctx.reply(msg, { type: 'ack', id: msg.id, total: state.total });
    },
  },
}) as unknown as NodeDefinition;

test('a duplicate that re-sends exactly the same reply is not a finding', () => {
  assert.deepEqual(findingsOf(Acknowledging, [{ type: 'deposit', id: 'd1' }, { type: 'deposit', id: 'd2' }]), []);
});

const Silent = node<{ seen: Set<string>; total: number }, Msg>({
  name: 'Silent',
  init: () => ({ seen: new Set(), total: 0 }),
  on: {
    deposit(state, msg, ctx) {
      if (state.seen.has(msg.id)) return;
      state.seen.add(msg.id);
      state.total += 1;
      ctx.reply(msg, { type: 'ack', id: msg.id });
    },
  },
}) as unknown as NodeDefinition;

test('a duplicate that drops the reply the first delivery sent is a finding: the acknowledgement is lost', () => {
  const [finding] = findingsOf(Silent, [{ type: 'deposit', id: 'd1' }]);
  assert.match(finding?.witness ?? '', /delivering `deposit` #\d+ twice: the second delivery sent no reply, where the first replied `ack` \{id: "d1"\} to `client`: the answer to a retry is lost/);
});

const Forwarding = node<{ seen: Set<string> }, Msg>({
  name: 'Forwarding',
  init: () => ({ seen: new Set() }),
  on: {
    gossip(state, msg, ctx) {
      if (state.seen.has(msg.id)) return;
      state.seen.add(msg.id);
      ctx.broadcast({ type: 'gossip', id: msg.id });
    },
  },
}) as unknown as NodeDefinition;

test('a duplicate that skips forwarding (a deduplicating flood) is fine: only replies must be repeated', () => {
  assert.deepEqual(findingsOf(Forwarding, [{ type: 'gossip', id: 'g1' }]), []);
});

const Promising = node<{ promised: number }, Msg>({
  name: 'Promising',
  init: () => ({ promised: 0 }),
  on: {
    prepare(state, msg, ctx) {
      if ((msg.ballot as number) > state.promised) {
        state.promised = msg.ballot as number;
        ctx.reply(msg, { type: 'promise', id: msg.id, ballot: msg.ballot });
      } else ctx.reply(msg, { type: 'nack', id: msg.id, ballot: state.promised });
    },
  },
}) as unknown as NodeDefinition;

test('a duplicate that answers differently says which message differed', () => {
  const [finding] = findingsOf(Promising, [{ type: 'prepare', id: 'p1', ballot: 5 }]);
  assert.match(finding?.witness ?? '', /the second delivery replied `nack` \{id: "p1", ballot: 5\} the second time where the first delivery sent `promise` \{id: "p1", ballot: 5\}/);
});

const LastIdOnly = node<{ lastId: Map<string, string>; balance: number }, Msg>({
  name: 'LastIdOnly',
  init: () => ({ lastId: new Map(), balance: 0 }),
  on: {
    credit(state, msg) {
      if (state.lastId.get(msg.client as string) === msg.id) return;
      state.lastId.set(msg.client as string, msg.id);
      state.balance += 1;
    },
  },
}) as unknown as NodeDefinition;

test('a late duplicate (after the next deliveries to the node) catches a handler that remembers only the last id per client', () => {
  const messages = [{ type: 'credit', id: 'c1', client: 'a' }, { type: 'credit', id: 'c2', client: 'a' }, { type: 'credit', id: 'c3', client: 'a' }];
  const [finding] = findingsOf(LastIdOnly, messages);
  assert.match(finding?.witness ?? '', /delivering `credit` #\d+ again later \(t=\d+, after 1 other delivery\) changed `balance` from 2 to 3/);
  assert.deepEqual(findingsOf(LastIdOnly, messages, { lateAfter: 0 }), [], 'back to back, the duplicate is caught by the last id');
});

const Stamping = node<{ seenAt: Map<string, number> }, Msg>({
  name: 'Stamping',
  init: () => ({ seenAt: new Map() }),
  on: {
    touch(state, msg, ctx) {
      state.seenAt.set(msg.key as string, ctx.now);
    },
  },
}) as unknown as NodeDefinition;

test('a late duplicate at a later ctx.now catches a handler that stores the time; Map entries are named by key', () => {
  const [finding] = findingsOf(Stamping, [{ type: 'touch', id: 't1', key: 'k1' }, { type: 'touch', id: 't2', key: 'k2' }]);
  assert.match(finding?.witness ?? '', /changed `seenAt\["k1"\]` from 2 to 21/);
});

const Overwriting = node<{ data: Map<string, string> }, Msg>({
  name: 'Overwriting',
  init: () => ({ data: new Map() }),
  on: {
    put(state, msg, ctx) {
      state.data.set(msg.key as string, msg.value as string);
      ctx.reply(msg, { type: 'ok', id: msg.id });
    },
  },
}) as unknown as NodeDefinition;

test('a late duplicate that only writes again what the first delivery wrote (a stale put) is not a finding', () => {
  assert.deepEqual(findingsOf(Overwriting, [{ type: 'put', id: 'p1', key: 'a', value: 'x' }, { type: 'put', id: 'p2', key: 'a', value: 'y' }]), []);
});

const Rearming = node<{ leader: string }, Msg>({
  name: 'Rearming',
  init: () => ({ leader: '' }),
  on: {
    heartbeat(state, msg, ctx) {
      state.leader = msg.leader as string;
      ctx.setTimer('election', 150);
    },
  },
  timers: { election() {} },
}) as unknown as NodeDefinition;

test('timers count: a late duplicate that re-arms a timer relative to now is a finding, with both deadlines', () => {
  const [finding] = findingsOf(Rearming, [{ type: 'heartbeat', id: 'h1', leader: 'n1' }, { type: 'heartbeat', id: 'h2', leader: 'n1' }]);
  assert.match(finding?.witness ?? '', /the duplicate re-armed the timer `election` for t=220 \(the first delivery armed it for t=152\)/);
});

const LongState = node<{ log: string[] }, Msg>({
  name: 'LongState',
  init: () => ({ log: Array.from({ length: 30 }, (_v, i) => `entry-number-${i}`) }),
  on: {
    append(state, msg) {
      state.log.push(`appended-by-${msg.id}`);
    },
  },
}) as unknown as NodeDefinition;

test('a witness is never cut short: the difference is shown whole, at the element that changed', () => {
  const [finding] = findingsOf(LongState, [{ type: 'append', id: 'a-rather-long-message-id-that-would-not-fit-in-forty-characters' }]);
  assert.match(finding?.witness ?? '', /appended "appended-by-a-rather-long-message-id-that-would-not-fit-in-forty-characters" to `log`/);
  assert.doesNotMatch(finding?.witness ?? '', /…/);
});
