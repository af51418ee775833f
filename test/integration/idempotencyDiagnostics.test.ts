// The static idempotency analysis in a real VS Code: a warning on the line of
// a handler that is not idempotent, updated while the user types, and quick
// fixes that remove it and keep the protocol working: on the bank notebook,
// after the fix every property passes, on every seed of a sweep.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/harness';
import { eventually } from './support/wait';
import { workspaceUri } from './support/workspace';
import { closeAllEditors, codeCells, outputItems, runCells, showNotebook } from './notebookSupport';

const RUN_MIME = 'application/vnd.protocol-notebook.run+json';
const VALUE_MIME = 'application/vnd.protocol-notebook.value+json';

/** The verdicts of a cell's run output, by property name. */
function verdicts(cell: vscode.NotebookCell): Record<string, string> {
  const item = outputItems(cell).find((i) => i.mime === RUN_MIME);
  assert.ok(item, `cell ${cell.index + 1} has a run output: ${JSON.stringify(outputItems(cell).map((i) => i.mime))}`);
  const run = JSON.parse(item.text) as { verdicts: { name: string; status: string }[] };
  return Object.fromEntries(run.verdicts.map((v) => [v.name, v.status]));
}

const code = 'non-idempotent-handler';

function warnings(cell: vscode.NotebookCell): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(cell.document.uri).filter((d) => d.code === code);
}

async function quickFix(cell: vscode.NotebookCell, diagnostic: vscode.Diagnostic, title: RegExp): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', cell.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action?.edit, `a quick fix matching ${title} among ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

describe('idempotency diagnostics', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('warns on the line of a non-idempotent handler, with the handler as related information', async () => {
    const editor = await showNotebook('test/fixtures/handlers/editor/bank.protocol.md');
    const account = codeCells(editor.notebook)[1];
    const [warning] = await eventually('a warning on the account cell', () => (warnings(account).length ? warnings(account) : undefined));
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.message, 'a duplicate `deposit` adds `msg.amount` to `balance` again');
    assert.equal(warning.range.start.line, 4);
    assert.equal(account.document.getText(warning.range), 'state.balance += msg.amount');
    const related = warning.relatedInformation?.[0];
    assert.equal(related?.location.uri.toString(), account.document.uri.toString());
    assert.equal(related?.location.range.start.line, 3);
    await screenshot('idempotency-warning');
  });

  it('updates while typing, and the quick fixes remove the warnings', async () => {
    const editor = await showNotebook('test/fixtures/handlers/editor/bank.protocol.md');
    const account = codeCells(editor.notebook)[1];
    await eventually('the deposit warning', () => warnings(account).length === 1);

    // Typing `+` makes withdraw's assignment a compound one: a second warning, on its line.
    const line = account.document.lineAt(8);
    const typing = new vscode.WorkspaceEdit();
    typing.replace(account.document.uri, line.range, line.text.replace('state.balance = msg.amount', 'state.balance -= msg.amount'));
    assert.ok(await vscode.workspace.applyEdit(typing));
    const both = await eventually('a warning on withdraw', () => (warnings(account).length === 2 ? warnings(account) : undefined));
    const withdraw = both.find((d) => d.range.start.line === 8);
    assert.equal(withdraw?.message, 'a duplicate `withdraw` subtracts `msg.amount` from `balance` again');

    const deposit = both.find((d) => d.range.start.line === 4);
    assert.ok(deposit);
    await quickFix(account, deposit, /^Deduplicate `deposit` by message id, in memory/);
    await eventually('the deposit warning to go', () => warnings(account).every((d) => !d.message.includes('`deposit`')));
    // The work goes behind the guard; the acknowledgement stays after it, so a duplicate is answered again.
    assert.match(account.document.getText(), /if \(!state\.seen\.has\(msg\.id\)\) \{\n\s+state\.seen\.add\(msg\.id\);\n\s+state\.balance \+= msg\.amount;\n\s+\}\n\s+ctx\.reply\(msg, \{ type: 'ack', id: msg\.id \}\);/);
    assert.match(account.document.getText(), /seen: new Set<string>\(\)/);

    const [left] = warnings(account);
    assert.match(left.message, /`withdraw`/);
    await quickFix(account, left, /^This handler is idempotent: ignore `withdraw`/);
    await eventually('every warning to go', () => warnings(account).length === 0);
    assert.match(account.document.getText(), /\/\/ protocol-notebook: idempotent\n\s+withdraw\(state, msg\)/);
    await screenshot('idempotency-fixed');
  });

  /**
   * Applies a dedupe fix to `deposit` in a copy of the bank notebook, adds two
   * sweeps (the lossy run, and the same with the account crashing and
   * restarting), runs every cell, and returns the cells.
   */
  async function fixAndSweep(kind: 'in memory' | 'durably'): Promise<vscode.NotebookCell[]> {
    // A copy, so that the sample itself stays as it is for the other suites.
    const copy = `test/fixtures/notebooks/bank-account-${kind === 'in memory' ? 'memory' : 'durable'}.protocol.md`;
    await vscode.workspace.fs.copy(workspaceUri('test/fixtures/notebooks/bank-account-classic.protocol.md'), workspaceUri(copy), { overwrite: true });
    const editor = await showNotebook(copy);
    const account = codeCells(editor.notebook)[0];
    const [warning] = await eventually('the deposit warnings', () => (warnings(account).length >= 2 ? warnings(account) : undefined));
    const titles = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', account.document.uri, warning.range, vscode.CodeActionKind.QuickFix.value)).map((a) => a.title);
    assert.ok(titles.includes('Deduplicate `deposit` by message id, in memory (forgotten on a crash)'), titles.join(', '));
    assert.ok(titles.includes('Deduplicate `deposit` by message id, durably (in `ctx.durable`: survives a crash)'), titles.join(', '));
    await quickFix(account, warning, new RegExp(`^Deduplicate \`deposit\` by message id, ${kind}`));
    await eventually('every warning on the account to go', () => warnings(account).length === 0);

    const sweep = (faults: string) => `explore({
  nodes: { account: Account, client: depositor(25) },
  network: { latency: [1, 10], loss: 0.2, duplicate: 0.1 },${faults}
  properties,
  until: 400,
}, { seeds: 200 });`;
    const insert = new vscode.WorkspaceEdit();
    insert.set(editor.notebook.uri, [
      vscode.NotebookEdit.insertCells(editor.notebook.cellCount, [
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, sweep(''), 'protocol-typescript'),
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, `import { crash } from 'protocol-notebook';\n${sweep("\n  faults: [crash('account', { at: 40, restart: 60 })],")}`, 'protocol-typescript'),
      ]),
    ]);
    assert.ok(await vscode.workspace.applyEdit(insert));
    const cells = codeCells(editor.notebook);
    assert.equal(cells.length, 8);
    await runCells(editor, cells, 200_000);
    editor.revealRange(new vscode.NotebookRange(cells[0].index, cells[0].index + 1), vscode.NotebookEditorRevealType.AtTop);
    return cells;
  }

  /** The explore() result a cell shows. */
  function sweepResult(cell: vscode.NotebookCell): { seedsRun: number; failures: { property: string; seeds: number[] }[] } {
    const value = outputItems(cell).find((i) => i.mime === VALUE_MIME);
    assert.ok(value, JSON.stringify(outputItems(cell).map((i) => i.mime)));
    return JSON.parse(value.text) as { seedsRun: number; failures: { property: string; seeds: number[] }[] };
  }

  it('on the bank notebook, deduplicating in memory keeps the acknowledgements: every property passes, on every seed of a sweep', async function () {
    this.timeout(240_000);
    const cells = await fixAndSweep('in memory');
    // The calm run, the lossy run with the fixed account, and the notebook's own deduplicating account.
    for (const cell of [cells[2], cells[3], cells[5]]) assert.deepEqual(Object.values(verdicts(cell)), ['pass', 'pass', 'pass'], JSON.stringify(verdicts(cell)));
    assert.equal(verdicts(cells[3])['every deposit is acknowledged'], 'pass', 'a retried deposit is acknowledged again');
    const lossy = sweepResult(cells[6]);
    assert.equal(lossy.seedsRun, 200);
    assert.deepEqual(lossy.failures, []);
    // In memory, a restarted account has forgotten the ids it saw: some retried deposits are credited again.
    const crashing = sweepResult(cells[7]);
    assert.deepEqual(crashing.failures.map((f) => f.property), ['each deposit is credited at most once']);
    await screenshot('idempotency-bank-fixed');
  });

  it('on the bank notebook, deduplicating durably also survives the account crashing and restarting', async function () {
    this.timeout(240_000);
    const cells = await fixAndSweep('durably');
    for (const cell of [cells[2], cells[3], cells[5]]) assert.deepEqual(Object.values(verdicts(cell)), ['pass', 'pass', 'pass'], JSON.stringify(verdicts(cell)));
    assert.deepEqual(sweepResult(cells[6]).failures, []);
    assert.deepEqual(sweepResult(cells[7]).failures, [], 'the seen set is in ctx.durable: the restarted account still knows every id');
    assert.match(cells[0].document.getText(), /if \(!ctx\.durable\.seen\.has\(msg\.id\)\) \{/);
  });

  it('offers no dedupe fix for messages without an id (never one keyed by JSON.stringify(msg))', async () => {
    const editor = await showNotebook('test/integration/fixtures/idempotencyNoId.protocol.md');
    const counter = codeCells(editor.notebook)[0];
    const [warning] = await eventually('the warning on add', () => (warnings(counter).length ? warnings(counter) : undefined));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', counter.document.uri, warning.range, vscode.CodeActionKind.QuickFix.value);
    // The reason is a disabled action, which this command does not list; what it lists has no dedupe edit to apply.
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Deduplicate') && a.edit).map((a) => a.title), []);
    assert.ok(actions.some((a) => a.title === 'This handler is idempotent: ignore `add`' && a.edit), 'ignore is still offered');
  });
});
