/**
 * What a cell shows: a simulation run (recognised by its brand) becomes a
 * `MIME.run` output with a readable summary; any other value a `MIME.value`
 * output with tagged JSON and a text fallback (for explore() and check()
 * results, their report as the CLI prints it).
 */
import { inspect } from 'node:util';
import { MIME, type CellOutput } from '../common/kernelMessages';
import type { PropertyVerdict, RunStats } from '../common/traceFormat';
import { encodeValue } from '../common/valueEncoding';
import { CHECK_BRAND, EXPLORE_BRAND, checkText, exploreText } from '../check/explore/resultText';
import type { ExploreResult } from '../check/explore/types';
import type { CheckResult } from '../check/modelCheck/types';

/** The brand `simulate()` puts on its result. */
export const RUN_BRAND = 'protocol-notebook/run';

/** The fields of a run result the kernel reads (the engine's RunResult, as plain data). */
export interface RunOutputData {
  kind: typeof RUN_BRAND;
  ok: boolean;
  seed: number;
  endReason?: string;
  verdicts: PropertyVerdict[];
  stats: RunStats;
  error?: { name: string; message: string; node?: string; handler?: string; event?: number };
  /** Handlers shown not to be idempotent by a replayed delivery. */
  idempotency?: { handler: string; witness: string }[];
  [field: string]: unknown;
}

/** True when `value` carries the run brand (from any realm). */
export function isRunResult(value: unknown): value is RunOutputData {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return (value as { kind?: unknown }).kind === RUN_BRAND;
  } catch {
    return false;
  }
}

/** Text of a value as a console would show it. */
export function inspectValue(value: unknown): string {
  try {
    return inspect(value, { depth: 6, colors: false, maxArrayLength: 200, breakLength: 100 });
  } catch (error) {
    return `[value could not be shown: ${String(error)}]`;
  }
}

/**
 * The outputs for a value a cell produced (its last expression, or a
 * `display()` argument): one, and for an explore() result that found a
 * failure, the chart of its first shrunk counterexample after it.
 */
export function toCellOutputs(value: unknown): CellOutput[] {
  const output = toCellOutput(value);
  const counterexample = firstCounterexample(value);
  return counterexample ? [output, runOutput(counterexample.run, `shrunk counterexample of ${counterexample.property}`)] : [output];
}

/** One output for a value a cell produced. */
function toCellOutput(value: unknown): CellOutput {
  if (isRunResult(value)) return runOutput(value);
  let data: unknown;
  try {
    data = encodeValue(value);
  } catch (error) {
    data = { $undefined: true };
    return { mime: MIME.value, data, text: `[value could not be encoded: ${String(error)}]` };
  }
  return { mime: MIME.value, data, text: resultText(value) ?? inspectValue(value) };
}

/** An explore() or check() result as the lines the CLI prints, rather than the raw object (its seed lists run long). */
function resultText(value: unknown): string | undefined {
  try {
    const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
    if (kind === EXPLORE_BRAND) return exploreText(value as ExploreResult).join('\n');
    if (kind === CHECK_BRAND) return checkText(value as CheckResult).join('\n');
  } catch {
    // Not the shape its brand promises: shown as any other value.
  }
  return undefined;
}

/** The first failure of an explore() result that was shrunk, with its run. */
function firstCounterexample(value: unknown): { property: string; run: RunOutputData } | undefined {
  try {
    if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind !== EXPLORE_BRAND) return undefined;
    const failure = (value as ExploreResult).failures.find((f) => f.counterexample);
    const run: unknown = failure?.counterexample?.run;
    return failure && isRunResult(run) ? { property: failure.property, run } : undefined;
  } catch {
    return undefined;
  }
}

/** A run's output; `title` names what the run is, when it is not a cell's own simulation. */
function runOutput(run: RunOutputData, title?: string): CellOutput {
  // The engine promises plain data; cloning also drops what is not (the kept Error is not enumerable).
  const data = structuredClone({ ...run }) as RunOutputData;
  const { text, markdown } = summarizeRun(data, title);
  return { mime: MIME.run, data, text, markdown };
}

/** A readable summary of a run: the verdict of each property, the seed, and what happened. */
export function summarizeRun(run: RunOutputData, title?: string): { text: string; markdown: string } {
  const failed = run.verdicts.filter((v) => v.status === 'fail').length;
  const what = title ? `${title}: simulation` : 'simulation';
  const headline = run.ok
    ? `${what} (seed ${run.seed}): all ${run.verdicts.length} properties hold`
    : `${what} (seed ${run.seed}): ${run.error ? 'a handler threw' : `${failed} of ${run.verdicts.length} properties violated`}`;
  const verdictLines = run.verdicts.map((v) => {
    const mark = v.status === 'pass' ? '✓' : v.status === 'fail' ? '✗' : '?';
    const where = v.status === 'fail' && v.at !== undefined ? ` (t=${v.at}${v.violatingEvent !== undefined ? `, event ${v.violatingEvent}` : ''})` : '';
    return `${mark} ${v.name}${where}${v.message && v.status !== 'pass' ? ` — ${v.message}` : ''}`;
  });
  const errorLine = run.error
    ? `✗ ${run.error.name}: ${run.error.message}${run.error.node ? ` (node ${run.error.node}, handler ${run.error.handler ?? '?'})` : ''}`
    : undefined;
  const s = run.stats;
  const statsLine = `${s.events} events · ${s.messagesSent} messages sent · ${s.deliveries} delivered · ${s.dropped} dropped · ${s.duplicatesDelivered} duplicates · ${s.timersFired} timers · ${s.crashes} crashes${run.endReason ? ` · ended: ${run.endReason}` : ''}`;
  const idempotencyLines = (run.idempotency ?? []).map((f) => `⚠ ${f.handler} is not idempotent: ${f.witness}`);
  const lines = [...verdictLines, ...(errorLine ? [errorLine] : []), ...idempotencyLines];
  const text = [headline, ...lines.map((l) => `  ${l}`), `  ${statsLine}`].join('\n');
  const markdown = [`**${headline}**`, '', ...lines.map((l) => `- ${l}`), '', statsLine].join('\n');
  return { text, markdown };
}
