/**
 * What the controller sends the kernel to run one cell: every code cell up to
 * it, where a cell above that the target does not need (see
 * src/analysis/cellDependencies.ts) is sent empty, so that the kernel does not
 * replay it — one broken cell then blocks only the cells that use it. Empty
 * rather than left out: the kernel gives each cell position its own random
 * stream, so the cells that do run keep their positions, and their results
 * are those of a run from the top.
 *
 * Only cells the kernel would run anyway are left empty: what it already
 * holds (`held`, what it last ran) is sent as it was, so a cell run after the
 * one above it costs no replay. Plain data (no vscode), unit-tested directly;
 * the headless runner uses it too, after a cell ends the kernel (see rangeRecovery.ts).
 */
import type { KernelCell } from '../common/kernelMessages';

/** The cells to send and which of them were sent empty (their ids). */
export interface ReplaySelection {
  cells: KernelCell[];
  skipped: string[];
}

/**
 * `cells` are the notebook's code cells in order, `target` the position of the
 * one to run, `needed` the notebook indices of the cells above it that it
 * needs (undefined: all of them), `held` what the kernel's context holds, in
 * order (as last sent).
 */
export function selectReplay(cells: readonly KernelCell[], target: number, needed: readonly number[] | undefined, held: readonly KernelCell[]): ReplaySelection {
  const isNeeded = (cell: KernelCell) => !needed || needed.includes(cell.index);
  const selected: KernelCell[] = [];
  const skipped: string[] = [];
  // While the kernel's context agrees with what may be sent, send what it holds: it runs nothing again.
  let keeping = held.length <= target;
  for (let i = 0; i < target; i++) {
    const cell = cells[i];
    const kept = held[i];
    keeping &&= kept !== undefined && kept.id === cell.id && (kept.source === cell.source || (kept.source === '' && !isNeeded(cell)));
    const send = keeping ? kept : isNeeded(cell) ? cell : { ...cell, source: '' };
    if (send.source === '' && cell.source !== '') skipped.push(cell.id);
    selected.push(send);
  }
  selected.push(cells[target]);
  return { cells: selected, skipped };
}
