/**
 * TypeScript → JavaScript for one cell.
 *
 * Choice: sucrase. Measured with bench/transpile.bench.ts on realistic cells
 * (see the figures in docs/cli.md's neighbour, the bench output): sucrase and
 * esbuild's transform are both far faster than TypeScript's `transpileModule`
 * (which also costs ~9 MB in the worker bundle and a slow first call). esbuild
 * is fastest but runs as a native binary per platform, so a single `.vsix`
 * cannot carry it for every platform; sucrase is plain JavaScript, bundles
 * into the worker, and keeps every line where it was (types are blanked, not
 * removed), which keeps error lines exact even before its source map is read.
 */
import { transform } from 'sucrase';
import { TraceMap, traceSegment, type EncodedSourceMap } from '@jridgewell/trace-mapping';
import { LineIndex } from './textEdits';

export interface TranspiledCell {
  /** JavaScript, still with `import`/`export` (the rewriter handles them). */
  code: string;
  /** Maps a 0-based position in `code` to the cell source (sucrase keeps lines; columns move). */
  toSource(line: number, column: number): { line: number; column: number };
}

/** A TypeScript syntax error, with its 0-based position in the cell. */
export class CellSyntaxError extends Error {
  override name = 'SyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Transpiles a cell's TypeScript to JavaScript (ES2022, module syntax kept). */
export function transpileCell(source: string): TranspiledCell {
  let result: ReturnType<typeof transform>;
  try {
    result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      // Cells import values the rewriter resolves; only type-only imports should vanish.
      keepUnusedImports: true,
      filePath: 'cell.ts',
      sourceMapOptions: { compiledFilename: 'cell.js' },
    });
  } catch (error) {
    throw asSyntaxError(error, source);
  }
  const map = new TraceMap(result.sourceMap as EncodedSourceMap);
  return {
    code: result.code,
    toSource(line, column) {
      // Segments are [generatedColumn, source, sourceLine, sourceColumn] at token starts;
      // inside a token, keep the distance from its start.
      const segment = traceSegment(map, line, column);
      if (!segment || segment.length < 4) return { line, column };
      const [generatedColumn, , sourceLine = line, sourceColumn = generatedColumn] = segment;
      return { line: sourceLine, column: sourceColumn + (column - generatedColumn) };
    },
  };
}

/** Turns a sucrase/acorn error (which carry an offset in `pos`) into a CellSyntaxError. */
export function asSyntaxError(error: unknown, source: string): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const pos = (error as { pos?: unknown }).pos;
  if (typeof pos !== 'number') return error;
  const { line, column } = new LineIndex(source).position(pos);
  return new CellSyntaxError(error.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, ''), line, column);
}
