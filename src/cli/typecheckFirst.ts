/**
 * Before `run`, `explore` and `check` run a notebook, its cells are
 * type-checked as the editor checks them (one program): a type error is
 * reported at its `file:line:col` and nothing runs. `--no-typecheck` skips
 * this. Where the checker cannot be loaded (a build without the lint bundle
 * or the API declarations beside the command), it says so and goes on.
 */
import { readFileSync } from 'node:fs';
import { decodeNotebookBytes } from '../document';
import { API_NOT_FOUND, findProtocolApi } from '../analysis/protocolApi';
import { loadTypeChecker } from './commands/index';

/** The option every running command takes. */
export const NO_TYPECHECK_OPTION = { 'no-typecheck': { type: 'boolean', default: false } } as const;

export const NO_TYPECHECK_USAGE = '  --no-typecheck      run without type-checking the notebook first';

/**
 * Type-checks `file` unless `skip`: prints each type error (to stdout, as
 * verdicts are) and returns the exit code to stop with (1), or undefined to go on.
 */
export async function typecheckFirst(file: string, skip: boolean): Promise<number | undefined> {
  if (skip) return undefined;
  let errors: string[];
  try {
    // Asked here first, so that a build without them does not load TypeScript only to hear the same.
    if (!findProtocolApi()) throw new Error(API_NOT_FOUND);
    const checker = await loadTypeChecker();
    errors = checker.notebookTypeErrors(decodeNotebookBytes(readFileSync(file), file), file);
  } catch (error) {
    console.error(`protocol-notebook: the notebook was not type-checked (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
  if (errors.length === 0) return undefined;
  for (const line of errors) console.log(line);
  console.log(`FAILED: ${errors.length} type ${errors.length === 1 ? 'error' : 'errors'}, nothing was run (--no-typecheck runs anyway)`);
  return 1;
}
