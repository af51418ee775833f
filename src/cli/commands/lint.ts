/**
 * `protocol-notebook lint FILE…`: the editor's static idempotency analysis,
 * headless for CI. Prints each finding as
 * `file:line:col: warning: message [non-idempotent-handler]` (lines and
 * columns of the `.protocol.md` file, 1-based), with the fix in words on the
 * line below it, and exits 1 when there is any.
 */
import { parseCommandArgs, usageError } from '../commandArgs';
import { readFileSync } from 'node:fs';
import { decodeNotebookBytes, NotebookFormatError } from '../../document';
import { notebookTextCells } from '../../analysis/notebookTextCells';
import { fixAdvice } from '../../analysis/idempotency/fixAdvice';
import { idempotencyFindings } from '../../analysis/idempotency/idempotencyFindings';
import { createNotebookProgram, type NotebookProgram } from '../../analysis/notebookProgram';
import { API_NOT_FOUND, findProtocolApi } from '../../analysis/protocolApi';
import { typeDiagnostics } from '../../analysis/languageFeatures/typeDiagnostics';
import { exportedValueNames } from '../../analysis/languageFeatures/kernelGlobals';
import { notebookDependencies, type DependencyCell } from '../../analysis/cellDependencies';
import type { NotebookNeeds } from '../../common/cellNeeds';

const usage = `usage: protocol-notebook lint FILE.protocol.md…

Analyses each notebook's message handlers, as the editor does while you type,
and prints every expression a duplicate delivery would apply again as
FILE:LINE:COL: warning: MESSAGE [non-idempotent-handler], followed by a line
  fix: WHAT TO DO
Silence a handler that is idempotent for reasons the analysis cannot see with
a \`// protocol-notebook: idempotent\` comment above it.

Exit code: 0 no findings, 1 findings, 2 usage or input error.`;

/** The findings of one notebook's text, formatted for `fileName`: the warning line, then the fix in words on the next. */
export function lintNotebookText(text: string, fileName: string, program: NotebookProgram = createNotebookProgram()): string[] {
  const notebook = notebookTextCells(text);
  program.update(notebook.cells);
  return idempotencyFindings(program).map((f) => {
    const line = notebook.firstLineOf(f.cellIndex) + f.range.start.line + 1;
    return `${fileName}:${line}:${f.range.start.character + 1}: warning: ${f.message} [${f.code}]\n  fix: ${fixAdvice(f.nodeKind)}`;
  });
}

/**
 * The syntax and type errors of a notebook's code cells, checked as the
 * editor checks them (one program, cells in order, with the API), as
 * `file:line:col: error: message [TS2322]` lines. Used by `run`, `explore`
 * and `check` before they run anything. Throws when the API's declarations
 * are not found (then there is nothing to check against).
 */
export function notebookTypeErrors(text: string, fileName: string, program?: NotebookProgram): string[] {
  if (!findProtocolApi()) throw new Error(API_NOT_FOUND);
  const notebook = notebookTextCells(text);
  const own = program ?? createNotebookProgram();
  try {
    own.update(notebook.cells);
    return typeDiagnostics(own)
      .filter((d) => d.severity === 'error')
      .map((d) => `${fileName}:${notebook.firstLineOf(d.cellIndex) + d.range.start.line + 1}:${d.range.start.character + 1}: error: ${d.message.split('\n')[0]} [TS${d.code}]`);
  } finally {
    if (!program) own.dispose();
  }
}

/**
 * Which cells each of a notebook's code cells needs (src/analysis/cellDependencies.ts),
 * with the API's names where its declarations are found (without them, a call
 * to the API counts as one that may change its arguments: more cells are
 * needed, never fewer). Used by `run` after a cell ends the kernel.
 */
export function notebookCellNeeds(cells: readonly DependencyCell[]): NotebookNeeds {
  const api = findProtocolApi();
  return notebookDependencies(cells, api ? exportedValueNames(api.entry, readFileSync(api.entry, 'utf8')) : []);
}

/** Runs the command; resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('lint', usage, args, {});
  if (typeof parsed === 'number') return parsed;
  const files = parsed.positionals;
  if (files.length === 0) return usageError('lint', usage, 'no notebook files given');
  const program = createNotebookProgram();
  let findings = 0;
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = decodeNotebookBytes(readFileSync(file));
    } catch (error) {
      const reason = error instanceof NotebookFormatError || error instanceof Error ? error.message : String(error);
      console.error(`protocol-notebook lint: ${file}: ${reason}`);
      failed = true;
      continue;
    }
    const lines = lintNotebookText(text, file, program);
    for (const line of lines) console.log(line);
    findings += lines.length;
  }
  if (failed) return 2;
  return findings > 0 ? 1 : 0;
}
