/**
 * Quick fixes on the idempotency warnings of a protocol notebook's cells:
 * "Deduplicate by message id" in memory and durably (each keeps the
 * handler's replies), and "This handler is idempotent: ignore". The edits
 * come from the analysis worker (plain functions in src/analysis); this turns
 * them into a WorkspaceEdit over the notebook's cells. Where no dedupe fix
 * applies (no `id` field, a check already there), a disabled action says
 * why; on a warning a run contradicted (shown as a hint) only "ignore" is
 * offered.
 */
import * as vscode from 'vscode';
import { CODE_CELL_LANGUAGES, NOTEBOOK_TYPE } from '../document';
import type { QuickFixKind } from '../analysis/analysisRequests';
import type { CellEdit } from '../analysis/idempotency/quickFixEdits';
import { dedupeFixTitle } from '../analysis/idempotency/fixTitles';
import type { CellRange } from '../analysis/cellMap';
import { nonIdempotentHandlerCode } from '../analysis/idempotency/finding';
import { witnessDiagnosticSource } from './idempotencyWitnessDiagnostics';
import { IdempotencyDiagnostics, notebookOfCell, programCellsOf, toVscodeRange, type RunEvidenceSource } from './idempotencyDiagnostics';
import type { LanguageServiceWorker } from './languageServiceWorker';

const fixes: { kind: QuickFixKind; title: (messageType: string) => string; preferred: boolean; dedupe: boolean }[] = [
  { kind: 'dedupe-in-memory', title: (type) => dedupeFixTitle(type, 'memory'), preferred: true, dedupe: true },
  { kind: 'dedupe-durably', title: (type) => dedupeFixTitle(type, 'durable'), preferred: false, dedupe: true },
  { kind: 'ignore-handler', title: (type) => `This handler is idempotent: ignore \`${type}\``, preferred: false, dedupe: false },
];

export class IdempotencyQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly diagnostics: IdempotencyDiagnostics,
    private readonly worker: LanguageServiceWorker,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.code === nonIdempotentHandlerCode);
    const notebook = ours.length > 0 ? notebookOfCell(document.uri) : undefined;
    if (!notebook) return [];
    const cellIndex = notebook.getCells().findIndex((cell) => cell.document.uri.toString() === document.uri.toString());
    const actions: vscode.CodeAction[] = [];
    const handled = new Set<string>();
    for (const diagnostic of ours) {
      // A finding a run contradicted is shown with the run's note after its message.
      const finding = this.diagnostics.findingsOf(notebook).find((f) => f.cellIndex === cellIndex && diagnostic.message.startsWith(f.message) && toVscodeRange(f.range).isEqual(diagnostic.range));
      const target = finding ? { handlerRange: finding.handlerRange, messageType: finding.handler.messageType } : witnessTarget(document, cellIndex, diagnostic);
      if (!target) continue;
      const handler = JSON.stringify(target.handlerRange);
      if (handled.has(handler)) continue;
      handled.add(handler);
      // A hint is a warning a run contradicted: the handler was seen to be idempotent, so deduplicating it would not help.
      const contradicted = diagnostic.severity === vscode.DiagnosticSeverity.Hint;
      let explained = false;
      for (const fix of fixes) {
        if (fix.dedupe && contradicted) continue;
        const { edits, unavailable } = await this.editsFor(notebook, target.handlerRange, fix.kind);
        if (edits.length > 0) actions.push(action(fix.title(target.messageType), notebook, edits, diagnostic, fix.preferred));
        else if (unavailable && !explained) {
          explained = true;
          actions.push(unavailableAction(`Deduplicate \`${target.messageType}\` by message id`, unavailable, diagnostic));
        }
      }
    }
    return actions;
  }

  private async editsFor(notebook: vscode.NotebookDocument, handlerRange: CellRange, fix: QuickFixKind): Promise<{ edits: CellEdit[]; unavailable?: string }> {
    const response = await this.worker.request({ kind: 'quick-fix', notebook: notebook.uri.toString(), cells: programCellsOf(notebook), handlerRange, fix });
    return response.kind === 'quick-fix' ? response : { edits: [] };
  }
}

/** A run's witness sits on the handler's name, which is what the fixes take: the same fixes apply (also where the static analysis saw nothing). */
function witnessTarget(document: vscode.TextDocument, cellIndex: number, diagnostic: vscode.Diagnostic): { handlerRange: CellRange; messageType: string } | undefined {
  if (diagnostic.source !== witnessDiagnosticSource) return undefined;
  const { start, end } = diagnostic.range;
  const handlerRange = { cellIndex, range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } } };
  return { handlerRange, messageType: document.getText(diagnostic.range) };
}

/** A fix that does not apply here, shown disabled with the reason (VS Code lists it greyed out and says why). */
function unavailableAction(title: string, reason: string, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  fix.diagnostics = [diagnostic];
  fix.disabled = { reason };
  return fix;
}

function action(title: string, notebook: vscode.NotebookDocument, edits: readonly CellEdit[], diagnostic: vscode.Diagnostic, preferred: boolean): vscode.CodeAction {
  const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  fix.diagnostics = [diagnostic];
  fix.isPreferred = preferred;
  fix.edit = new vscode.WorkspaceEdit();
  for (const edit of edits) fix.edit.replace(notebook.cellAt(edit.cellIndex).document.uri, toVscodeRange(edit.range), edit.newText);
  return fix;
}

/**
 * The static idempotency analysis in the editor: warnings while typing and
 * their quick fixes, computed in the analysis worker (shared with the
 * editing features: one program per notebook).
 */
export function registerIdempotencyAnalysis(worker: LanguageServiceWorker, runEvidence?: RunEvidenceSource): vscode.Disposable {
  const diagnostics = new IdempotencyDiagnostics(worker, runEvidence);
  const quickFixes = vscode.languages.registerCodeActionsProvider(
    CODE_CELL_LANGUAGES.map((language) => ({ notebookType: NOTEBOOK_TYPE, language })),
    new IdempotencyQuickFixes(diagnostics, worker),
    IdempotencyQuickFixes.metadata,
  );
  return vscode.Disposable.from(quickFixes, diagnostics);
}
