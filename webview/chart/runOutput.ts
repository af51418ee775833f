/**
 * Reads a run output (MIME application/vnd.protocol-notebook.run+json):
 * `{ trace, verdicts?, stats?, title? }`, or a bare trace. Anything else is
 * reported as a reason, not thrown, so the output can say what is wrong.
 */
import { TRACE_FORMAT, type IdempotencyWitness, type PropertyVerdict, type Trace } from '../../src/common/traceFormat';

export type RunOutput = { ok: true; trace: Trace; title: string } | { ok: false; reason: string };

export function readRunOutput(data: unknown): RunOutput {
  const record = (data ?? {}) as { trace?: unknown; verdicts?: unknown; title?: unknown; idempotency?: unknown };
  const candidate = isTrace(record.trace) ? record.trace : isTrace(data) ? data : undefined;
  if (!candidate) return { ok: false, reason: 'This output holds no trace in the protocol-notebook-trace format.' };
  let trace = candidate;
  if (trace.properties.length === 0 && Array.isArray(record.verdicts) && record.verdicts.every(isVerdict)) trace = { ...trace, properties: record.verdicts };
  // A run's idempotency findings travel beside its trace; the chart marks their deliveries.
  if (!trace.idempotency && Array.isArray(record.idempotency) && record.idempotency.length > 0) trace = { ...trace, idempotency: record.idempotency.filter(isWitness) };
  const title = typeof record.title === 'string' ? record.title : `Run (seed ${trace.seed})`;
  return { ok: true, trace, title };
}

function isTrace(value: unknown): value is Trace {
  const t = value as Partial<Trace> | null;
  return !!t && t.format === TRACE_FORMAT && Array.isArray(t.nodes) && Array.isArray(t.events) && Array.isArray(t.messages);
}

function isWitness(value: unknown): value is IdempotencyWitness {
  const w = value as Partial<IdempotencyWitness> | null;
  return !!w && typeof w.handler === 'string' && typeof w.witness === 'string' && typeof w.event === 'number';
}

function isVerdict(value: unknown): value is PropertyVerdict {
  const v = value as Partial<PropertyVerdict> | null;
  return !!v && typeof v.name === 'string' && (v.status === 'pass' || v.status === 'fail' || v.status === 'unknown');
}
