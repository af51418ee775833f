/**
 * The notebook controller ("kernel" in VS Code's UI) for protocol notebooks:
 * runs code cells in order through a KernelHost (one per notebook, each a
 * worker thread), with execution order, timing, cancellation, outputs and
 * diagnostics. In an untrusted workspace no cell runs (see restrictedMode.ts).
 *
 * Before a cell runs, the analysis (when given) says how many type errors it
 * has (shown with the run; the `protocolNotebook.run.onTypeErrors` setting may
 * stop it instead) and which cells above it needs: when the kernel has to
 * replay cells above, those the cell does not need are left out (see
 * src/kernel/replaySelection.ts), so a broken cell blocks only the cells that use it.
 */
import * as vscode from 'vscode';
import type { CellResult, KernelCell } from '../common/kernelMessages';
import { CODE_CELL_LANGUAGES, NOTEBOOK_TYPE } from '../document';
import { KernelHost } from '../kernel/host';
import packageJson from '../../package.json';
import type { CellAnalysis } from './cellAnalysis';
import { CellDiagnostics } from './cellDiagnostics';
import { errorOutput, messageOutput, toNotebookOutputs } from './cellOutputs';
import { typeErrorNote } from './executionMessages';
import { kernelLimits, onDidChangeKernelSettings } from './kernelSettings';
import { selectReplay } from '../kernel/replaySelection';
import { RestrictedMode } from './restrictedMode';
import { SweepProgressView } from './sweepProgressOutput';

/** The controller's id, as VS Code (and `notebook.selectKernel`) knows it. */
export const CONTROLLER_ID = 'protocol-notebook-kernel';

/** This extension's id, which `notebook.selectKernel` needs beside the controller's. */
const extensionId = `${packageJson.publisher}.${packageJson.name}`;

/** A cell that ran, with the kernel's result (undefined when the kernel failed before answering). */
export interface CellRun {
  notebook: vscode.NotebookDocument;
  cell: vscode.NotebookCell;
  result: CellResult | undefined;
}

export class ProtocolNotebookController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  private readonly ranCell = new vscode.EventEmitter<CellRun>();
  private readonly restarted = new vscode.EventEmitter<vscode.NotebookDocument>();
  /** Fires after each cell ran and its outputs were shown. */
  readonly onDidRunCell = this.ranCell.event;
  /** Fires after a notebook's kernel was restarted. */
  readonly onDidRestartKernel = this.restarted.event;
  private readonly kernels = new Map<string, KernelHost>();
  private readonly executionCounts = new Map<string, number>();
  /** What each notebook's kernel context holds, as last sent (see src/kernel/replaySelection.ts); empty after a restart. */
  private readonly held = new Map<string, KernelCell[]>();
  private readonly diagnostics = new CellDiagnostics();
  private readonly restrictedMode: RestrictedMode;
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `workerScript` is the kernel worker bundle (dist/kernelWorker.js); `analysis` answers about a cell before it runs. */
  constructor(
    private readonly workerScript: string,
    private readonly analysis?: CellAnalysis,
  ) {
    this.controller = vscode.notebooks.createNotebookController(CONTROLLER_ID, NOTEBOOK_TYPE, 'Protocol Notebook');
    this.controller.supportedLanguages = [...CODE_CELL_LANGUAGES];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Deterministic simulated network';
    this.controller.executeHandler = (cells, notebook) => this.executeCells(cells, notebook);
    this.restrictedMode = new RestrictedMode(this.controller, () =>
      vscode.commands.executeCommand('notebook.selectKernel', { id: CONTROLLER_ID, extension: extensionId }),
    );
    // The preferred kernel of every protocol notebook, so a first run needs no kernel pick.
    const prefer = (notebook: vscode.NotebookDocument) => {
      if (notebook.notebookType === NOTEBOOK_TYPE) this.controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
    };
    vscode.workspace.notebookDocuments.forEach(prefer);
    this.subscriptions.push(
      this.controller,
      this.ranCell,
      this.restarted,
      this.diagnostics,
      this.restrictedMode,
      vscode.workspace.onDidOpenNotebookDocument(prefer),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.forget(notebook)),
      // New limits need new workers; the next run replays what it needs.
      onDidChangeKernelSettings(() => this.disposeKernels()),
    );
  }

  /** Restarts a notebook's kernel: every definition is dropped; the next run replays what it needs. */
  async restartKernel(notebook: vscode.NotebookDocument): Promise<void> {
    const kernel = this.kernels.get(notebook.uri.toString());
    await kernel?.restart();
    this.executionCounts.delete(notebook.uri.toString());
    this.held.delete(notebook.uri.toString());
    this.restarted.fire(notebook);
  }

  private async executeCells(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      this.restrictedMode.explain(cells);
      return;
    }
    // Created up front so that every requested cell shows as queued at once.
    const executions = cells.map((cell) => this.controller.createNotebookCellExecution(cell));
    for (const execution of executions) {
      if (execution.token.isCancellationRequested) {
        execution.end(undefined);
        continue;
      }
      await this.executeCell(execution, notebook);
    }
  }

  private async executeCell(execution: vscode.NotebookCellExecution, notebook: vscode.NotebookDocument): Promise<void> {
    const key = notebook.uri.toString();
    const count = (this.executionCounts.get(key) ?? 0) + 1;
    this.executionCounts.set(key, count);
    execution.executionOrder = count;
    execution.start(Date.now());
    await execution.clearOutput();

    const codeCells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && CODE_CELL_LANGUAGES.includes(c.document.languageId));
    const target = codeCells.indexOf(execution.cell);
    // Armed first: a stop while the analysis answers cancels the run too (the kernel then runs nothing).
    const abort = new AbortController();
    const cancellation = execution.token.onCancellationRequested(() => abort.abort());
    const [typeErrors, needed] = await Promise.all([this.analysis?.typeErrors(notebook, execution.cell.index), this.analysis?.dependencies(notebook, execution.cell.index)]);
    if (typeErrors && onTypeErrors() === 'stop') {
      cancellation.dispose();
      await execution.replaceOutput([messageOutput(typeErrorNote(typeErrors, false))]);
      this.diagnostics.report(execution.cell, undefined, undefined);
      execution.end(false, Date.now());
      return;
    }
    const selection = selectReplay(codeCells.map(toKernelCell), target, needed, this.held.get(key) ?? []);
    // A running explore() shows a progress bar until the result replaces it; the stop button ends it early.
    const progress = new SweepProgressView(execution);
    let result: CellResult;
    try {
      result = await this.kernelFor(notebook).execute(selection.cells, target, abort.signal, { onProgress: (p) => progress.show(p) });
      await progress.end();
    } catch (error) {
      this.held.delete(key);
      await progress.end();
      const failure = error instanceof Error ? error : new Error(String(error));
      await execution.replaceOutput([errorOutput({ name: failure.name, message: failure.message, stack: failure.stack })]);
      execution.end(false, Date.now());
      this.ranCell.fire({ notebook, cell: execution.cell, result: undefined });
      return;
    } finally {
      cancellation.dispose();
    }
    this.held.set(key, kernelKept(result) ? selection.cells : []);
    const cellById = new Map(codeCells.map((cell) => [cellId(cell), cell]));
    const numberOf = (id: string) => {
      const cell = cellById.get(id);
      return cell ? cell.index + 1 : undefined;
    };
    // Cells sent empty that the kernel "re-ran": left out of this run.
    const skipped = selection.skipped.filter((id) => result.replayed?.includes(id));
    await execution.replaceOutput(toNotebookOutputs(result, { cellNumberOf: numberOf, cellUriOf: (id) => cellById.get(id)?.document.uri.toString(), skipped, typeErrors }));
    const errorCell = result.error?.position ? cellById.get(result.error.position.cellId) : undefined;
    this.diagnostics.report(execution.cell, result.error, errorCell);
    execution.end(result.ok, Date.now());
    this.ranCell.fire({ notebook, cell: execution.cell, result });
  }

  private kernelFor(notebook: vscode.NotebookDocument): KernelHost {
    const key = notebook.uri.toString();
    let kernel = this.kernels.get(key);
    if (!kernel) {
      kernel = new KernelHost({ workerScript: this.workerScript, ...kernelLimits() });
      this.kernels.set(key, kernel);
    }
    return kernel;
  }

  private forget(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType !== NOTEBOOK_TYPE) return;
    const key = notebook.uri.toString();
    this.kernels.get(key)?.dispose();
    this.kernels.delete(key);
    this.executionCounts.delete(key);
    this.held.delete(key);
    this.diagnostics.clearNotebook(notebook);
  }

  private disposeKernels(): void {
    for (const kernel of this.kernels.values()) kernel.dispose();
    this.kernels.clear();
    this.executionCounts.clear();
    this.held.clear();
  }

  dispose(): void {
    this.disposeKernels();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** A cell's identity for the kernel: its document URI, stable while the notebook is open. */
function cellId(cell: vscode.NotebookCell): string {
  return cell.document.uri.toString();
}

/**
 * Whether the kernel's context still holds what it was sent: not after a stop
 * that restarted it (all but the step budget), nor after a cell above failed
 * as it was re-run (the kernel then starts afresh).
 */
function kernelKept(result: CellResult): boolean {
  const stoppedBy = result.error?.stoppedBy;
  if (stoppedBy && stoppedBy !== 'step-budget') return false;
  return !(result.replayed?.length && result.error?.message.startsWith('A cell above (cell'));
}

/** The `protocolNotebook.run.onTypeErrors` setting: "run" (the default) or "stop". */
function onTypeErrors(): 'run' | 'stop' {
  return vscode.workspace.getConfiguration('protocolNotebook.run').get<string>('onTypeErrors') === 'stop' ? 'stop' : 'run';
}

function toKernelCell(cell: vscode.NotebookCell): KernelCell {
  return { id: cellId(cell), index: cell.index, source: cell.document.getText() };
}
