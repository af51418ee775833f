/**
 * Compile-time checks of the API's types (this file is type-checked by
 * `npm run lint`, not run): what a cell writes must type-check as it reads.
 */
import { simulate, always, eventually, node, client, type StatesOf } from '../../../src/api/index';

type Msg = { type: 'deposit'; id: string; amount: number } | { type: 'ack'; id: string };
const Account = node<{ balance: number }, Msg>({
  init: () => ({ balance: 0 }),
  on: {
    deposit(state, msg, ctx) {
      state.balance += msg.amount;
      ctx.reply(msg, { type: 'ack', id: msg.id });
      // @ts-expect-error: a message outside the union
      ctx.send('x', { type: 'nope' });
    },
    // @ts-expect-error: the handler's message is narrowed to its type
    ack: (_state, msg) => void msg.amount,
  },
});
const Client = client<Msg>({
  server: 'account',
  request: (_i, id) => ({ f: 'deposit', msg: { type: 'deposit', id, amount: 1 } }),
  response: (m) => (m.type === 'ack' ? { id: m.id } : undefined),
});
const nodes = { account: Account, client: Client };
simulate({
  nodes,
  properties: {
    loose: always((w) => w.state.account.balance <= 10),
    converges: eventually((w) => w.state.client.pending.size === 0),
    strict: always<StatesOf<typeof nodes>>((w) => w.state.account.balance >= 0 && w.state.client.issued >= 0),
    // @ts-expect-error: strict states know the fields
    wrong: always<StatesOf<typeof nodes>>((w) => w.state.account.nope === 1),
  },
});
