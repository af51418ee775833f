/**
 * What a cell shows: a simulation run (recognised by its brand and shape)
 * becomes a `MIME.run` output with a readable summary; any other value a
 * `MIME.value` output with tagged JSON and a text fallback (for explore() and
 * check() results, their report as the CLI prints it). Works on values the
 * sandbox already turned into plain JSON (CapturedValue): nothing here
 * touches an object a cell made, and a value of any shape is shown, never
 * thrown over.
 */
import { inspect } from 'node:util';
import { MIME, type CellOutput } from '../common/kernelMessages';
import type { PropertyVerdict, RunStats } from '../common/traceFormat';
import { decodeValue } from '../common/valueEncoding';
import { printable } from '../common/printableText';
import type { JsonValue } from '../common/traceFormat';
import { CHECK_BRAND, EXPLORE_BRAND, checkText, exploreText } from '../check/explore/resultText';
import type { ExploreResult } from '../check/explore/types';
import type { CheckResult } from '../check/modelCheck/types';
import type { CapturedValue, ThrownInfo } from './sandboxRuntime';

/** The brand `simulate()` puts on its result. */
export { RUN_BRAND } from './sandboxNames';
import { RUN_BRAND } from './sandboxNames';
import { propertiesText } from '../common/verdictCount';

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

/** True when `value` carries the run brand and has the fields the kernel and the CLI read. */
export function isRunResult(value: unknown): value is RunOutputData {
  if (typeof value !== 'object' || value === null) return false;
  const run = value as Partial<Record<keyof RunOutputData, unknown>>;
  if (run.kind !== RUN_BRAND || typeof run.ok !== 'boolean' || typeof run.seed !== 'number') return false;
  const optional = (value: unknown, type: 'string' | 'number') => value === undefined || typeof value === type;
  const verdictShape = (v: Record<string, unknown> | null) =>
    typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.status === 'string' && optional(v.message, 'string') && optional(v.at, 'number') && optional(v.violatingEvent, 'number');
  if (!Array.isArray(run.verdicts) || !run.verdicts.every(verdictShape)) return false;
  if (!optional(run.endReason, 'string')) return false;
  const stats = run.stats as Record<string, unknown> | undefined;
  if (typeof stats !== 'object' || stats === null || !['events', 'messagesSent', 'deliveries', 'dropped', 'duplicatesDelivered', 'timersFired', 'crashes'].every((k) => typeof stats[k] === 'number')) return false;
  const error = run.error as Record<string, unknown> | undefined;
  if (error !== undefined && (typeof error !== 'object' || error === null || typeof error.name !== 'string' || typeof error.message !== 'string' || !optional(error.node, 'string') || !optional(error.handler, 'string'))) return false;
  return run.idempotency === undefined || (Array.isArray(run.idempotency) && run.idempotency.every((f) => typeof f === 'object' && f !== null && typeof f.handler === 'string' && typeof f.witness === 'string'));
}

/** Text of a value as a console would show it. */
export function inspectValue(value: unknown): string {
  try {
    return inspect(value, { depth: 6, colors: false, maxArrayLength: 200, breakLength: 100 });
  } catch (error) {
    return `[value could not be shown: ${String(error)}]`;
  }
}

/** A value a cell produced (its last expression, or a `display()` argument), decoded, with the realm's reading of a kept handler error. */
export interface ShownValue {
  value: unknown;
  json: JsonValue;
  handlerError?: ThrownInfo;
}

/** Decodes what the sandbox captured. */
export function shownValue(captured: CapturedValue): ShownValue {
  const json = captured.json as JsonValue;
  return { value: decodeValue(json), json, handlerError: captured.handlerError };
}

/**
 * The outputs for a value a cell produced: one, and for an explore() or
 * check() result that found a failure, the chart of its first counterexample
 * after it (explore's shrunk, check's as the search found it).
 */
export function toCellOutputs(shown: ShownValue): CellOutput[] {
  const output = toCellOutput(shown);
  const counterexample = counterexampleOf(shown.value);
  return counterexample ? [output, runOutput(counterexample.run, counterexample.title)] : [output];
}

/** True when `toCellOutputs` draws a counterexample chart after `value` (an explore() or check() result that found one). */
export function drawsCounterexample(value: unknown): boolean {
  return counterexampleOf(value) !== undefined;
}

function counterexampleOf(value: unknown): Counterexample | undefined {
  return firstCounterexample(value) ?? firstCheckCounterexample(value);
}

/** One output for a value a cell produced. */
function toCellOutput({ value, json }: ShownValue): CellOutput {
  if (isRunResult(value)) return runOutput(value);
  return { mime: MIME.value, data: json, text: resultText(value) ?? inspectValue(value) };
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

/** A counterexample to draw under a result: its run, and what the chart's headline calls it. */
interface Counterexample {
  title: string;
  run: RunOutputData;
}

/** The first failure of an explore() result that was shrunk, with its run. */
function firstCounterexample(value: unknown): Counterexample | undefined {
  try {
    if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind !== EXPLORE_BRAND) return undefined;
    const failures: unknown = (value as ExploreResult).failures;
    const failure = Array.isArray(failures) ? (failures as ExploreResult['failures']).find((f) => typeof f === 'object' && f !== null && f.counterexample) : undefined;
    const run: unknown = failure?.counterexample?.run;
    return failure && typeof failure.property === 'string' && isRunResult(run) ? { title: `shrunk counterexample of ${failure.property}`, run } : undefined;
  } catch {
    return undefined;
  }
}

/** The first failed verdict of a check() result that has a counterexample, with its replayed run; a lasso's title says where its loop starts. */
function firstCheckCounterexample(value: unknown): Counterexample | undefined {
  try {
    if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind !== CHECK_BRAND) return undefined;
    const verdicts: unknown = (value as CheckResult).verdicts;
    if (!Array.isArray(verdicts)) return undefined;
    const verdict = (verdicts as CheckResult['verdicts']).find((v) => typeof v === 'object' && v !== null && v.status === 'fail' && v.counterexample);
    const counterexample = verdict?.counterexample;
    const run: unknown = counterexample?.run;
    if (!verdict || typeof verdict.name !== 'string' || !counterexample || !isRunResult(run)) return undefined;
    const steps = Array.isArray(counterexample.steps) ? counterexample.steps.length : 0;
    const loop = counterexample.kind === 'lasso' && typeof counterexample.loopStart === 'number' ? `, from step ${counterexample.loopStart + 1} on repeating forever` : '';
    const what = counterexample.kind === 'lasso' ? 'lasso' : 'counterexample';
    return { title: `${what} of ${verdict.name} found by check() (${steps} step${steps === 1 ? '' : 's'}${loop})`, run: judgedFor(run, verdict.name) };
  } catch {
    return undefined;
  }
}

/**
 * A check() counterexample's run with only its own property's verdict: the
 * replay judges every property on that one path, and a ✓ there for a
 * property the check left unknown (or failed elsewhere) would read as the
 * check's verdict. The others are shown as not judged, pointing at the report.
 */
function judgedFor(run: RunOutputData, property: string): RunOutputData {
  const notJudged = <V extends { name: string; status: string }>(v: V): V => (v.name === property ? v : { ...v, status: 'unknown', message: "not judged by this counterexample: the check's report above has its verdict" });
  const trace = run.trace as { properties?: unknown } | undefined;
  const properties = trace && Array.isArray(trace.properties) ? (trace.properties as { name: string; status: string }[]).map(notJudged) : undefined;
  return { ...run, verdicts: run.verdicts.map(notJudged), ...(properties ? { trace: { ...trace, properties } } : {}) };
}

/** A run's output; `title` names what the run is, when it is not a cell's own simulation. */
function runOutput(run: RunOutputData, title?: string): CellOutput {
  const { text, markdown } = summarizeRun(run, title);
  return { mime: MIME.run, data: run, text, markdown };
}

/** A readable summary of a run: the verdict of each property, the seed, and what happened. */
export function summarizeRun(run: RunOutputData, title?: string): { text: string; markdown: string } {
  const failed = run.verdicts.filter((v) => v.status === 'fail').length;
  const what = title ? `${title}: simulation` : 'simulation';
  const headline = run.ok
    ? `${what} (seed ${run.seed})${run.verdicts.length > 0 ? `: ${propertiesText(run.verdicts.length, 0)}` : ''}`
    : `${what} (seed ${run.seed}): ${run.error ? 'a handler threw' : propertiesText(run.verdicts.length, failed)}`;
  const verdictLines = run.verdicts.map((v) => {
    const mark = v.status === 'pass' ? '✓' : v.status === 'fail' ? '✗' : '?';
    const where = v.status === 'fail' && v.at !== undefined ? ` (t=${v.at}${v.violatingEvent !== undefined ? `, event ${v.violatingEvent}` : ''})` : '';
    return `${mark} ${printable(v.name)}${where}${v.message && v.status !== 'pass' ? ` — ${printable(v.message)}` : ''}`;
  });
  const errorLine = run.error
    ? `✗ ${printable(String(run.error.name))}: ${printable(String(run.error.message))}${run.error.node ? ` (node ${printable(String(run.error.node))}, handler ${printable(String(run.error.handler ?? '?'))})` : ''}`
    : undefined;
  const s = run.stats;
  const statsLine = `${s.events} events · ${s.messagesSent} messages sent · ${s.deliveries} delivered · ${s.dropped} dropped · ${s.duplicatesDelivered} duplicates · ${s.timersFired} timers · ${s.crashes} crashes${run.endReason ? ` · ended: ${run.endReason}` : ''}`;
  const idempotencyLines = (run.idempotency ?? []).map((f) => `⚠ ${printable(f.handler)} is not idempotent: ${printable(f.witness)}`);
  const lines = [...verdictLines, ...(errorLine ? [errorLine] : []), ...idempotencyLines];
  const text = [headline, ...lines.map((l) => `  ${l}`), `  ${statsLine}`].join('\n');
  const markdown = [`**${markdownText(headline)}**`, '', ...lines.map((l) => `- ${markdownText(l)}`), '', statsLine].join('\n');
  return { text, markdown };
}

/** Text shown as Markdown literally: no links, images, HTML or emphasis a property name could smuggle in. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}
