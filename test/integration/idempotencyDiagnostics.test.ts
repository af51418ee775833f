// The static idempotency analysis in a real VS Code: a warning on the line of
// a handler that is not idempotent, updated while the user types, and quick
// fixes that remove it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/harness';
import { eventually } from './support/wait';
import { closeAllEditors, codeCells, showNotebook } from './notebookSupport';

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
    await quickFix(account, deposit, /^Deduplicate `deposit` by message id/);
    await eventually('the deposit warning to go', () => warnings(account).every((d) => !d.message.includes('`deposit`')));
    assert.match(account.document.getText(), /if \(state\.seen\.has\(msg\.id\)\) return;\n\s+state\.seen\.add\(msg\.id\);/);
    assert.match(account.document.getText(), /seen: new Set<string>\(\)/);

    const [left] = warnings(account);
    assert.match(left.message, /`withdraw`/);
    await quickFix(account, left, /^This handler is idempotent: ignore `withdraw`/);
    await eventually('every warning to go', () => warnings(account).length === 0);
    assert.match(account.document.getText(), /\/\/ protocol-notebook: idempotent\n\s+withdraw\(state, msg\)/);
    await screenshot('idempotency-fixed');
  });
});
