/** Small protocols the engine tests run. */
import { client, node } from '../../../src/api/index';

export type EchoMsg = { type: 'ping'; n: number } | { type: 'pong'; n: number };

/** Sends `count` pings to `echo` at start; counts the pongs it gets back. */
export const Pinger = node<{ pongs: number; got: number[] }, EchoMsg>({
  name: 'Pinger',
  init: () => ({ pongs: 0, got: [] }),
  start(_state, ctx) {
    for (let n = 0; n < 20; n++) ctx.send('echo', { type: 'ping', n });
  },
  on: {
    pong(state, msg) {
      state.pongs++;
      state.got.push(msg.n);
    },
  },
});

/** Answers every ping with a pong and remembers how many it saw. */
export const Echo = node<{ pings: number }, EchoMsg>({
  name: 'Echo',
  init: () => ({ pings: 0 }),
  on: {
    ping(state, msg, ctx) {
      state.pings++;
      ctx.reply(msg, { type: 'pong', n: msg.n });
    },
  },
});

export type BankMsg = { type: 'deposit'; id: string; amount: number } | { type: 'ack'; id: string };

/** A non-idempotent account: a duplicate deposit is applied twice. */
export const Account = node<{ balance: number }, BankMsg>({
  name: 'Account',
  init: () => ({ balance: 0 }),
  on: {
    deposit(state, msg, ctx) {
      state.balance += msg.amount;
      ctx.effect('credit', { id: msg.id, amount: msg.amount });
      ctx.reply(msg, { type: 'ack', id: msg.id });
    },
  },
});

/** The idempotent version: deposits are deduplicated by id. */
export const DedupAccount = node<{ balance: number; seen: Set<string> }, BankMsg>({
  name: 'DedupAccount',
  init: () => ({ balance: 0, seen: new Set() }),
  on: {
    deposit(state, msg, ctx) {
      if (!state.seen.has(msg.id)) {
        state.seen.add(msg.id);
        state.balance += msg.amount;
        ctx.effect('credit', { id: msg.id, amount: msg.amount });
      }
      ctx.reply(msg, { type: 'ack', id: msg.id });
    },
  },
});

/** A client that deposits 1, `ops` times, resending until acknowledged. */
export function depositor(ops: number, retry?: number) {
  return client<BankMsg>({
    name: 'Depositor',
    server: 'account',
    ops,
    every: 5,
    timeout: 200,
    ...(retry === undefined ? {} : { retry }),
    request: (_i, id) => ({ f: 'deposit', input: 1, msg: { type: 'deposit', id, amount: 1 } }),
    response: (msg) => (msg.type === 'ack' ? { id: msg.id } : undefined),
  });
}
