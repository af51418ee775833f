import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateHandler } from '../../src/notebook/rendererHandlerLocator';

const account = `import { node } from 'protocol-notebook';
type Msg = { type: 'deposit'; id: string; amount: number } | { type: 'ack'; id: string };
export const Account = node<{ balance: number }, Msg>({
  init: () => ({ balance: 0 }),
  on: {
    // deposit( in a comment is not the handler
    deposit(state, msg, ctx) {
      state.balance += msg.amount;
      ctx.reply(msg, { type: 'ack', id: msg.id });
    },
  },
  timers: { retry: (state, ctx) => { ctx.log('deposit'); } },
});`;
const client = `const Client = node({
  init: () => ({ pending: new Set() }),
  on: {
    ack: (state, msg) => { state.pending.delete(msg.id); },
    'deposit': (state) => state,
  },
  timers: {
    async retry(state, ctx) {},
  },
  recover: (state) => state,
});`;

test('finds a message handler inside the on block of the named node', () => {
  assert.deepEqual(locateHandler(['# prose', account, client], 'deposit', 'Account'), { cell: 1, line: 6, column: 4 });
  assert.deepEqual(locateHandler(['# prose', account, client], 'deposit', 'Client'), { cell: 2, line: 4, column: 4 });
  assert.deepEqual(locateHandler([account, client], 'ack', 'Client'), { cell: 1, line: 3, column: 4 });
});

test('finds timers, init and recover', () => {
  assert.deepEqual(locateHandler([account, client], 'timer:retry', 'Account'), { cell: 0, line: 11, column: 12 });
  assert.deepEqual(locateHandler([account, client], 'timer:retry', 'Client'), { cell: 1, line: 7, column: 10 });
  assert.deepEqual(locateHandler([account, client], 'init', 'Account'), { cell: 0, line: 3, column: 2 });
  assert.deepEqual(locateHandler([account, client], 'recover', 'Client'), { cell: 1, line: 9, column: 2 });
});

test('without a kind, the first node with that handler; unknown handlers are not found', () => {
  assert.deepEqual(locateHandler([client, account], 'deposit'), { cell: 0, line: 4, column: 4 });
  assert.equal(locateHandler([account], 'withdraw', 'Account'), undefined);
  assert.equal(locateHandler([account], 'ack', 'Account'), undefined, 'ack is sent, not handled, by Account');
});
