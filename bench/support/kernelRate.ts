/**
 * Deliveries per CPU-second of the throughput protocols (bench/protocols/throughput.ts)
 * run through the sandboxed kernel, as a user's Run takes them: the file as a
 * cell, then a cell that runs one simulation and shows only its statistics
 * (so the figure is not the cost of posting a trace). CPU time is that of the
 * kernel process, best of three, compile and result posting included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KernelCell } from '../../src/common/kernelMessages';
import type { KernelHost } from '../../src/kernel/host';
import { processCpuMs } from './processCpu';

/** The protocols as a cell: bench/protocols/throughput.ts, importing the API as a cell does. */
const protocols = readFileSync(join(__dirname, '../protocols/throughput.ts'), 'utf8').replace(/from '\.\.\/\.\.\/src\/api\/index'/, "from 'protocol-notebook'");

export interface KernelRunOptions {
  traced: boolean;
  /** Off to match a baseline that has no counterpart for the dynamic idempotency check. */
  idempotency?: boolean;
}

export interface KernelRate {
  perSecond: number;
  ms: number;
  wallMs: number;
  deliveries: number;
}

function runCell(nodes: string, until: number, options: KernelRunOptions): string {
  const trace = options.traced ? "{ mode: 'last', maxEvents: 100000 }" : 'false';
  const idempotency = options.idempotency === false ? ', idempotency: false' : '';
  return `const r = simulate({ nodes: ${nodes}, network: { latency: [1, 10] }, until: ${until}, maxEvents: Number.MAX_SAFE_INTEGER, trace: ${trace}${idempotency} });\nr.stats`;
}

/** Runs the workload whose nodes are the export `nodes` of the protocols file for about `deliveries` deliveries, three times. */
export async function kernelRate(host: KernelHost, nodes: string, deliveries: number, options: KernelRunOptions): Promise<KernelRate> {
  const execute = async (until: number) => {
    const cells: KernelCell[] = [
      { id: 'protocols', index: 0, source: protocols },
      { id: 'run', index: 1, source: runCell(nodes, until, options) },
    ];
    await host.execute(cells, 0);
    const started = processCpuMs(host.pid) ?? 0;
    const result = await host.execute(cells, 1);
    const used = (processCpuMs(host.pid) ?? started) - started;
    if (!result.ok) throw new Error(`${result.error?.name}: ${result.error?.message}`);
    const stats = result.outputs[0].data as { deliveries: number };
    return { ms: used > 0 ? used : result.durationMs, wallMs: result.durationMs, deliveries: stats.deliveries };
  };
  const probe = await execute(1000);
  const until = Math.ceil((1000 * deliveries) / Math.max(1, probe.deliveries));
  let best = await execute(until);
  for (let k = 0; k < 2; k++) {
    const next = await execute(until);
    if (next.ms < best.ms) best = next;
  }
  return { perSecond: best.deliveries / (best.ms / 1000), ...best };
}
