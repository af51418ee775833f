/**
 * One process of bench/sesEvaluation.bench.ts: loads the engine and the
 * workloads of bench/protocols/throughput.ts, then, given `lockdown` and the
 * directory `ses` is installed in, calls SES's `lockdown()` (every intrinsic
 * of this realm frozen, Object.prototype included), and prints the
 * deliveries per CPU second of each workload, untraced and traced, as JSON.
 *
 * Usage: node --import tsx bench/support/sesWorkload.ts plain|lockdown SES_DIR DELIVERIES
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { simulate } from '../../src/api/index';
import { workloads } from '../protocols/throughput';
import { deliveryRate } from './deliveryRate';

const [mode, sesDir, deliveries] = process.argv.slice(2);
if (mode === 'lockdown') {
  createRequire(join(sesDir, 'package.json'))('ses');
  (globalThis as unknown as { lockdown(): void }).lockdown();
  if (!Object.isFrozen(Object.prototype)) throw new Error('lockdown() left Object.prototype unfrozen');
}
const rates: Record<string, number> = {};
for (const { name, config } of workloads) {
  for (const traced of [false, true]) {
    const run = (until: number) => simulate({ ...config, until, maxEvents: Number.MAX_SAFE_INTEGER, trace: traced ? { mode: 'last', maxEvents: 100_000 } : false }).stats.deliveries;
    rates[`${name}|${traced ? 'traced' : 'untraced'}`] = deliveryRate(run, Number(deliveries));
  }
}
console.log(JSON.stringify(rates));
