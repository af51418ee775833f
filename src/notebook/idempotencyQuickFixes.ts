/**
 * Quick fixes on the idempotency warnings of a protocol notebook's cells:
 * "Deduplicate by message id" and "This handler is idempotent: ignore". The
 * edits themselves come from src/analysis (plain functions); this turns them
 * into a WorkspaceEdit over the notebook's cells.
 */
import * as vscode from 'vscode';
import { CODE_LANGUAGE, NOTEBOOK_TYPE } from '../document';
import { nonIdempotentHandlerCode } from '../analysis/idempotency/finding';
import { type CellEdit, dedupeByMessageIdEdits, ignoreHandlerEdits } from '../analysis/idempotency/quickFixEdits';
import { IdempotencyDiagnostics, notebookOfCell, toVscodeRange } from './idempotencyDiagnostics';

export class IdempotencyQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: IdempotencyDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.code === nonIdempotentHandlerCode);
    const notebook = ours.length > 0 ? notebookOfCell(document.uri) : undefined;
    if (!notebook) return [];
    const program = this.diagnostics.refresh(notebook);
    if (!program) return [];
    const cellIndex = notebook.getCells().findIndex((cell) => cell.document.uri.toString() === document.uri.toString());
    const actions: vscode.CodeAction[] = [];
    const fixed = new Set<string>();
    for (const diagnostic of ours) {
      const finding = this.diagnostics.findingsOf(notebook).find((f) => f.cellIndex === cellIndex && f.message === diagnostic.message && toVscodeRange(f.range).isEqual(diagnostic.range));
      if (!finding) continue;
      const handler = `${finding.handlerRange.cellIndex}:${finding.handlerRange.range.start.line}:${finding.handlerRange.range.start.character}`;
      if (fixed.has(handler)) continue;
      fixed.add(handler);
      const dedupe = dedupeByMessageIdEdits(program, finding.handlerRange);
      if (dedupe?.length) actions.push(action(`Deduplicate \`${finding.handler.messageType}\` by message id`, notebook, dedupe, diagnostic, true));
      const ignore = ignoreHandlerEdits(program, finding.handlerRange);
      if (ignore?.length) actions.push(action(`This handler is idempotent: ignore \`${finding.handler.messageType}\``, notebook, ignore, diagnostic, false));
    }
    return actions;
  }
}

function action(title: string, notebook: vscode.NotebookDocument, edits: readonly CellEdit[], diagnostic: vscode.Diagnostic, preferred: boolean): vscode.CodeAction {
  const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  fix.diagnostics = [diagnostic];
  fix.isPreferred = preferred;
  fix.edit = new vscode.WorkspaceEdit();
  for (const edit of edits) fix.edit.replace(notebook.cellAt(edit.cellIndex).document.uri, toVscodeRange(edit.range), edit.newText);
  return fix;
}

/** The static idempotency analysis in the editor: warnings while typing and their quick fixes. */
export function registerIdempotencyAnalysis(): vscode.Disposable {
  const diagnostics = new IdempotencyDiagnostics();
  const quickFixes = vscode.languages.registerCodeActionsProvider(
    { notebookType: NOTEBOOK_TYPE, language: CODE_LANGUAGE },
    new IdempotencyQuickFixes(diagnostics),
    IdempotencyQuickFixes.metadata,
  );
  return vscode.Disposable.from(diagnostics, quickFixes);
}
