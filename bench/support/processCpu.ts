/**
 * CPU time of another process (every thread of it), for benchmarks of the
 * kernel process: read from /proc on Linux, in clock ticks of 10 ms.
 * Undefined where /proc does not say.
 */
import { readFileSync } from 'node:fs';

const TICK_MS = 10;

/** User plus system CPU time of process `pid` so far, in milliseconds. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}
