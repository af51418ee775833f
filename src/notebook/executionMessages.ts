/**
 * The words the controller shows around a cell's results: why a cell was
 * stopped, which cells were re-run first (and skipped), how many type errors
 * the cell has, and why nothing runs in Restricted Mode. Plain functions (no vscode import) so they are unit-tested directly.
 */
import type { CellError } from '../common/kernelMessages';

/** A message in the two forms an output carries. */
export interface OutputMessage {
  text: string;
  markdown: string;
}

/**
 * "cells 1–3 and 5" for [1, 2, 3, 5]: 1-based cell numbers, runs of
 * consecutive numbers as ranges.
 */
export function describeCellNumbers(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    ranges.push(j === i ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  const list = ranges.length > 1 ? `${ranges.slice(0, -1).join(', ')} and ${ranges[ranges.length - 1]}` : (ranges[0] ?? '');
  return `${sorted.length === 1 ? 'cell' : 'cells'} ${list}`;
}

/**
 * The note above a cell's results when the kernel re-ran cells above it
 * first, and which cells above it left out because this cell does not use them.
 */
export function replayNote(cellNumbers: readonly number[], skippedNumbers: readonly number[] = []): OutputMessage {
  const why = 'the kernel did not hold their current definitions';
  const ran = cellNumbers.length > 0 ? `Re-ran ${describeCellNumbers(cellNumbers)} first (${why})` : 'Re-ran no cell above';
  const skipped = skippedNumbers.length > 0 ? `; skipped ${describeCellNumbers(skippedNumbers)}, which this cell does not use` : '';
  return { text: `${ran}${skipped}.`, markdown: `*${ran}${skipped}.*` };
}

/** The setting that decides whether a cell with type errors runs. */
export const onTypeErrorsSetting = 'protocolNotebook.run.onTypeErrors';

/** "2 type errors in this cell", above its results (`ran`), or as the reason it did not run. */
export function typeErrorNote(count: number, ran: boolean): OutputMessage {
  const errors = `${count} type ${count === 1 ? 'error' : 'errors'} in this cell`;
  const where = 'see the red squiggles or the Problems view';
  if (ran) {
    return {
      text: `⚠ ${errors} (${where}); it ran anyway. To stop such cells instead, set ${onTypeErrorsSetting} to "stop".`,
      markdown: `⚠ **${errors}** (${where}); it ran anyway. To stop such cells instead, set \`${onTypeErrorsSetting}\` to \`"stop"\`.`,
    };
  }
  return {
    text: `Not run: ${errors} (${where}). To run such cells anyway, set ${onTypeErrorsSetting} to "run".`,
    markdown: `**Not run: ${errors}** (${where}). To run such cells anyway, set \`${onTypeErrorsSetting}\` to \`"run"\`.`,
  };
}

const stopHeadlines: Record<NonNullable<CellError['stoppedBy']>, string> = {
  'step-budget': 'Stopped: the cell ran out of its step budget',
  timeout: 'Stopped: the cell ran out of time',
  memory: 'Stopped: the cell ran out of memory',
  cancelled: 'Stopped: the run was cancelled',
  'worker-crash': 'Stopped: the kernel crashed',
};

/** After a timeout, memory exhaustion, cancellation or crash the host has killed the worker. */
const restartedNote =
  'The kernel was restarted, so earlier definitions are gone; running a cell re-runs the cells above it first.';
/** The step budget stops the cell inside a live kernel, deterministically; nothing is lost. */
const keptNote = 'The kernel was not restarted: what the cells above defined is still there, so the next cell runs as usual.';

/**
 * The error message shown for a cell the kernel stopped: what stopped it, the
 * kernel's own detail, and whether the kernel was restarted.
 */
export function stoppedMessage(error: CellError & { stoppedBy: NonNullable<CellError['stoppedBy']> }): string {
  const detail = error.message.replace(/\s*The kernel was restarted\.?$|;? the kernel was restarted\.?$/i, '.');
  const note = error.stoppedBy === 'step-budget' ? keptNote : restartedNote;
  return `${stopHeadlines[error.stoppedBy]}. ${detail} ${note}`.replace(/\.\./g, '.');
}

/** Why a cell did not run in an untrusted workspace, and how to let it run. */
export const restrictedModeMessage =
  'This cell was not run: the workspace is in Restricted Mode. Running a Protocol Notebook cell executes the code in it, ' +
  'so cells run only in a trusted workspace. To run it, trust this folder: click "Restricted Mode" in the status bar, ' +
  'or run "Workspaces: Manage Workspace Trust" from the Command Palette and choose "Trust".';
