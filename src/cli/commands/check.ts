/**
 * `protocol-notebook check FILE.protocol.md [--json] [--junit FILE]`: runs a
 * notebook's cells through the kernel, as `run` does, and reports every
 * `check()` (exhaustive model checking) result: states explored, depth,
 * speed, each property's verdict and shortest counterexample.
 *
 * Exit code: 0 every property held (a proof within the model), 1 a property
 * failed or a cell failed, 2 usage or input error, 4 no property failed but
 * the search was bounded (some verdict unknown; `--bounded-ok` makes it 0).
 */
import { parseCommandArgs, usageError, wholeNumber } from '../commandArgs';
import { NO_TYPECHECK_OPTION, typecheckFirst } from '../typecheckFirst';
import { sweepReport } from '../../check/explore/sweepReport';
import { collectResults, emitReport, readNotebook } from './explore';

const DEFAULT_TIMEOUT_MS = 600_000;

const usage = `usage: protocol-notebook check FILE.protocol.md [options]

Runs the notebook's cells as \`run\` does (but explore() calls return at once,
skipped, and are counted in the summary) and reports every check(): states
explored, depth reached, states per second, and each property's verdict with
its shortest counterexample (or the lasso of a liveness failure).

options:
  --json            print one JSON report instead of text; the same bytes for the same
                    notebook (wall-clock figures are left out)
  --timings         with --json, add the wall-clock figures, in a \`timings\` section of their own
  --bounded-ok      exit 0, not 4, when nothing failed but the search was bounded
  --coverage        count coverage in every check(), as with \`coverage: true\`: each handler's
                    transitions and new states, and the handlers that never ran (slower)
  --junit FILE      also write a JUnit XML report (one test case per property)
  --timeout MS      wall-clock limit per cell (default ${DEFAULT_TIMEOUT_MS})
  --step-budget N   loop iterations + function calls a cell may make (default 0: no limit)
  --no-typecheck    run without type-checking the notebook first (type errors stop it, exit 1)

Exit code: 0 every property held, 1 a property failed or a cell failed,
2 usage or input error, 4 nothing failed but the search was bounded (depth or
maxStates reached: some verdict is unknown, not a proof).`;

/** Runs the command; resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('check', usage, args, {
    json: { type: 'boolean', default: false },
    timings: { type: 'boolean', default: false },
    'bounded-ok': { type: 'boolean', default: false },
    coverage: { type: 'boolean', default: false },
    junit: { type: 'string' },
    timeout: { type: 'string' },
    'step-budget': { type: 'string' },
    ...NO_TYPECHECK_OPTION,
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const timeout = wholeNumber(values.timeout);
  const stepBudget = wholeNumber(values['step-budget']);
  if (positionals.length !== 1 || timeout === null || stepBudget === null) {
    return usageError('check', usage, positionals.length !== 1 ? 'give one notebook file' : '--timeout and --step-budget take whole numbers');
  }
  const file = positionals[0];
  const notebook = readNotebook(file);
  if (typeof notebook === 'string') {
    console.error(`protocol-notebook check: ${notebook}`);
    return 2;
  }
  const stop = await typecheckFirst(file, values['no-typecheck']);
  if (stop !== undefined) return stop;
  const { entries, cellErrors, skipped } = await collectResults(notebook, file, { skip: 'explore', ...(values.coverage ? { coverage: true } : {}) }, { timeoutMs: timeout ?? DEFAULT_TIMEOUT_MS, stepBudget: stepBudget ?? 0, progress: (line) => console.error(line) });
  const checks = entries.filter((e) => e.result.kind === 'protocol-notebook/check');
  return emitReport(sweepReport('check', file, [], checks, cellErrors), { json: values.json, junit: values.junit, timings: values.timings, boundedOk: values['bounded-ok'], skipped });
}
