/**
 * `protocol-notebook run FILE.protocol.md [--seed N] [--json]`: runs a
 * notebook's code cells in order, through the same kernel as the editor,
 * and prints each simulation's verdicts and each failing cell's error at its
 * `file:line:col`. Exit code 0 when every cell ran and every property held,
 * 1 when a property was violated or a cell failed, 2 on a usage or input error.
 */
import { NO_TYPECHECK_OPTION, NO_TYPECHECK_USAGE, typecheckFirst } from '../typecheckFirst';
import { parseCommandArgs, usageError, wholeNumber } from '../commandArgs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNotebookBytes, NotebookFormatError } from '../../document';
import { MIME, type CellError, type CellResult } from '../../common/kernelMessages';
import { printable } from '../../common/printableText';
import { KernelHost, KERNEL_DEFAULTS } from '../../kernel/host';
import { notebookCells, type NotebookCells } from '../../kernel/notebookFile';
import { loadDependencyAnalysis } from './index';
import { drawsCounterexample, type RunOutputData } from '../../kernel/cellOutputs';
import { decodeValue } from '../../common/valueEncoding';
import type { JsonValue } from '../../common/traceFormat';
import { CHECK_BRAND, EXPLORE_BRAND, checkText, exploreText } from '../../check/explore/resultText';
import type { ExploreResult } from '../../check/explore/types';
import type { CheckResult } from '../../check/modelCheck/types';

/**
 * The wall-clock limit per cell: that of \`explore\` and \`check\`, not the
 * editor's 30 s, so that a cell that model-checks or sweeps seeds fits.
 */
const DEFAULT_TIMEOUT_MS = 600_000;

const usage = `usage: protocol-notebook run FILE.protocol.md [options]

Runs the notebook's code cells in order, as the editor's kernel does, and prints
each simulation's verdicts and each failing cell's error at FILE:LINE:COL.

options:
  --seed N            run every simulation with seed N instead of the seed in its cell
  --json              print one JSON report instead of text
  --step-budget N     loop iterations + function calls a cell may make (default ${KERNEL_DEFAULTS.stepBudget}; 0 = no limit)
  --timeout MS        wall-clock limit per cell (default ${DEFAULT_TIMEOUT_MS}, as explore and check)
  --memory MB         heap limit of the kernel (default ${KERNEL_DEFAULTS.memoryMb})
${NO_TYPECHECK_USAGE} (type errors stop it, exit 1)

Exit code: 0 every cell ran and every property held, 1 a property was violated or a cell failed, 2 usage or input error.`;

/** An explore() or check() result a cell showed, as verdicts per property. */
interface SweepReport {
  kind: 'explore' | 'check';
  ok: boolean;
  /**
   * Per property: for explore, `fail` when some seed broke it (`seeds` counts
   * them) and `pass` when none did; for check, the model checker's verdict.
   */
  verdicts: { name: string; status: 'pass' | 'fail' | 'unknown'; message?: string; seeds?: number }[];
  /** The report as the explore and check commands print it. */
  text: string[];
}

/** One cell's part of the report. */
interface CellReport {
  /** 1-based line of the cell's first source line in the file. */
  line: number;
  ok: boolean;
  runs: Pick<RunOutputData, 'seed' | 'ok' | 'verdicts' | 'stats' | 'error' | 'idempotency'>[];
  /** The cell's explore() and check() results (their counterexample charts are not counted as runs). */
  sweeps: SweepReport[];
  logs: string[];
  error?: CellError & { location?: string };
}

/** Runs the command; resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('run', usage, args, {
    seed: { type: 'string' },
    json: { type: 'boolean', default: false },
    'step-budget': { type: 'string' },
    timeout: { type: 'string' },
    memory: { type: 'string' },
    ...NO_TYPECHECK_OPTION,
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const numbers = {
    seed: wholeNumber(values.seed),
    stepBudget: wholeNumber(values['step-budget']),
    timeoutMs: wholeNumber(values.timeout),
    memoryMb: wholeNumber(values.memory),
  };
  const bad = Object.entries(numbers).find(([, n]) => n === null);
  if (positionals.length !== 1 || bad) {
    const problem = bad ? `--${bad[0]} takes a whole number` : positionals.length ? 'give one notebook file' : 'no notebook file given';
    return usageError('run', usage, problem);
  }
  const file = positionals[0];
  let notebook: NotebookCells;
  try {
    notebook = notebookCells(decodeNotebookBytes(readFileSync(file), file));
  } catch (error) {
    const reason = error instanceof NotebookFormatError ? error.message : `cannot read ${file}: ${(error as Error).message}`;
    console.error(`protocol-notebook run: ${reason}`);
    return 2;
  }
  const stop = await typecheckFirst(file, values['no-typecheck']);
  if (stop !== undefined) return stop;

  const host = new KernelHost({
    workerScript: join(__dirname, 'kernelWorker.js'),
    seed: numbers.seed ?? undefined,
    stepBudget: numbers.stepBudget ?? undefined,
    timeoutMs: numbers.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    memoryMb: numbers.memoryMb ?? undefined,
  });
  const reports: CellReport[] = [];
  try {
    // One request for the whole notebook: the results stream back, a round trip for all rather than one per cell.
    if (notebook.cells.length > 0) {
      await host.executeRange(notebook.cells, 0, notebook.cells.length - 1, undefined, {
        // Loaded only once a cell ends the kernel: then the cells below that do not need it still run.
        dependencies: async () => (await loadDependencyAnalysis()).notebookCellNeeds(notebook.cells),
        onResult: (i, result) => {
          const report = cellReport(result, notebook, file, notebook.cells[i].index);
          reports.push(report);
          if (!values.json) printCell(report, file);
        },
      });
    }
  } finally {
    host.dispose();
  }

  const ok = reports.every((r) => r.ok && r.runs.every((run) => run.ok) && r.sweeps.every((sweep) => sweep.ok));
  if (values.json) {
    console.log(JSON.stringify({ file, ok, seed: numbers.seed ?? undefined, cells: reports }, null, 2));
  } else {
    const runs = reports.flatMap((r) => r.runs);
    const sweeps = reports.flatMap((r) => r.sweeps);
    const failedCells = reports.filter((r) => !r.ok).length;
    const sweepPart = sweeps.length > 0 ? `, ${sweeps.length} explore/check (${sweeps.filter((s) => !s.ok).length} failing)` : '';
    console.log(
      `${ok ? 'ok' : 'FAILED'}: ${reports.length} cells, ${runs.length} simulations` +
        ` (${runs.filter((r) => !r.ok).length} with violations)${sweepPart}, ${failedCells} failing cells`,
    );
  }
  return ok ? 0 : 1;
}

function cellReport(result: CellResult, notebook: NotebookCells, file: string, index: number): CellReport {
  const runs: CellReport['runs'] = [];
  const sweeps: SweepReport[] = [];
  // An explore() or check() result with a failure is followed by the chart of its first counterexample: part of the sweep, not a run of its own.
  let counterexampleChartNext = false;
  for (const output of result.outputs) {
    if (output.mime === MIME.run) {
      if (counterexampleChartNext) {
        counterexampleChartNext = false;
        continue;
      }
      const run = output.data as RunOutputData;
      runs.push({ seed: run.seed, ok: run.ok, verdicts: run.verdicts, stats: run.stats, error: run.error, idempotency: run.idempotency });
    } else if (output.mime === MIME.value) {
      const sweep = sweepReportOf(output.data as JsonValue);
      if (!sweep) continue;
      sweeps.push(sweep.report);
      counterexampleChartNext = sweep.hasChart;
    }
  }
  const report: CellReport = { line: notebook.firstLineOf(index) + 1, ok: result.ok, runs, sweeps, logs: result.logs };
  if (result.error) report.error = locateError(result.error, notebook, file);
  return report;
}

/**
 * The verdicts of a value a cell showed, when it is an explore() or check()
 * result. A cell can make any value: one that only carries the brand is reported as not a result.
 */
function sweepReportOf(data: JsonValue): { report: SweepReport; hasChart: boolean } | undefined {
  try {
    return readSweepReport(data);
  } catch {
    return { report: { kind: 'explore', ok: false, verdicts: [{ name: 'a value marked as an explore() or check() result that is not one', status: 'fail' }], text: ['a value marked as an explore() or check() result that is not one'] }, hasChart: false };
  }
}

function readSweepReport(data: JsonValue): { report: SweepReport; hasChart: boolean } | undefined {
  const value = decodeValue(data) as { kind?: unknown } | null;
  if (value?.kind === EXPLORE_BRAND) {
    const result = value as ExploreResult;
    const failures = new Map(result.failures.map((f) => [f.property, f]));
    const names = [...result.properties, ...result.failures.map((f) => f.property).filter((name) => !result.properties.includes(name))];
    const verdicts = names.map((name) => {
      const failure = failures.get(name);
      return failure ? { name, status: 'fail' as const, message: failure.message, seeds: failure.seeds.length } : { name, status: 'pass' as const };
    });
    return { report: { kind: 'explore', ok: result.ok, verdicts, text: exploreText(result) }, hasChart: drawsCounterexample(value) };
  }
  if (value?.kind === CHECK_BRAND) {
    const result = value as CheckResult;
    const verdicts = result.verdicts.map((v) => ({ name: v.name, status: v.status, ...(v.message ? { message: v.message } : {}) }));
    return { report: { kind: 'check', ok: result.ok, verdicts, text: checkText(result) }, hasChart: drawsCounterexample(value) };
  }
  return undefined;
}

/** Rewrites cell positions (in the error and its stack) as FILE:LINE:COL. */
function locateError(error: CellError, notebook: NotebookCells, file: string): CellError & { location?: string } {
  const at = (cellNumber: number, line: number, column: number) => `${file}:${notebook.firstLineOf(cellNumber - 1) + line}:${column}`;
  const located: CellError & { location?: string } = { ...error };
  if (error.position) {
    const cell = notebook.cells.find((c) => c.id === error.position?.cellId);
    if (cell) located.location = at(cell.index + 1, error.position.line + 1, error.position.column + 1);
  }
  if (error.stack) located.stack = error.stack.replace(/cell (\d+), line (\d+), col (\d+)/g, (_m, c: string, l: string, col: string) => at(Number(c), Number(l), Number(col)));
  return located;
}

function printCell(report: CellReport, file: string): void {
  // Each line of a log is marked as the cell's, so no log can pass for a line of the runner's own.
  for (const log of report.logs) for (const line of log.split('\n')) console.log(`${file}:${report.line}: log: ${printable(line)}`);
  for (const run of report.runs) {
    const failed = run.verdicts.filter((v) => v.status === 'fail');
    console.log(`${file}:${report.line}: simulation seed ${run.seed}: ${run.ok ? 'ok' : 'FAILED'} (${run.stats.events} events, ${run.stats.deliveries} deliveries)`);
    for (const v of run.verdicts) {
      const mark = v.status === 'pass' ? '✓' : v.status === 'fail' ? '✗' : '?';
      const where = [v.at !== undefined ? `t=${v.at}` : '', v.violatingEvent !== undefined ? `event ${v.violatingEvent}` : ''].filter(Boolean).join(', ');
      const detail = v.status === 'fail' ? ` — ${printable(v.message ?? 'violated')}${where ? ` (${where})` : ''}` : '';
      console.log(`  ${mark} ${printable(v.name)}${detail}`);
    }
    if (!run.ok && failed.length === 0) console.log(`  ✗ the run ended with a handler error${run.error ? `: ${printable(run.error.name)}: ${printable(run.error.message)}` : ''}`);
    for (const finding of run.idempotency ?? []) console.log(`  ⚠ ${printable(finding.handler)} is not idempotent: ${printable(finding.witness)}`);
  }
  for (const sweep of report.sweeps) {
    const [first, ...rest] = sweep.text;
    console.log(`${file}:${report.line}: ${first}`);
    for (const line of rest) console.log(line);
  }
  const error = report.error;
  if (error) {
    console.log(`${error.location ?? `${file}:${report.line}`}: error: ${printable(error.name)}: ${printable(error.message)}`);
    const frames = error.stack?.split('\n').slice(1) ?? [];
    for (const frame of frames) console.log(`    ${printable(frame.trim())}`);
  }
}
