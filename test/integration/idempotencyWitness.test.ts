// The simulator's proof of non-idempotence in a real VS Code: the static
// warning on the handler while editing, the run's witness on the handler's
// line and the failing exactly-once property, then the quick fix: the warning
// and the witness go, and the run's exactly-once property passes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { harnessAvailable, screenshot, webviewElements } from './support/harness';
import { eventually } from './support/wait';
import { closeAllEditors, codeCells, outputItems, runCells, showNotebook } from './notebookSupport';

const fixture = 'test/integration/fixtures/idempotencyWitness.protocol.md';
const code = 'non-idempotent-handler';
const runSource = 'protocol-notebook (run)';

function ours(cell: vscode.NotebookCell): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(cell.document.uri).filter((d) => d.code === code);
}
const staticWarnings = (cell: vscode.NotebookCell) => ours(cell).filter((d) => d.source !== runSource);
const witnesses = (cell: vscode.NotebookCell) => ours(cell).filter((d) => d.source === runSource);

/** The verdict of a property in the run output of a cell. */
function verdict(cell: vscode.NotebookCell, name: string): string | undefined {
  const run = outputItems(cell).find((i) => i.mime === 'application/vnd.protocol-notebook.run+json');
  if (!run) return undefined;
  const data = JSON.parse(run.text) as { verdicts: { name: string; status: string }[] };
  return data.verdicts.find((v) => v.name === name)?.status;
}

describe('idempotency witness from a run', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('warns while editing, proves it with a run, and the quick fix makes the run pass', async function () {
    this.timeout(240_000);
    const editor = await showNotebook(fixture);
    const [, account, , simulation] = codeCells(editor.notebook);
    assert.ok(account && simulation);
    const handlerLine = account.document.getText().split('\n').findIndex((l) => l.includes('deposit(state, msg, ctx)'));
    const balanceLine = handlerLine + 1;

    // While editing: the static warning, on the line that adds to the balance.
    const before = await eventually('the static warning on the account cell', () => {
      const found = staticWarnings(account).find((d) => d.range.start.line === balanceLine);
      return found;
    });
    assert.equal(before.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(before.message, 'a duplicate `deposit` adds `msg.amount` to `balance` again');
    assert.deepEqual(witnesses(account), [], 'no witness before anything ran');
    await screenshot('idempotency-witness-before-run');

    // Running the simulation (the cells above replay first) proves it.
    await runCells(editor, [simulation], 120_000);
    assert.equal(verdict(simulation, 'each deposit credited once'), 'fail', 'the exactly-once property fails');
    const [witness] = await eventually('the witness on the deposit handler', () => (witnesses(account).length ? witnesses(account) : undefined));
    assert.equal(witness.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(witness.range.start.line, handlerLine, 'on the handler\'s line, in the cell that defines it');
    assert.equal(account.document.getText(witness.range), 'deposit');
    assert.match(witness.message, /^`deposit` is not idempotent: delivering `deposit` #\d+ twice changed `balance` from 10 to 20 — seed 1, t=\d+/);
    const related = witness.relatedInformation?.[0];
    assert.equal(related?.location.uri.toString(), simulation.document.uri.toString(), 'related information points at the run');
    assert.match(related?.message ?? '', /seed 1/);
    assert.equal(staticWarnings(account).find((d) => d.range.start.line === balanceLine)?.severity, vscode.DiagnosticSeverity.Warning, 'a refuted handler keeps its static warning');
    if (harnessAvailable) {
      editor.revealRange(new vscode.NotebookRange(simulation.index, simulation.index + 1), vscode.NotebookEditorRevealType.AtTop);
      await eventually('the chart under the simulation', async () => (await webviewElements('[data-testid=chart]')).length > 0, 60_000);
      await screenshot('idempotency-witness-chart');
    }
    editor.revealRange(new vscode.NotebookRange(account.index, account.index + 1), vscode.NotebookEditorRevealType.AtTop);
    await screenshot('idempotency-witness-after-run');

    // The quick fix deduplicates by message id, offered on the static warning and on the witness alike:
    // the warnings go, and so does the witness (the code it spoke of changed).
    const fixesAt = async (range: vscode.Range) => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', account.document.uri, range, vscode.CodeActionKind.QuickFix.value);
      const dedupe = actions.find((a) => /^Deduplicate `deposit` by message id/.test(a.title));
      assert.ok(dedupe?.edit, `the dedupe quick fix among ${actions.map((a) => a.title).join(', ')}`);
      return dedupe.edit;
    };
    await fixesAt(before.range);
    assert.ok(await vscode.workspace.applyEdit(await fixesAt(witness.range)));
    await eventually('every idempotency warning on the account cell to go', () => ours(account).length === 0);
    assert.match(account.document.getText(), /if \(!state\.seen\.has\(msg\.id\)\) \{\n\s+state\.seen\.add\(msg\.id\);/);

    // Run again: exactly once holds, and no witness comes back.
    await runCells(editor, [simulation], 120_000);
    assert.equal(verdict(simulation, 'each deposit credited once'), 'pass', 'the exactly-once property passes');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(ours(account).map((d) => d.message), [], 'no witness and no warning after the fixed run');
    await screenshot('idempotency-witness-after-fix');
  });

  it('downgrades a static warning that a run contradicts to a hint, and restores it when the handler changes', async function () {
    this.timeout(240_000);
    const editor = await showNotebook('test/integration/fixtures/idempotencyHeldUp.protocol.md');
    const [, account, simulation] = codeCells(editor.notebook);
    assert.ok(account && simulation);
    const balanceLine = account.document.getText().split('\n').findIndex((l) => l.includes('state.balance +='));
    const warning = await eventually('the static warning on the balance line', () => staticWarnings(account).find((d) => d.range.start.line === balanceLine));
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);

    await runCells(editor, [simulation], 120_000);
    const hint = await eventually('the warning to become a hint', () => staticWarnings(account).find((d) => d.severity === vscode.DiagnosticSeverity.Hint));
    assert.equal(hint.range.start.line, balanceLine);
    assert.match(hint.message, /^a duplicate `deposit` adds `msg\.amount - before` to `balance` again \(but the run with seed 1 replayed \d+ deliveries twice and saw no change\)$/);
    assert.deepEqual(witnesses(account), [], 'the run found no witness');
    await screenshot('idempotency-held-up-hint');

    // Editing the handler's cell makes the run's evidence stale: the warning is back.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(account.document.uri, new vscode.Position(balanceLine, 0), '      // applied once per id\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually('the warning to be a warning again', () => staticWarnings(account).some((d) => d.severity === vscode.DiagnosticSeverity.Warning && d.range.start.line === balanceLine + 1));
  });
});
