/**
 * Which cells above a code cell it needs, and why, as the dependency analysis
 * (src/analysis/cellDependencies.ts) tells it: plain data, so that the
 * kernel's host can act on it without loading the analysis (which carries
 * TypeScript).
 */

/** Why one cell above is needed. */
export interface NeedReason {
  /** A name the needed cell declares or changes. */
  name: string;
  /** Notebook index of the cell that uses the name: the cell asked about, or another needed cell (needed in turn). */
  by: number;
  /** Where cell `by` first names it: 0-based line and column in that cell. */
  at?: { line: number; column: number };
}

/** The needs of one cell. */
export interface CellNeeds {
  /** Notebook indices of the cells above that it needs, ascending. */
  needed: number[];
  /** Why each of them is needed, in the same order. */
  reasons: NeedReason[];
}

/** The analysis of one notebook's code cells, asked about any of them by position (0 is the first code cell). */
export interface NotebookNeeds {
  /** Undefined when the cells do not let it be told (then every cell above is needed). */
  needsOf(position: number): CellNeeds | undefined;
}
