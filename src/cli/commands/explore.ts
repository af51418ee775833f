/**
 * `protocol-notebook explore FILE.protocol.md [--seeds N] [--workers K] [--shard i/n] [--json] [--junit FILE]`:
 * runs a notebook's cells through the kernel, as `run` does, with every
 * `explore()` seed sweep split across K worker threads (and, with --shard,
 * restricted to one shard of a CI matrix), and reports the failures of each
 * sweep grouped by property with their shrunk counterexamples.
 *
 * Exit code: 0 every seed passed, 1 a property failed or a cell failed, 2 usage or input error.
 */
import { parseCommandArgs, usageError, wholeNumber } from '../commandArgs';
import { NO_TYPECHECK_OPTION, typecheckFirst } from '../typecheckFirst';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MIME } from '../../common/kernelMessages';
import { printable } from '../../common/printableText';
import { decodeValue } from '../../common/valueEncoding';
import type { JsonValue } from '../../common/traceFormat';
import { decodeNotebookBytes, NotebookFormatError } from '../../document';
import { junitReport } from '../../check/explore/junitReport';
import { checkText, exploreText } from '../../check/explore/resultText';
import { parseShard } from '../../check/explore/seedSelection';
import { SWEEP_OVERRIDES_GLOBAL, type SweepOverrides } from '../../check/explore/sweepOverrides';
import { boundedEntries, mergeSweepReports, reportExitCode, sweepReport, withoutTimings, type SweepCellError, type SweepReport, type SweepReportEntry } from '../../check/explore/sweepReport';
import type { ExploreResult, Shard } from '../../check/explore/types';
import type { CheckResult } from '../../check/modelCheck/types';
import { KernelHost } from '../../kernel/host';
import type { CellResult, KernelCell } from '../../common/kernelMessages';
import type { NotebookNeeds } from '../../common/cellNeeds';
import { loadDependencyAnalysis } from './index';
import { notebookCells, type NotebookCells } from '../../kernel/notebookFile';

const DEFAULT_TIMEOUT_MS = 600_000;

const usage = `usage: protocol-notebook explore FILE.protocol.md [options]

Runs the notebook's cells as \`run\` does (but check() calls return at once,
skipped, and are counted in the summary) and reports every explore() seed sweep:
failing seeds grouped by property, each property's first failure shrunk to a
minimal counterexample that replays exactly.

options:
  --seeds N         run seeds 1..N in every explore() (default: the cell's own seeds)
  --workers K       split each sweep across K worker threads (default: cores, at most 4)
  --shard i/n       run only shard i of n: seeds s with s % n == i-1 (for CI matrices)
  --json            print one JSON report (for \`protocol-notebook merge\`) instead of text;
                    the same bytes for the same notebook (wall-clock figures are left out)
  --timings         with --json, add the wall-clock figures, in a \`timings\` section of their own
  --junit FILE      also write a JUnit XML report (one test case per property)
  --timeout MS      wall-clock limit per cell (default ${DEFAULT_TIMEOUT_MS})
  --step-budget N   loop iterations + function calls a cell may make (default 0: no limit)
  --no-typecheck    run without type-checking the notebook first (type errors stop it, exit 1)

Exit code: 0 every seed passed, 1 a property failed or a cell failed, 2 usage or input error.`;

/** Options shared by the explore and check commands. */
export interface NotebookRunOptions {
  timeoutMs: number;
  stepBudget: number;
  /** Prints a progress line (to stderr). */
  progress: (line: string) => void;
}

/** Reads and splits a notebook; a string is the error to print. */
export function readNotebook(file: string): NotebookCells | string {
  try {
    return notebookCells(decodeNotebookBytes(readFileSync(file), file));
  } catch (error) {
    return error instanceof NotebookFormatError ? error.message : `cannot read ${file}: ${(error as Error).message}`;
  }
}

/**
 * Runs every cell of `notebook` in a fresh kernel, with `overrides` set for
 * every explore() first, and collects the explore() and check() results the
 * cells produced (their last expression, or `display(...)`).
 */
export async function collectResults(notebook: NotebookCells, file: string, overrides: SweepOverrides | undefined, options: NotebookRunOptions, label = ''): Promise<{ entries: SweepReportEntry[]; cellErrors: SweepCellError[]; skipped: number }> {
  const host = new KernelHost({ workerScript: join(__dirname, 'kernelWorker.js'), timeoutMs: options.timeoutMs, stepBudget: options.stepBudget });
  const prelude: KernelCell[] = overrides ? [{ id: 'sweep-overrides', index: -1, source: `globalThis.${SWEEP_OVERRIDES_GLOBAL} = ${JSON.stringify(overrides)};\n` }] : [];
  const cells = [...prelude, ...notebook.cells];
  const entries: SweepReportEntry[] = [];
  const cellErrors: SweepCellError[] = [];
  let skipped = 0;
  const collect = (cell: KernelCell, result: CellResult) => {
    const line = cell.index < 0 ? 0 : notebook.firstLineOf(cell.index) + 1;
    let ordinal = 0;
    for (const output of result.outputs) {
      if (output.mime !== MIME.value) continue;
      const value = decodeValue(output.data as JsonValue) as { kind?: unknown } | null;
      if (value?.kind !== 'protocol-notebook/explore' && value?.kind !== 'protocol-notebook/check') continue;
      if ((value as { skipped?: boolean }).skipped) {
        skipped++;
        options.progress(`${label}${file}:${line}: ${value.kind === 'protocol-notebook/check' ? 'check() skipped: run `protocol-notebook check` for it' : 'explore() skipped: run `protocol-notebook explore` for it'}`);
        continue;
      }
      let found: ExploreResult | CheckResult;
      try {
        // A cell can make any value: one that only looks like a result must not take the runner down.
        found = withWallTime(value as ExploreResult | CheckResult, result.durationMs);
        if (found.kind === 'protocol-notebook/explore') exploreText(found);
        else checkText(found);
      } catch {
        cellErrors.push({ line, name: 'MalformedResult', message: `a value of the cell is marked as a ${String(value.kind).slice('protocol-notebook/'.length)}() result but is not one` });
        continue;
      }
      entries.push({ line, ordinal: ordinal++, result: found });
      options.progress(`${label}${file}:${line}: ${found.kind === 'protocol-notebook/explore' ? `explore: ${found.seedsRun} seeds, ${found.failures.length} failing ${found.failures.length === 1 ? 'property' : 'properties'}` : `check: ${found.stats.uniqueStates} states`}`);
    }
    if (!result.ok && result.error) {
      const e = result.error;
      cellErrors.push({ line, name: e.name, message: e.message });
      options.progress(`${label}${file}:${line}: error: ${printable(e.name)}: ${printable(e.message)}`);
    }
  };
  try {
    // One request for the whole notebook, as `run` sends it; after a cell ends the kernel, the cells below that do not need it run in a fresh one.
    if (cells.length > 0) {
      await host.executeRange(cells, 0, cells.length - 1, undefined, {
        dependencies: async () => afterPrelude((await loadDependencyAnalysis()).notebookCellNeeds(notebook.cells), prelude, cells),
        onResult: (i, result) => collect(cells[i], result),
      });
    }
  } finally {
    host.dispose();
  }
  return { entries, cellErrors, skipped };
}

/**
 * The notebook's dependency analysis for the cells sent after `prelude`:
 * every cell needs the prelude (it sets the sweep overrides), so a fresh
 * kernel runs it again before the cells below a cell that ended the kernel.
 */
function afterPrelude(needs: NotebookNeeds, prelude: readonly KernelCell[], cells: readonly KernelCell[]): NotebookNeeds {
  if (prelude.length === 0) return needs;
  return {
    needsOf(position) {
      const by = cells[position].index;
      const above = prelude.slice(0, Math.min(position, prelude.length));
      if (position < prelude.length) return { needed: above.map((cell) => cell.index), reasons: above.map(() => ({ name: SWEEP_OVERRIDES_GLOBAL, by })) };
      const own = needs.needsOf(position - prelude.length);
      if (!own) return undefined;
      return { needed: [...prelude.map((cell) => cell.index), ...own.needed], reasons: [...prelude.map(() => ({ name: SWEEP_OVERRIDES_GLOBAL, by })), ...own.reasons] };
    },
  };
}

/**
 * Cells have no clock (runs must be reproducible), so a result made in the
 * kernel reports no wall time: take the cell's duration, measured by the kernel host.
 */
function withWallTime<T extends ExploreResult | CheckResult>(result: T, cellMs: number): T {
  if (result.stats.wallMs > 0 || cellMs <= 0) return result;
  if (result.kind === 'protocol-notebook/explore') return { ...result, stats: { ...result.stats, wallMs: cellMs, runsPerSecond: Math.round((result.seedsRun / cellMs) * 1000) } };
  const rate = (states: number) => Math.round((states / cellMs) * 1000);
  const perWorker = result.stats.perWorker?.map((w) => ({ ...w, statesPerSecond: rate(w.uniqueStates) }));
  return { ...result, stats: { ...result.stats, wallMs: cellMs, statesPerSecond: rate(result.stats.uniqueStates), ...(perWorker ? { perWorker } : {}) } };
}

/** How a report is written: `json` instead of text; `timings` adds the wall-clock figures to the JSON; `boundedOk` exits 0 on a bounded check. */
export interface EmitOptions {
  json: boolean;
  junit?: string;
  timings?: boolean;
  boundedOk?: boolean;
  /** How many calls of the other kind (check() under explore, and the reverse) were skipped, to say so. */
  skipped?: number;
}

/** Prints a report as text (or JSON), writes JUnit if asked, and returns the exit code. */
export function emitReport(report: SweepReport, options: EmitOptions): number {
  const { json, junit } = options;
  if (json) {
    // Wall-clock figures differ from run to run: the report leaves them out, unless asked for, and then in a section of their own.
    const { report: steady, timings } = withoutTimings(report);
    console.log(JSON.stringify(options.timings ? { ...steady, timings } : steady));
  } else {
    for (const entry of report.entries) {
      const [first, ...rest] = entry.result.kind === 'protocol-notebook/explore' ? exploreText(entry.result, { timeline: true }) : checkText(entry.result);
      const lines = [`${report.file}:${entry.line}: ${first}`, ...rest];
      for (const line of lines) console.log(line);
    }
    for (const e of report.cellErrors) console.log(`${report.file}:${e.line}: error: ${printable(e.name)}: ${printable(e.message)}`);
    const failed = report.entries.filter((e) => !e.result.ok).length;
    const bounded = boundedEntries(report).length;
    const verdict = !report.ok ? 'FAILED' : bounded > 0 ? 'BOUNDED' : 'ok';
    const boundedNote = bounded > 0 ? `, ${bounded} bounded (no violation within the bound: not a proof${options.boundedOk ? '' : `; exit ${reportExitCode({ ...report, ok: true })}`})` : '';
    const other = report.command === 'check' ? 'explore()' : 'check()';
    const skippedNote = options.skipped ? `; ${options.skipped} ${other} ${options.skipped === 1 ? 'call' : 'calls'} skipped (run \`protocol-notebook ${report.command === 'check' ? 'explore' : 'check'}\` for ${options.skipped === 1 ? 'it' : 'them'})` : '';
    console.log(`${verdict}: ${report.entries.length} ${report.command === 'check' ? 'checks' : 'sweeps'} (${failed} failing${boundedNote}), ${report.cellErrors.length} failing cells${skippedNote}`);
  }
  if (junit) writeFileSync(junit, junitReport(report));
  return reportExitCode(report, options.boundedOk);
}


/** Runs the command; resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('explore', usage, args, {
    seeds: { type: 'string' },
    workers: { type: 'string' },
    shard: { type: 'string' },
    json: { type: 'boolean', default: false },
    timings: { type: 'boolean', default: false },
    junit: { type: 'string' },
    timeout: { type: 'string' },
    'step-budget': { type: 'string' },
    ...NO_TYPECHECK_OPTION,
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const seeds = wholeNumber(values.seeds);
  const workers = wholeNumber(values.workers);
  const timeout = wholeNumber(values.timeout);
  const stepBudget = wholeNumber(values['step-budget']);
  const shard: Shard | undefined = values.shard === undefined ? undefined : parseShard(values.shard);
  const problem =
    positionals.length !== 1 ? (positionals.length ? 'give one notebook file' : 'no notebook file given')
    : seeds === null ? '--seeds takes a whole number'
    : workers === null || workers === 0 ? '--workers takes a whole number of at least 1'
    : timeout === null || stepBudget === null ? '--timeout and --step-budget take whole numbers'
    : values.shard !== undefined && !shard ? '--shard takes i/n with 1 <= i <= n, e.g. --shard 2/4'
    : undefined;
  if (problem) {
    return usageError('explore', usage, problem);
  }
  const file = positionals[0];
  const notebook = readNotebook(file);
  if (typeof notebook === 'string') {
    console.error(`protocol-notebook explore: ${notebook}`);
    return 2;
  }
  const stop = await typecheckFirst(file, values['no-typecheck']);
  if (stop !== undefined) return stop;
  const count = workers ?? Math.min(4, availableParallelism());
  const options: NotebookRunOptions = { timeoutMs: timeout ?? DEFAULT_TIMEOUT_MS, stepBudget: stepBudget ?? 0, progress: (line) => console.error(line) };
  let finished = 0;
  let skipped = 0;
  const parts = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const overrides: SweepOverrides = { ...(typeof seeds === 'number' ? { seeds } : {}), ...(shard ? { shard } : {}), worker: { index, count }, skip: 'check' };
      const part = await collectResults(notebook, file, overrides, options, count > 1 ? `[worker ${index + 1}/${count}] ` : '');
      finished++;
      console.error(`explore: ${progressBar(finished, count)} ${finished}/${count} workers done`);
      skipped = part.skipped;
      return sweepReport('explore', file, shard ? [shard] : [], part.entries.filter((e) => e.result.kind === 'protocol-notebook/explore'), part.cellErrors);
    }),
  );
  return emitReport(mergeSweepReports(parts), { json: values.json, junit: values.junit, timings: values.timings, skipped });
}

function progressBar(done: number, total: number, width = 20): string {
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
