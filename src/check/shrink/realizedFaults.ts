/**
 * The faults a run actually suffered, read back from its trace as an explicit
 * schedule: every partition (including those a nemesis chose) and every
 * crash with its restart. An explicit schedule can be shrunk fault by fault.
 */
import type { Trace } from '../../common/traceFormat';
import type { Fault } from '../../engine/api/types';

/** Explicit partitions and crashes of `trace`, plus the configured faults a trace does not show as a schedule (clock, Byzantine, corrupt). */
export function realizedFaults(trace: Trace, configured: readonly Fault[]): Fault[] {
  const faults: Fault[] = configured.filter((f) => f.fault === 'clock' || f.fault === 'byzantine' || f.fault === 'corrupt');
  for (const p of trace.partitions) {
    const window = { from: p.start, ...(p.end === undefined ? {} : { to: p.end }) };
    if (p.asymmetric) faults.push({ fault: 'partition', groups: [p.asymmetric.from, p.asymmetric.to], oneWay: true, ...window });
    else faults.push({ fault: 'partition', groups: p.groups, ...window });
  }
  const down = new Map<string, number>();
  for (const event of trace.events) {
    if (event.kind === 'crash') down.set(event.node, event.t);
    else if (event.kind === 'recover') {
      const at = down.get(event.node);
      if (at === undefined) continue;
      down.delete(event.node);
      faults.push({ fault: 'crash', node: event.node, at, ...(event.t > at ? { restart: event.t } : {}) });
    }
  }
  for (const [node, at] of down) faults.push({ fault: 'crash', node, at });
  return faults;
}

/** True when a trace is complete enough to read its faults back (tracing kept every event). */
export function faultsReadable(trace: Trace): boolean {
  return trace.truncated === undefined && trace.firstEventIndex === 0;
}
