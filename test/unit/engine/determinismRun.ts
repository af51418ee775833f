/**
 * A run used by the determinism tests, in this process and in a second one:
 * `node --import tsx determinismRun.ts` prints the run's trace as JSON.
 */
import { simulate, crash, clockSkew, nemesis, partition, always, exactlyOnce, type RunResult } from '../../../src/api/index';
import { Account, depositor } from './protocols';

/** A run that exercises every random choice: latency, loss, duplication, the nemesis, ctx.random. */
export function determinismRun(seed: number): RunResult {
  return simulate({
    nodes: { account: Account, c1: depositor(8, 20), c2: depositor(8, 20) },
    network: { latency: { exponential: 4, min: 1 }, loss: 0.1, duplicate: 0.1 },
    faults: [
      partition(['c1'], ['account'], { from: 20, to: 60 }),
      crash('account', { at: 90, restart: 130 }),
      clockSkew('c2', { skew: 3, drift: 0.05 }),
      nemesis({ every: 50, duration: 10, kinds: ['partition', 'crash'], from: 150 }),
    ],
    properties: {
      'balance stays small': always((w) => (w.state.account?.balance ?? 0) < 100),
      'credits once': exactlyOnce<{ id: string }>('credit', (d) => d.id),
    },
    seed,
    until: 400,
  });
}

// Run as a script: print the trace (the second process of the cross-process test).
if (process.argv[1]?.endsWith('determinismRun.ts')) {
  process.stdout.write(JSON.stringify(determinismRun(Number(process.argv[2]))));
}
