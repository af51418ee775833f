// A seed sweep in a real VS Code: the running cell shows a progress bar
// (drawn by the notebook renderer) that the result replaces, and the stop
// button ends a sweep early with the seeds it ran.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { harnessAvailable, screenshot, webviewElements } from './support/harness';
import { eventually } from './support/wait';
import { cellError, closeAllEditors, codeCells, finishedSince, outputItems, runCells, showNotebook } from './notebookSupport';

const PROGRESS = 'application/vnd.protocol-notebook.progress+json';
const VALUE = 'application/vnd.protocol-notebook.value+json';

/** Starts a cell as its run button does, without waiting for it. */
function start(editor: vscode.NotebookEditor, cell: vscode.NotebookCell): { ranges: { start: number; end: number }[]; document: vscode.Uri } {
  // Outputs are drawn only for cells in view.
  editor.revealRange(new vscode.NotebookRange(cell.index, cell.index + 1), vscode.NotebookEditorRevealType.AtTop);
  const range = { ranges: [{ start: cell.index, end: cell.index + 1 }], document: editor.notebook.uri };
  void vscode.commands.executeCommand('notebook.cell.execute', range);
  return range;
}

/** The explore() result a finished cell shows (its JSON value output). */
function exploreResult(cell: vscode.NotebookCell): { seedsRun: number; seedsTotal: number; stoppedEarly: boolean; failures: { seeds: number[]; counterexample?: object }[] } {
  const item = outputItems(cell).find((i) => i.mime === VALUE);
  assert.ok(item, JSON.stringify(outputItems(cell).map((i) => i.mime)));
  return JSON.parse(item.text);
}

/** Fails with what the cell shows, when a wait times out. */
function failWith(error: Error, cell: vscode.NotebookCell): never {
  throw new Error(`${error.message}; the cell shows ${JSON.stringify(outputItems(cell)).slice(0, 1000)}, summary ${JSON.stringify(cell.executionSummary)}`);
}

describe('seed sweeps in a cell', function () {
  // A long sweep on a loaded machine; these bounds only catch hangs.
  this.timeout(240_000);
  const settings = () => vscode.workspace.getConfiguration('protocolNotebook.kernel');
  before(async () => {
    await activateExtension();
    // The long sweep may take longer than a cell's default 30 s on a busy machine.
    await settings().update('timeoutMs', 200_000, vscode.ConfigurationTarget.Global);
  });
  after(() => settings().update('timeoutMs', undefined, vscode.ConfigurationTarget.Global));
  afterEach(closeAllEditors);

  it('shows a progress bar while the sweep runs, then the result in its place', async () => {
    const editor = await showNotebook('test/integration/fixtures/sweep.protocol.md');
    const [definitions, sweep] = codeCells(editor.notebook);
    await runCells(editor, [definitions]);
    const started = Date.now();
    start(editor, sweep);
    const progress = await eventually('a progress output', () => outputItems(sweep).find((i) => i.mime === PROGRESS), 60_000).catch((e: Error) => failWith(e, sweep));
    const first = JSON.parse(progress.text) as { done: number; total: number };
    assert.equal(first.total, 300_000);
    assert.ok(outputItems(sweep).some((i) => i.mime === 'text/plain' && i.text.startsWith('explore: ')), 'a text fallback');
    if (harnessAvailable) {
      const bars = await eventually('the progress bar drawn', async () => {
        const found = await webviewElements('[data-testid=sweep-progress]');
        return found.length > 0 && !finishedSince(sweep, started) ? found : undefined;
      }, 30_000);
      assert.equal(bars[0].attributes['aria-valuemax'], '300000');
      assert.match(bars[0].text, /\/ 300,000 seeds/);
      await screenshot('sweep-progress');
    }
    await eventually('the sweep to finish', () => finishedSince(sweep, started), 180_000);
    assert.equal(sweep.executionSummary?.success, true);
    assert.ok(!outputItems(sweep).some((i) => i.mime === PROGRESS), 'the result replaced the progress bar');
    const result = exploreResult(sweep);
    assert.equal(result.seedsRun, 300_000);
    assert.equal(result.stoppedEarly, false);
    assert.ok(result.failures[0]?.counterexample, 'the first failure is shrunk');
    if (harnessAvailable) {
      await eventually('the progress bar gone', async () => (await webviewElements('[data-testid=sweep-progress]')).length === 0, 30_000);
      await screenshot('sweep-result');
    }
  });

  it('the stop button ends a sweep with the seeds it ran, promptly', async () => {
    const editor = await showNotebook('test/integration/fixtures/sweep.protocol.md');
    const [definitions, , endless] = codeCells(editor.notebook);
    await runCells(editor, [definitions]);
    const started = Date.now();
    const range = start(editor, endless);
    await eventually('seeds to run', () => {
      const item = outputItems(endless).find((i) => i.mime === PROGRESS);
      return item && (JSON.parse(item.text) as { done: number }).done > 0;
    }, 60_000).catch((e: Error) => failWith(e, endless));
    const stopped = Date.now();
    await vscode.commands.executeCommand('notebook.cell.cancelExecution', range);
    await eventually('the stopped sweep to report', () => finishedSince(endless, started), 30_000);
    const took = Date.now() - stopped;
    assert.equal(endless.executionSummary?.success, true, `a stopped sweep is a result, not an error: ${JSON.stringify(cellError(endless))}`);
    const result = exploreResult(endless);
    assert.equal(result.stoppedEarly, true);
    assert.ok(result.seedsRun > 0 && result.seedsRun < result.seedsTotal, `${result.seedsRun} of ${result.seedsTotal} seeds`);
    assert.ok(took < 10_000, `reported ${took} ms after the stop`);
    if (harnessAvailable) await screenshot('sweep-stopped');
  });
});
