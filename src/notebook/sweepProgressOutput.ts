/**
 * Shows a running cell's seed sweep progress as its output, replaced by
 * each newer report and, when the cell ends, by its result. Reports arrive
 * at most every 100 ms; while one is being shown, only the newest waiting
 * one is kept, so a slow editor never falls behind.
 */
import * as vscode from 'vscode';
import { MIME } from '../common/kernelMessages';
import { describeSweepProgress, type SweepProgress } from '../common/sweepProgress';

/** The output that stands in for a cell's result while its sweep runs. */
export function sweepProgressOutput(progress: SweepProgress): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([
    vscode.NotebookCellOutputItem.json(progress, MIME.progress),
    vscode.NotebookCellOutputItem.text(describeSweepProgress(progress), 'text/plain'),
  ]);
}

export class SweepProgressView {
  private showing: Promise<void> = Promise.resolve();
  private waiting: SweepProgress | undefined;
  private busy = false;
  private ended = false;

  constructor(private readonly execution: vscode.NotebookCellExecution) {}

  /** Shows `progress` (or keeps it for when the output being shown is done). */
  show(progress: SweepProgress): void {
    if (this.ended) return;
    this.waiting = progress;
    if (!this.busy) this.showing = this.next();
  }

  /** No more reports: resolves once the last one shown is in place, so the result replaces it. */
  async end(): Promise<void> {
    this.ended = true;
    this.waiting = undefined;
    await this.showing;
  }

  private async next(): Promise<void> {
    this.busy = true;
    try {
      while (this.waiting && !this.ended) {
        const progress = this.waiting;
        this.waiting = undefined;
        await this.execution.replaceOutput([sweepProgressOutput(progress)]);
      }
    } catch {
      // The execution ended under us (the cell was cancelled): nothing to show any more.
    } finally {
      this.busy = false;
    }
  }
}
