/**
 * CPU time of the page's main thread between two performance marks, read
 * from a Chromium trace: unlike wall time, it does not grow when other
 * processes compete for the machine's cores.
 */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  cat: string;
}

export function mainThreadCpuMs(traceJson: Buffer, startMark: string, endMark: string): number {
  const events = (JSON.parse(traceJson.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const start = events.find((e) => e.name === startMark && e.cat.includes('blink.user_timing'));
  const end = events.find((e) => e.name === endMark && e.cat.includes('blink.user_timing'));
  if (!start || !end) throw new Error(`marks ${startMark} / ${endMark} not in the trace`);
  let cpu = 0;
  for (const e of events) {
    if (e.pid !== start.pid || e.tid !== start.tid || e.ph !== 'X' || e.name !== 'RunTask' || e.tdur === undefined) continue;
    const from = Math.max(e.ts, start.ts);
    const to = Math.min(e.ts + (e.dur ?? 0), end.ts);
    // Tasks straddling a mark count in proportion to the part inside.
    if (to > from) cpu += e.tdur * ((to - from) / Math.max(1, e.dur ?? 1));
  }
  return cpu / 1000;
}
