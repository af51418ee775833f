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
import { KernelHost, KERNEL_DEFAULTS } from '../../kernel/host';
import { notebookCells, type NotebookCells } from '../../kernel/notebookFile';
import type { RunOutputData } from '../../kernel/cellOutputs';

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

/** One cell's part of the report. */
interface CellReport {
  /** 1-based line of the cell's first source line in the file. */
  line: number;
  ok: boolean;
  runs: Pick<RunOutputData, 'seed' | 'ok' | 'verdicts' | 'stats' | 'error' | 'idempotency'>[];
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
    for (let i = 0; i < notebook.cells.length; i++) {
      const result = await host.execute(notebook.cells, i);
      const report = cellReport(result, notebook, file, notebook.cells[i].index);
      reports.push(report);
      if (!values.json) printCell(report, file);
    }
  } finally {
    host.dispose();
  }

  const ok = reports.every((r) => r.ok && r.runs.every((run) => run.ok));
  if (values.json) {
    console.log(JSON.stringify({ file, ok, seed: numbers.seed ?? undefined, cells: reports }, null, 2));
  } else {
    const runs = reports.flatMap((r) => r.runs);
    const failedCells = reports.filter((r) => !r.ok).length;
    console.log(
      `${ok ? 'ok' : 'FAILED'}: ${reports.length} cells, ${runs.length} simulations` +
        ` (${runs.filter((r) => !r.ok).length} with violations), ${failedCells} failing cells`,
    );
  }
  return ok ? 0 : 1;
}

function cellReport(result: CellResult, notebook: NotebookCells, file: string, index: number): CellReport {
  const runs = result.outputs
    .filter((o) => o.mime === MIME.run)
    .map((o) => {
      const run = o.data as RunOutputData;
      return { seed: run.seed, ok: run.ok, verdicts: run.verdicts, stats: run.stats, error: run.error, idempotency: run.idempotency };
    });
  const report: CellReport = { line: notebook.firstLineOf(index) + 1, ok: result.ok, runs, logs: result.logs };
  if (result.error) report.error = locateError(result.error, notebook, file);
  return report;
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
  for (const line of report.logs) console.log(line);
  for (const run of report.runs) {
    const failed = run.verdicts.filter((v) => v.status === 'fail');
    console.log(`${file}:${report.line}: simulation seed ${run.seed}: ${run.ok ? 'ok' : 'FAILED'} (${run.stats.events} events, ${run.stats.deliveries} deliveries)`);
    for (const v of run.verdicts) {
      const mark = v.status === 'pass' ? '✓' : v.status === 'fail' ? '✗' : '?';
      const where = [v.at !== undefined ? `t=${v.at}` : '', v.violatingEvent !== undefined ? `event ${v.violatingEvent}` : ''].filter(Boolean).join(', ');
      const detail = v.status === 'fail' ? ` — ${v.message ?? 'violated'}${where ? ` (${where})` : ''}` : '';
      console.log(`  ${mark} ${v.name}${detail}`);
    }
    if (!run.ok && failed.length === 0) console.log(`  ✗ the run ended with a handler error${run.error ? `: ${run.error.name}: ${run.error.message}` : ''}`);
    for (const finding of run.idempotency ?? []) console.log(`  ⚠ ${finding.handler} is not idempotent: ${finding.witness}`);
  }
  const error = report.error;
  if (error) {
    console.log(`${error.location ?? `${file}:${report.line}`}: error: ${error.name}: ${error.message}`);
    const frames = error.stack?.split('\n').slice(1) ?? [];
    for (const frame of frames) console.log(frame);
  }
}
