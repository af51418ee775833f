/**
 * What the kernel (a worker thread running cells) and its host exchange.
 * Plain data only: these cross a thread boundary with structured clone.
 */

/** MIME types of the outputs a cell produces. */
export const MIME = {
  /** A simulation run: `{ trace: Trace, summary: ... }` — drawn as a sequence chart. */
  run: 'application/vnd.protocol-notebook.run+json',
  /** Any other value a cell shows, encoded as JSON (Map/Set tagged, see traceFormat.ts). */
  value: 'application/vnd.protocol-notebook.value+json',
  /** An error in a cell, with its position in the cell. */
  error: 'application/vnd.protocol-notebook.error+json',
  /** A running seed sweep's progress (`SweepProgress`), replaced by the cell's result when it ends. */
  progress: 'application/vnd.protocol-notebook.progress+json',
} as const;

/** A cell as the kernel sees it. `index` is the cell's position among all cells of the notebook. */
export interface KernelCell {
  id: string;
  index: number;
  source: string;
}

/** A position inside a cell: 0-based line and column, as VS Code uses. */
export interface CellPosition {
  cellId: string;
  line: number;
  column: number;
}

export interface CellError {
  name: string;
  message: string;
  /** Where in the user's cell it happened (source-mapped), when known. */
  position?: CellPosition;
  /** The stack with sandbox frames removed and cell positions mapped. */
  stack?: string;
  /** Why the kernel stopped the cell, when it did. */
  stoppedBy?: 'step-budget' | 'timeout' | 'memory' | 'cancelled' | 'worker-crash';
}

/** One output item of a cell: a MIME type and its data, plus a plain-text/Markdown fallback. */
export interface CellOutput {
  mime: string;
  data: unknown;
  text: string;
  markdown?: string;
}

export interface CellResult {
  cellId: string;
  ok: boolean;
  outputs: CellOutput[];
  /** Lines written with console.log / ctx.log outside runs. */
  logs: string[];
  error?: CellError;
  /** Cells re-run first because this cell depends on them (their ids). */
  replayed?: string[];
  durationMs: number;
}
