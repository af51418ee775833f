/**
 * TypeScript → JavaScript for one cell.
 *
 * Choice: sucrase. `npm run bench transpile` measures the three candidates on
 * the code cells of the project's notebooks (about 400 characters each), on
 * a busy 2-core machine:
 *
 *   sucrase transform            80–210 µs per cell   load 0.2–0.4 s   0.30 MB minified JS
 *   esbuild transformSync       0.4–2.4 ms per cell   load 0.05 s      11.4 MB native binary per platform
 *   typescript transpileModule    6–17 ms per cell    load 0.8–1.0 s   3.6 MB minified JS
 *
 * esbuild's transform is fast work but runs in a helper process (each call is
 * a round trip), and the `.vsix` would have to carry its native binary for
 * every platform or be built once per platform. TypeScript is 70–200× slower
 * per cell and slow to load in each fresh worker. Sucrase is plain JavaScript
 * bundled into the worker, the fastest in-process, and keeps every line where
 * it was (types are blanked, not removed), so error lines stay exact; its
 * source map gives the columns.
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
