/**
 * The protocols of the throughput benchmarks, written as a user writes them
 * in a cell. bench/engine.bench.ts imports them; bench/kernel.bench.ts runs
 * this file's text as a notebook cell (its import rewritten to
 * 'protocol-notebook'), so both measure the same code.
 */
import { node } from '../../src/api/index';

type EchoMsg = { type: 'ping'; n: number } | { type: 'pong'; n: number };

/** Keeps 8 pings outstanding: each pong triggers the next ping. */
export const Pinger = node<{ pongs: number }, EchoMsg>({
  name: 'Pinger',
  init: () => ({ pongs: 0 }),
  start(_state, ctx) {
    for (let n = 0; n < 8; n++) ctx.send('echo', { type: 'ping', n });
  },
  on: {
    pong(state, msg, ctx) {
      state.pongs++;
      ctx.send('echo', { type: 'ping', n: msg.n });
    },
  },
});

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

type GossipMsg = { type: 'value'; origin: string; v: number };

/** Every node broadcasts at start; each node rebroadcasts once per (peers) values received, so the load is steady. */
export const Gossip = node<{ seen: number; max: number }, GossipMsg>({
  name: 'Gossip',
  init: () => ({ seen: 0, max: 0 }),
  start(_state, ctx) {
    ctx.broadcast({ type: 'value', origin: ctx.self, v: 0 });
  },
  on: {
    value(state, msg, ctx) {
      state.seen++;
      if (msg.v > state.max) state.max = msg.v;
      if (state.seen % ctx.peers.length === 0) ctx.broadcast({ type: 'value', origin: ctx.self, v: state.max + 1 });
    },
  },
});

/** The echo workload: one echo server, four clients. */
export const echoNodes = { echo: Echo, c0: Pinger, c1: Pinger, c2: Pinger, c3: Pinger };
/** The broadcast workload: eight gossiping nodes. */
export const gossipNodes = { n0: Gossip, n1: Gossip, n2: Gossip, n3: Gossip, n4: Gossip, n5: Gossip, n6: Gossip, n7: Gossip };

/** The workloads by name, and the export of this file that holds each one's nodes. */
export const workloads = [
  { name: 'echo (4 clients, 8 in flight each)', nodes: 'echoNodes', config: { nodes: echoNodes, network: { latency: [1, 10] as [number, number] } } },
  { name: 'broadcast (8 nodes, gossip)', nodes: 'gossipNodes', config: { nodes: gossipNodes, network: { latency: [1, 10] as [number, number] } } },
] as const;
