// The sequence chart in a real VS Code: running a cell that simulates draws
// the chart under the cell (the notebook renderer), with the run's verdicts;
// a verdict selects its violating delivery, a mouse click on the canvas the
// delivery drawn there; asking for the selection's handler reveals the
// handler's line in the cell; the state diff opens in VS Code's diff editor;
// the wheel over a chart scrolls the notebook until the chart is clicked; the
// run opens in the trace panel, titled with its cell and notebook.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { clickChartEvent, clickInWebview, harnessAvailable, screenshot, webviewElements, wheelInWebview } from './support/harness';
import type { Trace } from '../../src/common/traceFormat';
import { eventually } from './support/wait';
import { closeAllEditors, codeCells, runCells, showNotebook } from './notebookSupport';

describe('the sequence chart', function () {
  this.timeout(180_000);
  before(activateExtension);
  afterEach(closeAllEditors);

  it('draws a simulated run under its cell, and reveals the handler of the violating delivery', async function () {
    if (!harnessAvailable) this.skip();
    const editor = await showNotebook('test/fixtures/notebooks/bank-account-classic.protocol.md');
    // The document may still hold outputs of an earlier suite's run of the whole sample.
    await vscode.commands.executeCommand('notebook.clearAllCellsOutputs');
    const cells = codeCells(editor.notebook);
    await runCells(editor, cells.slice(0, 4), 120_000);
    editor.revealRange(new vscode.NotebookRange(cells[3].index, cells[3].index + 1), vscode.NotebookEditorRevealType.AtTop);

    // Both runs are drawn: the calm one passes everything, the lossy one fails two properties.
    const charts = await eventually('two charts under the cells', async () => {
      const found = await webviewElements('[data-testid=chart]');
      return found.length >= 2 ? found : undefined;
    }, 60_000);
    assert.equal(charts.length, 2);
    const verdicts = await webviewElements('.pn-verdict');
    // Webviews come in no set order: compare the verdicts as a multiset.
    assert.deepEqual(verdicts.map((v) => v.attributes['data-status']).sort(), ['fail', 'fail', 'pass', 'pass', 'pass', 'pass']);
    await eventually('the chart to list the events it drew', async () => (await webviewElements('.pn-events li')).length > 10, 20_000);
    await screenshot('sequence-chart-under-cell');
    // The chart follows the theme: the same run in Dark Modern.
    const workbench = vscode.workspace.getConfiguration('workbench');
    const theme = workbench.inspect<string>('colorTheme')?.globalValue;
    await workbench.update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await screenshot('sequence-chart-under-cell-dark');
    await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);

    // The first failing verdict selects its violating event (a delivery of a deposit).
    await clickInWebview('.pn-verdict--fail');
    await eventually('the details of the violating event', async () => (await webviewElements('.pn-details-title')).some((t) => /account/.test(t.text)), 20_000);
    // A mouse click on the canvas selects what is drawn there: the lossy run's first delivery of a deposit.
    const lossyChart = '[data-testid=chart]:has(.pn-verdict--fail)';
    const trace = runTrace(cells[3]);
    const firstDeposit = trace.events.find((e) => e.kind === 'deliver' && e.node === 'account' && trace.messages.find((m) => m.id === e.msg)?.type === 'deposit');
    assert.ok(firstDeposit, 'the lossy run delivers a deposit');
    const title = async () => (await webviewElements(`${lossyChart} .pn-details-title`))[0]?.text;
    const violating = await title();
    const expected = `account receives deposit #${firstDeposit.msg} from client`;
    assert.notEqual(violating, expected, 'the violating delivery is a later one');
    await clickChartEvent(lossyChart, firstDeposit.i);
    await eventually(`the details of the clicked delivery (event ${firstDeposit.i})`, async () => (await title()) === expected, 20_000);
    await screenshot('sequence-chart-clicked-delivery');
    // The state before and after opens in the diff editor, over our virtual documents.
    await clickInWebview('[data-action=openStateDiff]:not([disabled])');
    const diff = await eventually('a diff editor on the node state', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    }, 20_000);
    assert.equal(diff.original.scheme, 'protocol-notebook-state');
    const before = await vscode.workspace.openTextDocument(diff.original);
    const after = await vscode.workspace.openTextDocument(diff.modified);
    assert.match(before.getText(), /balance: \d+/);
    assert.notEqual(before.getText(), after.getText(), 'the delivery changed the balance');
    await screenshot('sequence-chart-state-diff');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    // Back in the notebook, the same selection reveals its handler: Account's deposit.
    await clickInWebview('[data-action=revealHandler]:not([disabled])');
    const account = cells[0];
    const revealed = await eventually('the handler line to be revealed', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === account.document.uri.toString() && active.selection.active.line > 0 ? active : undefined;
    }, 20_000);
    const line = revealed.document.lineAt(revealed.selection.active.line).text;
    assert.match(line, /^\s*deposit\(state, msg, ctx\) \{/, `the cursor is on the deposit handler: ${line}`);
    await screenshot('sequence-chart-revealed-handler');
  });

  it('scrolls the notebook when the wheel turns over a chart without focus, and the chart once it is clicked', async function () {
    if (!harnessAvailable) this.skip();
    const editor = await showNotebook('test/fixtures/notebooks/bank-account-classic.protocol.md');
    const cells = codeCells(editor.notebook);
    await runCells(editor, cells.slice(0, 4), 120_000);
    editor.revealRange(new vscode.NotebookRange(cells[3].index, cells[3].index + 1), vscode.NotebookEditorRevealType.AtTop);
    const lossyChart = '[data-testid=chart]:has(.pn-verdict--fail)';
    await eventually('the lossy run drawn', async () => (await webviewElements(`${lossyChart} .pn-events li`)).length > 10, 60_000);
    const unfocused = await wheelInWebview(`${lossyChart} .pn-scroller`, 300);
    assert.ok(unfocused.after.top < unfocused.before.top - 20, `the notebook scrolled: the chart moved up from ${unfocused.before.top} to ${unfocused.after.top}`);
    assert.equal(unfocused.after.scrollTop, unfocused.before.scrollTop, 'the chart did not take the wheel');
    await screenshot('sequence-chart-wheel-scrolls-notebook');
    // Clicked, the chart has focus and takes the wheel; the notebook stays.
    await clickInWebview(`${lossyChart} .pn-stage`);
    const focused = await wheelInWebview(`${lossyChart} .pn-scroller`, 200);
    assert.ok(focused.after.scrollTop > focused.before.scrollTop, `the chart scrolled (${focused.before.scrollTop} → ${focused.after.scrollTop})`);
    assert.ok(Math.abs(focused.after.top - focused.before.top) <= 2, `the notebook stayed (${focused.before.top} → ${focused.after.top})`);
    await screenshot('sequence-chart-wheel-scrolls-chart');
  });

  it('opens a run in the trace panel, titled with its cell and notebook', async function () {
    if (!harnessAvailable) this.skip();
    const editor = await showNotebook('test/fixtures/notebooks/bank-account-classic.protocol.md');
    const cells = codeCells(editor.notebook);
    await runCells(editor, cells.slice(0, 4), 120_000);
    const expected = (cell: vscode.NotebookCell) => `Run of cell ${cell.index + 1} (seed ${runTrace(cell).seed}) — bank-account-classic.protocol.md`;
    const panelTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    // From the cell's toolbar command.
    await vscode.commands.executeCommand('protocol-notebook.openRunInPanel', cells[3]);
    await eventually('the trace panel to draw the run', async () => (await webviewElements('.pn-chart--panel .pn-verdict')).length === 3, 60_000);
    assert.deepEqual(panelTabs().map((t) => t.label), [expected(cells[3])]);
    await screenshot('trace-panel');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await eventually('the panel closed', () => panelTabs().length === 0, 20_000);
    // From the chart's own "Open in panel" button, which names its output: the calm run of the cell above.
    const shown = await showNotebook('test/fixtures/notebooks/bank-account-classic.protocol.md');
    // Outputs scrolled out of the notebook's view are hidden: bring the calm run's chart into view.
    shown.revealRange(new vscode.NotebookRange(cells[2].index, cells[2].index + 1), vscode.NotebookEditorRevealType.AtTop);
    await eventually('the calm run drawn', async () => (await webviewElements('[data-testid=chart]:not(:has(.pn-verdict--fail)) .pn-events li')).length > 10, 60_000);
    await clickInWebview('[data-testid=chart]:not(:has(.pn-verdict--fail)) button[aria-label="Open this run in a larger panel"]');
    const tab = await eventually('a panel opened from the chart', () => panelTabs()[0], 60_000);
    assert.equal(tab.label, expected(cells[2]));
    await eventually('the trace panel to draw the calm run', async () => (await webviewElements('.pn-chart--panel .pn-verdict--pass')).length === 3, 60_000);
    await screenshot('trace-panel-from-chart');
  });
});

/** The trace of the run a cell's output shows. */
function runTrace(cell: vscode.NotebookCell): Trace {
  const item = cell.outputs.flatMap((o) => o.items).find((i) => i.mime === 'application/vnd.protocol-notebook.run+json');
  assert.ok(item, `cell ${cell.index + 1} shows a run`);
  return (JSON.parse(new TextDecoder().decode(item.data)) as { trace: Trace }).trace;
}
