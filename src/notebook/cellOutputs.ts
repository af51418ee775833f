/**
 * A kernel result -> VS Code cell outputs: each CellOutput under its own MIME
 * type with text/markdown and text/plain fallbacks, console lines as stdout,
 * a note when cells above were re-run (or skipped), a note when the cell has
 * type errors, and an error output for a failure.
 */
import * as vscode from 'vscode';
import { RUN_OUTPUT_KEY } from '../common/chartMessages';
import type { CellErrorLink, CellErrorOutput } from '../common/cellErrorOutput';
import { MIME, type CellError, type CellOutput, type CellResult } from '../common/kernelMessages';
import { replayNote, stoppedMessage, typeErrorNote } from './executionMessages';

/** What the controller knows about a run besides the kernel's result. */
export interface RunContext {
  /** Maps a kernel cell id to its 1-based cell number. */
  cellNumberOf: (cellId: string) => number | undefined;
  /** Maps a kernel cell id to its document URI, which a link reveals. */
  cellUriOf?: (cellId: string) => string | undefined;
  /** Ids of cells above that were not re-run, because this cell does not use them. */
  skipped?: readonly string[];
  /** Type errors in the cell that ran (undefined: not known). */
  typeErrors?: number;
}

/** The outputs to show under a cell for its result. */
export function toNotebookOutputs(result: CellResult, context: RunContext): vscode.NotebookCellOutput[] {
  const outputs: vscode.NotebookCellOutput[] = [];
  const numbers = (ids: readonly string[]) => ids.map(context.cellNumberOf).filter((n): n is number => n !== undefined);
  const skipped = new Set(context.skipped ?? []);
  const replayed = numbers((result.replayed ?? []).filter((id) => !skipped.has(id)));
  const skippedNumbers = numbers([...skipped]);
  if (replayed.length > 0 || skippedNumbers.length > 0) outputs.push(messageOutput(replayNote(replayed, skippedNumbers)));
  if (context.typeErrors) outputs.push(messageOutput(typeErrorNote(context.typeErrors, true)));
  if (result.logs.length > 0) {
    outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.stdout(result.logs.join('\n'))]));
  }
  for (const output of result.outputs) outputs.push(toNotebookOutput(output));
  if (result.error) outputs.push(errorOutput(result.error, failedAboveLinks(result, context)));
  return outputs;
}

/**
 * When a cell above failed as it was re-run first (the kernel's message names
 * it, "a cell above (cell N) failed …", and it is the last cell re-run), a link
 * from "cell N" to that cell.
 */
function failedAboveLinks(result: CellResult, context: RunContext): CellErrorLink[] {
  const failed = result.replayed?.[result.replayed.length - 1];
  const number = failed === undefined ? undefined : context.cellNumberOf(failed);
  const href = failed === undefined ? undefined : context.cellUriOf?.(failed);
  if (number === undefined || !href || !result.error?.message.startsWith(`A cell above (cell ${number}) failed`)) return [];
  return [{ text: `cell ${number}`, href }];
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

/**
 * An error output; a cell the kernel stopped says so and that the kernel was
 * restarted. The extension's renderer draws the first item, wrapped to the
 * output's width and with `links`; VS Code's own error item follows, for any
 * other renderer.
 */
export function errorOutput(error: CellError, links: CellErrorLink[] = []): vscode.NotebookCellOutput {
  const message = error.stoppedBy ? stoppedMessage({ ...error, stoppedBy: error.stoppedBy }) : error.message;
  const stack = error.stack ?? `${error.name}: ${message}`;
  const shown: CellErrorOutput = { name: error.name, message, frames: framesOf(stack, [`${error.name}: ${error.message}`, `${error.name}: ${message}`]), ...(links.length ? { links } : {}) };
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.json(shown, MIME.error), vscode.NotebookCellOutputItem.error({ name: error.name, message, stack })]);
}

/** The stack without its headline (which repeats the name and message, perhaps over several lines). */
function framesOf(stack: string, headlines: readonly string[]): string {
  const headline = headlines.find((h) => stack.startsWith(h));
  return headline !== undefined ? stack.slice(headline.length).replace(/^\n/, '') : stack.split('\n').slice(1).join('\n');
}

/** A short note shown as Markdown (plain text where Markdown is not rendered). */
export function messageOutput(message: { text: string; markdown: string }): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([
    vscode.NotebookCellOutputItem.text(message.markdown, 'text/markdown'),
    vscode.NotebookCellOutputItem.text(message.text, 'text/plain'),
  ]);
}
