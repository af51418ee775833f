// Every notebook of notebooks/ and samples/ opens in a real VS Code and runs
// from top to bottom with no cell failing, and its charts are drawn; a
// screenshot of each cell that draws a chart lands in
// test-results/screenshots/ (catalogue-<notebook>-cell<N>). The verdicts
// themselves are held to what each notebook states by the unit suite
// test/unit/notebooks/notebookVerdicts.test.ts, through the CLI.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { clickChartEvent, harnessAvailable, screenshot, webviewElements } from './support/harness';
import type { Trace } from '../../src/common/traceFormat';
import { eventually } from './support/wait';
import { cellError, closeAllEditors, codeCells, outputItems, runCells, showNotebook } from './notebookSupport';

const RUN_MIME = 'application/vnd.protocol-notebook.run+json';

/** The notebooks of the test workspace, as paths in the repository (read when the suite is defined). */
function notebookPaths(): string[] {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) return [];
  return ['notebooks', 'samples'].flatMap((folder) =>
    existsSync(join(root, folder)) ? readdirSync(join(root, folder)).filter((n) => n.endsWith('.protocol.md')).sort().map((n) => `${folder}/${n}`) : [],
  );
}

describe('every notebook and sample runs in VS Code', function () {
  // Each notebook runs every cell (sweeps included) through the kernel on a loaded machine.
  this.timeout(600_000);
  before(activateExtension);
  afterEach(closeAllEditors);

  const paths = notebookPaths();

  it('finds the notebooks and the samples in the workspace', () => {
    assert.ok(paths.filter((p) => p.startsWith('notebooks/')).length >= 5, `the notebooks: ${paths.join(', ')}`);
    assert.ok(paths.filter((p) => p.startsWith('samples/')).length >= 5, `the samples: ${paths.join(', ')}`);
  });

  for (const path of paths) {
    it(`${path}: opens, runs all its cells without an error, and draws its charts`, async () => {
      const editor = await showNotebook(path);
      await vscode.commands.executeCommand('notebook.clearAllCellsOutputs');
      const cells = codeCells(editor.notebook);
      await runCells(editor, cells, 300_000);
      for (const cell of cells) {
        const error = cellError(cell);
        assert.equal(cell.executionSummary?.success, true, `${path} cell ${cell.index + 1} ran: ${error ? `${error.name}: ${error.message}` : 'no error output'}`);
      }
      const charted = cells.filter((cell) => outputItems(cell).some((item) => item.mime === RUN_MIME));
      assert.ok(charted.length > 0, `${path} draws at least one chart`);
      if (!harnessAvailable) return;
      const name = path.replace(/^.*\//, '').replace(/\.protocol\.md$/, '');
      for (const cell of charted) {
        // Fold the cell's code away, so that the chart under a long cell is in the picture.
        await vscode.commands.executeCommand('notebook.cell.collapseCellInput', { ranges: [{ start: cell.index, end: cell.index + 1 }], document: editor.notebook.uri });
        editor.revealRange(new vscode.NotebookRange(cell.index, cell.index + 1), vscode.NotebookEditorRevealType.AtTop);
        await eventually(`${path}: a chart drawn in view of cell ${cell.index + 1}`, async () => (await webviewElements('[data-testid=chart] .pn-verdict')).length > 0, 60_000);
        // Give the renderer a moment to lay out the chart just scrolled into view.
        await new Promise((resolve) => setTimeout(resolve, 800));
        await screenshot(`catalogue-${name}-cell${cell.index + 1}`);
      }
    });
  }
});

describe('a corrupted message in the chart', function () {
  this.timeout(180_000);
  before(activateExtension);
  afterEach(closeAllEditors);

  it('is marked on its sender, and its details say what changed', async function () {
    if (!harnessAvailable) this.skip();
    const editor = await showNotebook('notebooks/end-to-end.protocol.md');
    await vscode.commands.executeCommand('notebook.clearAllCellsOutputs');
    const cells = codeCells(editor.notebook);
    await runCells(editor, cells.slice(0, 2), 120_000);
    const item = cells[1].outputs.flatMap((o) => o.items).find((i) => i.mime === RUN_MIME);
    assert.ok(item, 'the cell shows a run');
    const trace = (JSON.parse(new TextDecoder().decode(item.data)) as { trace: Trace }).trace;
    const corruption = trace.events.find((e) => e.kind === 'corrupt');
    assert.ok(corruption, 'the run corrupted a message');
    editor.revealRange(new vscode.NotebookRange(cells[1].index, cells[1].index + 1), vscode.NotebookEditorRevealType.AtTop);
    await eventually('the chart to be drawn', async () => (await webviewElements('[data-testid=chart] .pn-verdict')).length > 0, 60_000);
    await clickChartEvent('[data-testid=chart]', corruption.i);
    const title = await eventually('the details of the corruption', async () => (await webviewElements('.pn-details-title')).find((t) => /corrupts/.test(t.text))?.text, 20_000);
    assert.match(title, /^network corrupts (chunk|ack|nack) #\d+ to \w+: \S+ .+ → .+$/);
    await screenshot('end-to-end-corrupted-message');
  });
});
