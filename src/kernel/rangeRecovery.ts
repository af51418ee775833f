/**
 * How a range of cells (the headless runner's one request for a whole
 * notebook) goes on after a cell in it ends the kernel — out of memory, out
 * of time, a crash. The fresh kernel is sent the cells below it, and of the
 * cells above only those the cells below need (see replaySelection.ts). The
 * cell that ended the kernel, every cell that failed before it, and every
 * cell below that needs one of them are sent empty, keeping their positions
 * (each position has its own random stream): a cell that uses none of them
 * runs as in a run from the top, and one that does is not run and gets an
 * error that names the cell it needs and why that cell is missing, at the
 * line where it first names what it needs. A cell whose needs the analysis
 * cannot tell is not run either, with the error it had before the analysis
 * was used ("A cell above (cell N) failed when it was re-run first").
 *
 * A failed cell is left out rather than replayed because a replay of it
 * would fail again (cells are deterministic) and fail every cell below with it.
 * Plain data, unit-tested without a kernel.
 */
import type { CellNeeds, NotebookNeeds } from '../common/cellNeeds';
import type { CellError, CellResult, KernelCell } from '../common/kernelMessages';
import { selectReplay } from './replaySelection';

/** The error name of a cell that was not run because a cell it needs is missing. */
export const DEPENDENCY_FAILED = 'DependencyFailed';

/** Whether a cell's error is one that ended the kernel process. */
export function endedKernel(error: CellError | undefined): boolean {
  const reason = error?.stoppedBy;
  return reason === 'timeout' || reason === 'memory' || reason === 'worker-crash';
}

/** A cell whose names a fresh kernel does not get: it failed, ended the kernel, or was not run. */
interface LostCell {
  error: CellError;
  notRun: boolean;
}

/** What the fresh kernel is sent, and what the cells it must not run answer instead. */
export interface RangePlan {
  /** `cells[0..to]`, the lost, the unneeded above and the blocked sent empty. */
  cells: KernelCell[];
  /** The cells of the rest of the range that are not run, by position: the error each gets, and the id of the cell an error without the names names. */
  blocked: Map<number, { error: CellError; cause?: string }>;
  /** Ids of the cells sent empty (they are not reported as replayed). */
  skipped: Set<string>;
}

/** One range's bookkeeping: what failed so far, and the plan for the cells still to run. */
export class RangeRecovery {
  private readonly lost = new Map<number, LostCell>();
  private plan: RangePlan | undefined;

  /** `cells` are the notebook's code cells in order; the range ends at `to`. */
  constructor(
    private readonly cells: KernelCell[],
    private readonly to: number,
  ) {}

  /** The cells to send with the next request. */
  get sent(): KernelCell[] {
    return this.plan?.cells ?? this.cells;
  }

  /** The result to report for the kernel's result of the cell at `position`; remembers what failed. */
  shown(position: number, result: CellResult): CellResult {
    const blocked = this.plan?.blocked.get(position);
    if (blocked) {
      this.lost.set(position, { error: blocked.error, notRun: true });
      return { cellId: this.cells[position].id, ok: false, outputs: [], logs: [], error: blocked.error, ...(blocked.cause ? { replayed: [blocked.cause] } : {}), durationMs: 0 };
    }
    if (!result.ok && result.error) this.lost.set(position, { error: result.error, notRun: false });
    const skipped = this.plan?.skipped;
    if (!skipped || !result.replayed) return result;
    const replayed = result.replayed.filter((id) => !skipped.has(id));
    const { replayed: _, ...rest } = result;
    return replayed.length > 0 ? { ...rest, replayed } : rest;
  }

  /** Plans the cells from `from` on for a fresh kernel, with what `needs` says of each. */
  replan(from: number, needs: NotebookNeeds): void {
    this.plan = planRange(this.cells, from, this.to, this.lost, needs);
  }
}

function planRange(cells: readonly KernelCell[], from: number, to: number, lost: ReadonlyMap<number, LostCell>, needs: NotebookNeeds): RangePlan {
  const positionOf = new Map(cells.slice(0, to + 1).map((cell, position) => [cell.index, position]));
  const missing = new Map(lost);
  const blocked = new Map<number, { error: CellError; cause?: string }>();
  const replayed = new Set<number>();
  // A cell that runs with needs that cannot be told needs every cell above (then none is missing).
  let replayAll = false;
  for (let position = from; position <= to; position++) {
    let cellNeeds: CellNeeds | undefined;
    try {
      cellNeeds = needs.needsOf(position);
    } catch {
      cellNeeds = undefined;
    }
    const stop = cellNeeds ? missingNeedError(cells, position, cellNeeds, missing, positionOf) : fallbackError(cells, position, missing);
    if (stop) {
      blocked.set(position, stop);
      missing.set(position, { error: stop.error, notRun: true });
    } else if (cellNeeds) {
      for (const index of cellNeeds.needed) if ((positionOf.get(index) ?? to) < from) replayed.add(index);
    } else {
      replayAll = true;
    }
  }
  const above = selectReplay(cells, from, replayAll ? undefined : [...replayed], []);
  const sent = above.cells.slice(0, from);
  const skipped = new Set(above.skipped);
  for (let position = from; position <= to; position++) {
    const cell = cells[position];
    if (blocked.has(position) && cell.source !== '') skipped.add(cell.id);
    sent.push(blocked.has(position) ? { ...cell, source: '' } : cell);
  }
  return { cells: sent, blocked, skipped };
}

/** The error of a cell that needs a missing cell (the first one, following the names that lead to it), or undefined. */
function missingNeedError(cells: readonly KernelCell[], position: number, needs: CellNeeds, missing: ReadonlyMap<number, LostCell>, positionOf: ReadonlyMap<number, number>): { error: CellError } | undefined {
  const root = needs.needed.find((index) => missing.has(positionOf.get(index) ?? -1));
  if (root === undefined) return undefined;
  const reasonOf = new Map(needs.needed.map((index, i) => [index, needs.reasons[i]]));
  const steps: { index: number; name: string }[] = [];
  const target = cells[position];
  for (let index = root; index !== target.index && steps.length <= needs.needed.length; ) {
    const reason = reasonOf.get(index);
    if (!reason) break;
    steps.unshift({ index, name: reason.name });
    index = reason.by;
  }
  const first = reasonOf.get(steps[0]?.index ?? root);
  const chain = steps.map((step) => `\`${step.name}\` from cell ${step.index + 1}`).join(', which needs ');
  const message = `This cell needs ${chain || `cell ${root + 1}`}, ${whyMissing(missing.get(positionOf.get(root) ?? -1) as LostCell)}, so it was not run.`;
  const error: CellError = { name: DEPENDENCY_FAILED, message };
  if (first?.at && first.by === target.index) error.position = { cellId: target.id, line: first.at.line, column: first.at.column };
  return { error };
}

function whyMissing(cell: LostCell): string {
  switch (cell.error.stoppedBy) {
    case 'memory':
      return 'which ended the kernel (out of memory)';
    case 'timeout':
      return 'which ended the kernel (out of time)';
    case 'worker-crash':
      return 'which ended the kernel (its process stopped)';
    default:
      return cell.notRun ? 'which was not run' : `which failed (${cell.error.name})`;
  }
}

/**
 * The error of a cell whose needs cannot be told, when a cell above is
 * missing: as before the analysis was used, it names the first cell above
 * that ended the kernel (else the first that failed).
 */
function fallbackError(cells: readonly KernelCell[], position: number, missing: ReadonlyMap<number, LostCell>): { error: CellError; cause: string } | undefined {
  const above = [...missing.entries()].filter(([at]) => at < position).sort(([a], [b]) => a - b);
  const [at, cell] = above.find(([, c]) => endedKernel(c.error)) ?? above.find(([, c]) => !c.notRun) ?? above[0] ?? [];
  if (at === undefined || !cell) return undefined;
  const error = { name: cell.error.name, message: `A cell above (cell ${cells[at].index + 1}) failed when it was re-run first: ${cell.error.name}: ${cell.error.message}` };
  return { error, cause: cells[at].id };
}
