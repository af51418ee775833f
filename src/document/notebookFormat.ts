/**
 * The data model of a `*.protocol.md` file once split into cells, and the
 * formatting facts kept beside each cell so that writing it back reproduces the
 * file byte for byte. Plain JSON-safe data: VS Code stores it as cell and
 * notebook metadata, and the CLI and the analysis read it without VS Code.
 */

/** The notebook type registered with VS Code for `*.protocol.md` files. */
export const NOTEBOOK_TYPE = 'protocol-notebook';

/** The language id of code cells. */
export const CODE_LANGUAGE = 'typescript';

/**
 * The language id code cells open with in the editor: TypeScript under a name
 * of its own. VS Code's built-in TypeScript features claim `typescript` cells
 * and check each cell alone (false "cannot find name/module" errors); this id
 * leaves the cells to the extension's language features, which check the
 * notebook as one program. The file still says ```ts.
 */
export const EDITOR_CODE_LANGUAGE = 'protocol-typescript';

/** The languages of a code cell that is part of the notebook's program (a user may switch a cell to plain `typescript`). */
export const CODE_CELL_LANGUAGES: readonly string[] = [EDITOR_CODE_LANGUAGE, CODE_LANGUAGE];

/** A line terminator as found in a file. */
export type LineEnding = '\n' | '\r\n' | '\r';

/**
 * How one cell was written in the file. Every field is optional: a cell added
 * in the editor has none and is written in the default style.
 */
export interface CellFormat {
  /**
   * The exact text between the previous cell and this one: the previous cell's
   * last line ending followed by any blank lines. Always starts with a line ending.
   */
  separator?: string;
  /** Code cells: the opening fence line as written, e.g. "```ts" or "~~~~typescript title". */
  fence?: string;
  /** Code cells: the closing fence line as written; `null` when the fence was never closed. */
  closingFence?: string | null;
  /**
   * The cell's exact text, kept only when its canonical form (the source with
   * the notebook's line ending, between `fence` and `closingFence`) would differ
   * from the file: mixed line endings, an empty line before a closing fence, ….
   * Used while the cell's source is unchanged.
   */
  raw?: string;
}

/** How the whole file was written: what lies outside the cells. */
export interface NotebookFormat {
  /** The file started with a UTF-8 byte order mark. */
  bom?: boolean;
  /** The file's dominant line ending, used for edited and new cells. */
  eol?: LineEnding;
  /** Blank lines before the first cell (all whole lines when there is no cell). */
  leading?: string;
  /**
   * The text after the last cell: its last line ending and any blank lines.
   * In a file with no cell, its last line when that has no terminator, else
   * `null` so that cells added later end with the default line ending.
   */
  trailing?: string | null;
}

/** One cell: a Markdown block or a ```ts code block. `source` uses "\n" line endings. */
export interface ParsedCell {
  kind: 'markdown' | 'code';
  source: string;
  /** `typescript` for code cells, `markdown` for Markdown cells. */
  language: string;
  metadata: CellFormat;
}

/** A parsed notebook file: its cells in order and the file-level formatting. */
export interface ParsedNotebook {
  cells: ParsedCell[];
  metadata?: NotebookFormat;
}
