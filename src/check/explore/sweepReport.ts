/**
 * The report the `explore` and `check` commands write with `--json`, and
 * that `merge` reads back: every `explore()` / `check()` result of a
 * notebook, keyed by where the call is (cell line and order within the cell),
 * so the reports of different shards line up. Versioned plain JSON.
 */
import type { CheckResult } from '../modelCheck/types';
import { mergeExploreResults } from './mergeResults';
import type { ExploreResult, Shard } from './types';

export const SWEEP_REPORT_FORMAT = 'protocol-notebook-sweep-report';
export const SWEEP_REPORT_VERSION = 1;

/** One `explore()` or `check()` result of the notebook. */
export interface SweepReportEntry {
  /** 1-based line in the file of the first line of the cell that made it. */
  line: number;
  /** Its position among the results of that cell (0 for the first). */
  ordinal: number;
  result: ExploreResult | CheckResult;
}

/** A cell that failed to run (its results are missing). */
export interface SweepCellError {
  line: number;
  location?: string;
  name: string;
  message: string;
}

export interface SweepReport {
  format: typeof SWEEP_REPORT_FORMAT;
  version: typeof SWEEP_REPORT_VERSION;
  command: 'explore' | 'check';
  file: string;
  /** True when every result is ok and every cell ran. */
  ok: boolean;
  /** The shards this report covers (several after a merge). */
  shards: Shard[];
  entries: SweepReportEntry[];
  cellErrors: SweepCellError[];
}

/** Exit code of a report whose checks found no violation but left some verdict `unknown` (a bounded search: not a proof). */
export const BOUNDED_EXIT_CODE = 4;

/** The check() results of a report that left some verdict `unknown`. */
export function boundedEntries(report: SweepReport): SweepReportEntry[] {
  return report.entries.filter((e) => e.result.kind === 'protocol-notebook/check' && e.result.verdicts.some((v) => v.status === 'unknown'));
}

/**
 * Exit code of a report: 0 all passed, 1 a property failed or a cell failed,
 * 4 nothing failed but a check() was bounded (some verdict `unknown`), unless
 * `boundedOk` (then 0).
 */
export function reportExitCode(report: SweepReport, boundedOk = false): number {
  if (!report.ok) return 1;
  return !boundedOk && boundedEntries(report).length > 0 ? BOUNDED_EXIT_CODE : 0;
}

/** Wall-clock figures of one result, kept apart from the report so that the report itself is the same on every run. */
export interface SweepTiming {
  line: number;
  ordinal: number;
  wallMs: number;
  /** Seeds per second (explore) or distinct states per second (check). */
  perSecond: number;
}

/**
 * The report without its wall-clock figures (set to 0 in every result), and
 * those figures apart: the report is then byte for byte the same for the
 * same notebook, on any machine.
 */
export function withoutTimings(report: SweepReport): { report: SweepReport; timings: SweepTiming[] } {
  const timings: SweepTiming[] = [];
  const entries = report.entries.map((entry) => {
    const r = entry.result;
    if (r.kind === 'protocol-notebook/explore') {
      timings.push({ line: entry.line, ordinal: entry.ordinal, wallMs: r.stats.wallMs, perSecond: r.stats.runsPerSecond });
      return { ...entry, result: { ...r, stats: { ...r.stats, wallMs: 0, runsPerSecond: 0 } } };
    }
    timings.push({ line: entry.line, ordinal: entry.ordinal, wallMs: r.stats.wallMs, perSecond: r.stats.statesPerSecond });
    const perWorker = r.stats.perWorker?.map((w) => ({ ...w, statesPerSecond: 0 }));
    return { ...entry, result: { ...r, stats: { ...r.stats, wallMs: 0, statesPerSecond: 0, ...(perWorker ? { perWorker } : {}) } } };
  });
  return { report: { ...report, entries }, timings };
}

function isReport(value: unknown): value is SweepReport {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === SWEEP_REPORT_FORMAT;
}

/** Reads a report written by `--json`; throws a readable error for anything else. */
export function parseSweepReport(text: string, name: string): SweepReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name} is not JSON: ${(error as Error).message}`);
  }
  if (!isReport(value)) throw new Error(`${name} is not a protocol-notebook explore/check report (write one with --json)`);
  if (value.version !== SWEEP_REPORT_VERSION) throw new Error(`${name} has report version ${String(value.version)}; this version reads ${SWEEP_REPORT_VERSION}`);
  return value;
}

/** Builds a report; `ok` follows from the entries and cell errors. */
export function sweepReport(command: 'explore' | 'check', file: string, shards: Shard[], entries: SweepReportEntry[], cellErrors: SweepCellError[]): SweepReport {
  return {
    format: SWEEP_REPORT_FORMAT,
    version: SWEEP_REPORT_VERSION,
    command,
    file,
    ok: cellErrors.length === 0 && entries.every((e) => e.result.ok),
    shards,
    entries: [...entries].sort((x, y) => x.line - y.line || x.ordinal - y.ordinal),
    cellErrors,
  };
}

/**
 * Combines reports of the same notebook: explore results at the same place
 * are merged seed-wise; a check result (the same in every shard) is kept once.
 */
export function mergeSweepReports(reports: readonly SweepReport[]): SweepReport {
  if (reports.length === 0) throw new Error('no reports to merge');
  const groups = new Map<string, SweepReportEntry[]>();
  for (const report of reports) {
    for (const entry of report.entries) {
      const key = `${entry.line}:${entry.ordinal}:${entry.result.kind}`;
      const group = groups.get(key) ?? [];
      group.push(entry);
      groups.set(key, group);
    }
  }
  const entries: SweepReportEntry[] = [...groups.values()].map((group) => {
    const first = group[0];
    if (first.result.kind !== 'protocol-notebook/explore') return first;
    return { line: first.line, ordinal: first.ordinal, result: mergeExploreResults(group.map((e) => e.result as ExploreResult)) };
  });
  const shards = reports.flatMap((r) => r.shards).sort((x, y) => x.index - y.index);
  const seen = new Set<string>();
  const cellErrors = reports.flatMap((r) => r.cellErrors).filter((e) => {
    const key = `${e.line}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const commands = new Set(reports.map((r) => r.command));
  return sweepReport(commands.size === 1 ? reports[0].command : 'explore', reports[0].file, shards, entries, cellErrors);
}
