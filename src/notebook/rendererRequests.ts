/**
 * Answers what a sequence chart asks of the extension — wherever the chart
 * is (under a cell or in the trace panel): open a state diff, reveal a
 * handler in the notebook, open the run in the panel, copy text.
 */
import * as vscode from 'vscode';
import type { ChartRequest, RequestResultMessage, RevealHandlerRequest } from '../common/chartMessages';
import { locateHandler } from './rendererHandlerLocator';
import type { StateDiffDocuments } from './rendererStateDiff';
import { notebookName, runCell, tracePanelTitle } from './tracePanelTitle';

export interface ChartRequestContext {
  /** The notebook the chart's run came from, when known. */
  notebook?: vscode.NotebookDocument;
  reply(message: RequestResultMessage): void;
}

export interface ChartRequestServices {
  stateDiffs: StateDiffDocuments;
  openPanel(request: { trace: Extract<ChartRequest, { type: 'openTracePanel' }>['trace']; title: string; notebook?: vscode.Uri }): Promise<void>;
}

export async function answerChartRequest(request: ChartRequest, context: ChartRequestContext, services: ChartRequestServices): Promise<void> {
  try {
    switch (request.type) {
      case 'openStateDiff':
        await services.stateDiffs.open(request);
        return;
      case 'revealHandler':
        await revealHandler(request, context);
        return;
      case 'openTracePanel': {
        const { notebook } = context;
        const cell = notebook ? runCell(notebook, request.trace, request.outputKey) : undefined;
        const title = notebook ? tracePanelTitle({ seed: request.trace.seed, notebook: notebookName(notebook), ...(cell ? { cellNumber: cell.index + 1 } : {}) }) : request.title;
        await services.openPanel({ trace: request.trace, title, ...(notebook ? { notebook: notebook.uri } : {}) });
        return;
      }
      case 'copyText':
        await vscode.env.clipboard.writeText(request.text);
        context.reply({ type: 'requestResult', ok: true, text: `Copied the chart as ${request.what}.` });
        return;
    }
  } catch (error) {
    context.reply({ type: 'requestResult', ok: false, text: error instanceof Error ? error.message : String(error) });
  }
}

async function revealHandler(request: RevealHandlerRequest, context: ChartRequestContext): Promise<void> {
  const notebook = context.notebook ?? vscode.window.activeNotebookEditor?.notebook;
  if (!notebook) {
    context.reply({ type: 'requestResult', ok: false, text: 'Open the notebook this run came from to reveal its handlers.' });
    return;
  }
  const cells = notebook.getCells();
  const found = locateHandler(
    cells.map((c) => (c.kind === vscode.NotebookCellKind.Code ? c.document.getText() : '')),
    request.handler,
    request.nodeKind,
  );
  const position = found ?? (request.location?.cell !== undefined ? { cell: request.location.cell, line: request.location.line, column: request.location.column } : undefined);
  const cell = position ? cells[position.cell] : undefined;
  if (!position || !cell) {
    context.reply({ type: 'requestResult', ok: false, text: `No handler "${request.handler}"${request.nodeKind ? ` in ${request.nodeKind}` : ''} was found in this notebook.` });
    return;
  }
  const editor = await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(cell.index, cell.index + 1)], preserveFocus: false });
  editor.revealRange(new vscode.NotebookRange(cell.index, cell.index + 1), vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  const at = new vscode.Position(position.line, position.column);
  const cellEditor = await vscode.window.showTextDocument(cell.document, { viewColumn: editor.viewColumn, selection: new vscode.Range(at, at), preserveFocus: false });
  // A cell editor can come up with its old cursor; place it on the handler explicitly.
  cellEditor.selection = new vscode.Selection(at, at);
  cellEditor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  context.reply({ type: 'requestResult', ok: true, text: `Revealed ${request.nodeKind ? `${request.nodeKind}.` : ''}${request.handler} (cell ${cell.index + 1}, line ${position.line + 1}).` });
}
