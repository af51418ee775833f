/**
 * From a cell's TypeScript to the script the sandbox evaluates, and back:
 * transpile (sucrase), rewrite (imports, exports, step checks), and a mapping
 * from a position in the evaluated script to the position in the cell.
 */
import { transpileCell, asSyntaxError, CellSyntaxError } from './transpile';
import { rewriteCell, CellRewriteError } from './rewriteCell';
import { LineIndex } from './textEdits';

export interface CompiledCell {
  /** The script to evaluate. */
  code: string;
  /** Names the cell declares at its top level, with their 0-based position in the cell. */
  declarations: { name: string; lexical: boolean; line: number; column: number }[];
  /** Maps a 0-based position in `code` to the 0-based position in the cell's source. */
  toCellPosition(line: number, column: number): { line: number; column: number };
}

/** A cell that does not compile: a syntax error or a forbidden import, at a 0-based cell position. */
export class CellCompileError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * Compiles one cell. `scriptId` names the script in step-budget reports;
 * `instrument: false` leaves out the step checks.
 * @throws CellCompileError when the cell does not compile.
 */
export function compileCell(source: string, scriptId: number, instrument = true): CompiledCell {
  let transpiled: ReturnType<typeof transpileCell>;
  try {
    transpiled = transpileCell(source);
  } catch (error) {
    const syntax = error instanceof CellSyntaxError ? error : asSyntaxError(error, source);
    if (syntax instanceof CellSyntaxError) throw new CellCompileError('SyntaxError', syntax.message, syntax.line, syntax.column);
    throw new CellCompileError('SyntaxError', syntax.message, 0, 0);
  }
  const jsLines = new LineIndex(transpiled.code);
  const sourcePositionOf = (offset: number) => {
    const { line, column } = jsLines.position(offset);
    return transpiled.toSource(line, column);
  };
  let rewritten: ReturnType<typeof rewriteCell>;
  try {
    rewritten = rewriteCell(transpiled.code, { scriptId, sourcePositionOf, instrument });
  } catch (error) {
    if (!(error instanceof CellRewriteError)) throw error;
    const { line, column } = sourcePositionOf(error.offset);
    throw new CellCompileError(error.name, error.message, line, column);
  }
  const scriptLines = new LineIndex(rewritten.text);
  return {
    code: rewritten.text,
    declarations: rewritten.declarations.map(({ name, lexical, offset }) => ({ name, lexical, ...sourcePositionOf(offset) })),
    toCellPosition(line, column) {
      return sourcePositionOf(rewritten.originalOffset(scriptLines.offset(line, column)));
    },
  };
}
