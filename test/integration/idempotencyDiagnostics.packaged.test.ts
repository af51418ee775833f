// The idempotency analysis in the installed .vsix: the TypeScript libraries and
// the protocol API's declarations it reads at run time are in the package.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually } from './support/wait';
import { openAsUserWould } from './support/openNotebook';

describe('idempotency diagnostics from the installed .vsix', () => {
  it('warn on a non-idempotent handler', async () => {
    const editor = await openAsUserWould('test/fixtures/handlers/editor/bank.protocol.md');
    const account = editor.notebook.getCells().filter((cell) => cell.kind === vscode.NotebookCellKind.Code)[1];
    const warnings = await eventually('a warning on the account cell', () => {
      const found = vscode.languages.getDiagnostics(account.document.uri).filter((d) => d.code === 'non-idempotent-handler');
      return found.length > 0 ? found : undefined;
    }, 30_000);
    assert.equal(warnings[0].message, 'a duplicate `deposit` adds `msg.amount` to `balance` again');
    assert.equal(warnings[0].range.start.line, 4);
  });
});
