/**
 * A kernel result -> VS Code cell outputs: each CellOutput under its own MIME
 * type with text/markdown and text/plain fallbacks, console lines as stdout,
 * a note when cells above were re-run, and an error output for a failure.
 */
import * as vscode from 'vscode';
import { RUN_OUTPUT_KEY } from '../common/chartMessages';
import { MIME, type CellError, type CellOutput, type CellResult } from '../common/kernelMessages';
import { replayNote, stoppedMessage } from './executionMessages';

/** The outputs to show under a cell for its result. `cellNumberOf` maps a kernel cell id to its 1-based number. */
export function toNotebookOutputs(result: CellResult, cellNumberOf: (cellId: string) => number | undefined): vscode.NotebookCellOutput[] {
  const outputs: vscode.NotebookCellOutput[] = [];
  const replayed = (result.replayed ?? []).map(cellNumberOf).filter((n): n is number => n !== undefined);
  if (replayed.length > 0) outputs.push(messageOutput(replayNote(replayed)));
  if (result.logs.length > 0) {
    outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.stdout(result.logs.join('\n'))]));
  }
  for (const output of result.outputs) outputs.push(toNotebookOutput(output));
  if (result.error) outputs.push(errorOutput(result.error));
  return outputs;
}

/**
 * One kernel output: the rich item first, then the fallbacks a plain renderer
 * can show. A run carries a key of its own in its metadata, which its chart
 * sends back so the extension can tell which cell a request is about.
 */
export function toNotebookOutput(output: CellOutput): vscode.NotebookCellOutput {
  const items = [vscode.NotebookCellOutputItem.json(output.data, output.mime)];
  if (output.markdown !== undefined) items.push(vscode.NotebookCellOutputItem.text(output.markdown, 'text/markdown'));
  items.push(vscode.NotebookCellOutputItem.text(output.text, 'text/plain'));
  return new vscode.NotebookCellOutput(items, output.mime === MIME.run ? { [RUN_OUTPUT_KEY]: crypto.randomUUID() } : undefined);
}

/** An error output; a cell the kernel stopped says so and that the kernel was restarted. */
export function errorOutput(error: CellError): vscode.NotebookCellOutput {
  const message = error.stoppedBy ? stoppedMessage({ ...error, stoppedBy: error.stoppedBy }) : error.message;
  const stack = error.stack ?? `${error.name}: ${message}`;
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name: error.name, message, stack })]);
}

/** A short note shown as Markdown (plain text where Markdown is not rendered). */
export function messageOutput(message: { text: string; markdown: string }): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([
    vscode.NotebookCellOutputItem.text(message.markdown, 'text/markdown'),
    vscode.NotebookCellOutputItem.text(message.text, 'text/plain'),
  ]);
}
