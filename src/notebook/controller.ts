/**
 * The notebook controller ("kernel" in VS Code's UI) for protocol notebooks:
 * runs code cells in order through a KernelHost (one per notebook, each a
 * worker thread), with execution order, timing, cancellation, outputs and
 * diagnostics. In an untrusted workspace no cell runs (see restrictedMode.ts).
 */
import * as vscode from 'vscode';
import type { CellResult, KernelCell } from '../common/kernelMessages';
import { CODE_CELL_LANGUAGES, NOTEBOOK_TYPE } from '../document';
import { KernelHost } from '../kernel/host';
import packageJson from '../../package.json';
import { CellDiagnostics } from './cellDiagnostics';
import { errorOutput, toNotebookOutputs } from './cellOutputs';
import { kernelLimits, onDidChangeKernelSettings } from './kernelSettings';
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
  private readonly diagnostics = new CellDiagnostics();
  private readonly restrictedMode: RestrictedMode;
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `workerScript` is the kernel worker bundle (dist/kernelWorker.js). */
  constructor(private readonly workerScript: string) {
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
    const abort = new AbortController();
    const cancellation = execution.token.onCancellationRequested(() => abort.abort());
    // A running explore() shows a progress bar until the result replaces it; the stop button ends it early.
    const progress = new SweepProgressView(execution);
    let result: CellResult;
    try {
      result = await this.kernelFor(notebook).execute(codeCells.map(toKernelCell), target, abort.signal, { onProgress: (p) => progress.show(p) });
      await progress.end();
    } catch (error) {
      await progress.end();
      const failure = error instanceof Error ? error : new Error(String(error));
      await execution.replaceOutput([errorOutput({ name: failure.name, message: failure.message, stack: failure.stack })]);
      execution.end(false, Date.now());
      this.ranCell.fire({ notebook, cell: execution.cell, result: undefined });
      return;
    } finally {
      cancellation.dispose();
    }
    const cellById = new Map(codeCells.map((cell) => [cellId(cell), cell]));
    const numberOf = (id: string) => {
      const cell = cellById.get(id);
      return cell ? cell.index + 1 : undefined;
    };
    await execution.replaceOutput(toNotebookOutputs(result, numberOf));
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
    this.diagnostics.clearNotebook(notebook);
  }

  private disposeKernels(): void {
    for (const kernel of this.kernels.values()) kernel.dispose();
    this.kernels.clear();
    this.executionCounts.clear();
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

function toKernelCell(cell: vscode.NotebookCell): KernelCell {
  return { id: cellId(cell), index: cell.index, source: cell.document.getText() };
}
