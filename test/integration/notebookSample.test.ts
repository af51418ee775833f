// The sample notebook and the new-notebook template run end to end against
// the real engine in a real VS Code: each simulation gives a run output (its
// own MIME type, with Markdown and plain-text summaries of the verdicts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { harnessAvailable, screenshot, webviewElements } from './support/harness';
import { eventually } from './support/wait';
import { closeAllEditors, codeCells, selectProtocolKernel, outputItems, runCells, showNotebook } from './notebookSupport';

const RUN_MIME = 'application/vnd.protocol-notebook.run+json';

interface RunData {
  kind: string;
  ok: boolean;
  seed: number;
  verdicts: { name: string; status: string }[];
}

/** The run output of a cell: its data and its text fallbacks. */
function runOutput(cell: vscode.NotebookCell): { data: RunData; markdown: string; text: string } {
  const output = cell.outputs.find((o) => o.items.some((i) => i.mime === RUN_MIME));
  assert.ok(output, `cell ${cell.index + 1} has a run output: ${JSON.stringify(outputItems(cell).map((i) => i.mime))}`);
  const decode = (mime: string) => new TextDecoder().decode(output.items.find((i) => i.mime === mime)?.data);
  assert.deepEqual(output.items.map((i) => i.mime), [RUN_MIME, 'text/markdown', 'text/plain']);
  return { data: JSON.parse(decode(RUN_MIME)) as RunData, markdown: decode('text/markdown'), text: decode('text/plain') };
}

describe('protocol notebook samples', function () {
  // Kernel runs and editor round trips are slow on a loaded machine; these bounds only catch hangs.
  this.timeout(180_000);
  before(activateExtension);
  afterEach(closeAllEditors);

  it('runs the delivery-semantics essay end to end: duplicates break the naive account, a crash the acknowledge-first one, durable deduplication holds', async () => {
    const editor = await showNotebook('notebooks/bank-account.protocol.md');
    const cells = codeCells(editor.notebook);
    assert.equal(cells.length, 10);
    await runCells(editor, cells, 180_000);
    for (const cell of cells) assert.equal(cell.executionSummary?.success, true, `cell ${cell.index + 1} ran`);
    const status = (cell: vscode.NotebookCell) => Object.fromEntries(runOutput(cell).data.verdicts.map((v) => [v.name, v.status]));

    const calm = runOutput(cells[2]);
    assert.equal(calm.data.kind, 'protocol-notebook/run');
    assert.equal(calm.data.seed, 1);
    assert.equal(calm.data.ok, true);
    assert.deepEqual(calm.data.verdicts.map((v) => v.status), ['pass', 'pass', 'pass', 'pass']);

    const faulty = runOutput(cells[3]);
    assert.equal(faulty.data.ok, false);
    assert.equal(status(cells[3])['each deposit is credited at most once'], 'fail');
    assert.equal(status(cells[3])['every deposit is acknowledged'], 'pass');
    assert.match(faulty.text, /each deposit is credited at most once/);
    assert.match(faulty.markdown, /seed 7/);

    assert.equal(status(cells[4])['every acknowledged deposit is in the balance'], 'fail', 'acknowledge-first loses a deposit in the crash');
    assert.deepEqual(runOutput(cells[6]).data.verdicts.map((v) => v.status), ['pass', 'pass', 'pass', 'pass']);
    assert.equal(status(cells[7])['each deposit is credited at most once'], 'fail', 'a volatile dedupe record forgets in the crash');
    assert.deepEqual(runOutput(cells[8]).data.verdicts.map((v) => v.status), ['pass', 'pass', 'pass', 'pass']);
    editor.revealRange(new vscode.NotebookRange(cells[3].index, cells[3].index + 1), vscode.NotebookEditorRevealType.AtTop);
    // The chart renderer draws into a webview: wait until the charts are there before taking the picture.
    if (harnessAvailable) await eventually('charts drawn under the runs', async () => (await webviewElements('[data-testid=chart]')).length > 0, 30_000);
    await screenshot('bank-account-outputs');
  });

  it('runs the commit essay: a coordinator crash blocks 2PC, a timeout breaks agreement, 3PC survives the crash and not a partition', async () => {
    const editor = await showNotebook('notebooks/two-phase-commit.protocol.md');
    const cells = codeCells(editor.notebook);
    assert.equal(cells.length, 7);
    await runCells(editor, cells, 120_000);
    const verdicts = (cell: vscode.NotebookCell) => runOutput(cell).data.verdicts.map((v) => v.status);
    assert.deepEqual(verdicts(cells[1]), ['pass', 'pass']);
    assert.deepEqual(verdicts(cells[2]), ['pass', 'fail']);
    assert.deepEqual(verdicts(cells[3]), ['fail', 'pass']);
    assert.match(runOutput(cells[3]).text, /p3 decided "abort" at t=\d+, but coordinator decided "commit"/);
    assert.deepEqual(verdicts(cells[5]), ['pass', 'pass']);
    assert.deepEqual(verdicts(cells[6]), ['fail', 'pass']);
  });

  it('the new-notebook template runs as it is', async () => {
    await vscode.commands.executeCommand('protocol-notebook.newNotebook');
    const editor = vscode.window.activeNotebookEditor;
    assert.ok(editor);
    await selectProtocolKernel();
    const cells = codeCells(editor.notebook);
    await runCells(editor, cells, 120_000);
    assert.equal(cells[0].executionSummary?.success, true);
    const run = runOutput(cells[1]);
    assert.equal(run.data.kind, 'protocol-notebook/run');
    assert.equal(run.data.verdicts[0].name, 'at most one pong per ping sent');
    await screenshot('new-notebook-template');
  });
});
