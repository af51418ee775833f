/**
 * What a cell's run asks the analysis (the notebook program in the analysis
 * worker) before the kernel runs it: how many type errors the cell has, and
 * which cells above it needs. Each answer is bounded in time: a run never
 * waits long for the analysis, and without an answer it runs as it would
 * without the analysis (the cell runs; every cell above is replayed).
 */
import type * as vscode from 'vscode';
import type { LanguageFeaturesClient } from './languageFeaturesClient';

/** What the controller asks about a cell it is about to run. */
export interface CellAnalysis {
  /** The cell's type errors (warnings not counted); undefined when not known in time. */
  typeErrors(notebook: vscode.NotebookDocument, cellIndex: number): Promise<number | undefined>;
  /** Notebook indices of the cells above that the cell needs; undefined when it cannot be told. */
  dependencies(notebook: vscode.NotebookDocument, cellIndex: number): Promise<number[] | undefined>;
}

/** How long a run waits for an answer; the first check of a notebook (TypeScript starting) can take a few seconds. */
const answerWithinMs = 10_000;

/** The analysis as the controller uses it, through the language features' client. */
export function cellAnalysisOf(client: LanguageFeaturesClient): CellAnalysis {
  return {
    async typeErrors(notebook, cellIndex) {
      const found = await bounded(client.ask(notebook, { feature: 'cell-type-diagnostics', cellIndices: [cellIndex] }));
      return found?.filter((d) => d.severity === 'error' && d.cellIndex === cellIndex).length;
    },
    dependencies: (notebook, cellIndex) => bounded(client.ask(notebook, { feature: 'cell-dependencies', cellIndex })),
  };
}

/** The answer, or undefined when it fails or takes longer than answerWithinMs. */
async function bounded<T>(answer: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), answerWithinMs)));
  try {
    return await Promise.race([answer.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
