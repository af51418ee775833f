/**
 * The simulator against a minimal hand-written event loop: a binary heap of
 * deliveries and direct handler calls, no tracing, no faults, the same
 * PRNG. It runs the echo and broadcast workloads of bench/engine.bench.ts
 * (bench/protocols/throughput.ts), and the figures are ours / baseline,
 * untraced and traced (both with the idempotency check off, which the
 * baseline has no counterpart for), through the kernel (the protocols as a
 * notebook cell, sandboxed and step-checked, in the kernel process: the path
 * a user's Run takes) and, beside it, the engine called directly in this
 * process. Goals: untraced >= 0.5x, traced >= 0.2x.
 */
import { simulate, type SimulationConfig } from '../src/api/index';
import { Random } from '../src/engine/model/random';
import { workloads } from './protocols/throughput';
import { KernelHost } from '../src/kernel/host';
import { kernelBundles } from '../test/unit/kernel/kernelBundles';
import { kernelRate } from './support/kernelRate';

/**
 * Long enough for the steady state: a run through the kernel also pays a few
 * tens of milliseconds per cell (compiling it, posting its result, the
 * kernel process's relay), which at 1,000,000 deliveries is a fifth of an
 * untraced run and hides the simulator's own speed.
 */
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 3_000_000);
type Delivery = { at: number; seq: number; to: number; from: number; n: number };
type Handler = (self: number, from: number, n: number, send: (to: number, n: number) => void) => void;

/** The baseline loop: pops the earliest delivery and calls its handler, until `count` deliveries. */
function baselineLoop(nodes: number, handler: Handler, starts: [number, number, number][], count: number): void {
  const heap: Delivery[] = [];
  const random = Random.fromSeed(1);
  let seq = 0;
  let now = 0;
  const less = (a: Delivery, b: Delivery) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const push = (d: Delivery) => {
    let i = heap.push(d) - 1;
    while (i > 0 && less(d, heap[(i - 1) >> 1])) [heap[i], i] = [heap[(i - 1) >> 1], (i - 1) >> 1];
    heap[i] = d;
  };
  const pop = (): Delivery => {
    const top = heap[0];
    const last = heap.pop() as Delivery;
    if (heap.length === 0) return top;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= heap.length) break;
      if (c + 1 < heap.length && less(heap[c + 1], heap[c])) c++;
      if (!less(heap[c], last)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
    return top;
  };
  let current = 0;
  const send = (to: number, n: number) => push({ at: now + random.int(1, 10), seq: seq++, to, from: current, n });
  for (const [from, to, n] of starts) {
    current = from;
    send(to, n);
  }
  for (let k = 0; k < count && heap.length > 0; k++) {
    const d = pop();
    now = d.at;
    current = d.to;
    handler(d.to, d.from, d.n, send);
  }
  void nodes;
}

/** Echo: node 0 answers each ping; nodes 1–4 each keep 8 pings outstanding. */
const echo = { nodes: 5, starts: [1, 2, 3, 4].flatMap((c) => Array.from({ length: 8 }, (_, n) => [c, 0, n] as [number, number, number])), handler: ((_self, from, n, send) => send(from, n)) as Handler };
/** Gossip: 8 nodes; each rebroadcasts once per 7 values received. */
const seen = new Uint32Array(8);
const gossip = {
  nodes: 8,
  starts: Array.from({ length: 8 }, (_, a) => Array.from({ length: 8 }, (_, b) => [a, b, 0] as [number, number, number]).filter(([x, y]) => x !== y)).flat(),
  handler: ((self, _from, n, send) => {
    if (++seen[self] % 7 === 0) for (let p = 0; p < 8; p++) if (p !== self) send(p, n + 1);
  }) as Handler,
};

const cpuMs = (f: () => void) => {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const started = process.cpuUsage();
    f();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
};
const oursPerSecond = (config: SimulationConfig, traced: boolean) => {
  const probe = simulate({ ...config, until: 1000, trace: false }).stats.deliveries;
  const until = Math.ceil((1000 * DELIVERIES) / Math.max(1, probe));
  let deliveries = 0;
  const ms = cpuMs(() => (deliveries = simulate({ ...config, until, maxEvents: Number.MAX_SAFE_INTEGER, idempotency: false, trace: traced ? { mode: 'last', maxEvents: 100_000 } : false }).stats.deliveries));
  return deliveries / (ms / 1000);
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (ours: number, baseline: number) => `${fmt(ours)}/s (${(ours / baseline).toFixed(2)}×)`;

async function main(): Promise<void> {
  const { workerScript, engineBundle } = await kernelBundles();
  const host = new KernelHost({ workerScript, engineBundle, timeoutMs: 600_000 });
  console.log('simulator vs a minimal event loop (binary heap, direct handler calls): deliveries per CPU second, ours / baseline; goals: untraced >= 0.5x, traced >= 0.2x, through the kernel');
  for (const [k, { name, nodes, config }] of workloads.entries()) {
    const base = [echo, gossip][k];
    const baseline = DELIVERIES / (cpuMs(() => baselineLoop(base.nodes, base.handler, base.starts, DELIVERIES)) / 1000);
    const kernel = async (traced: boolean) => (await kernelRate(host, nodes, DELIVERIES, { traced, idempotency: false })).perSecond;
    const [kernelUntraced, kernelTraced] = [await kernel(false), await kernel(true)];
    const [untraced, traced] = [oursPerSecond(config, false), oursPerSecond(config, true)];
    console.log(`${name.padEnd(38)} baseline ${fmt(baseline)}/s`);
    console.log(`${''.padEnd(38)} through the kernel: untraced ${ratio(kernelUntraced, baseline)} · traced ${ratio(kernelTraced, baseline)}`);
    console.log(`${''.padEnd(38)} engine called directly: untraced ${ratio(untraced, baseline)} · traced ${ratio(traced, baseline)}`);
  }
  host.dispose();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
