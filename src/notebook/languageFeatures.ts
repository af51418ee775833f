/**
 * Completion, hover, signature help, go to definition, references and
 * rename in a protocol notebook's code cells, over the notebook as one
 * program (earlier cells and the `protocol-notebook` API are known), plus its
 * type errors. Thin: every answer comes from src/analysis/languageFeatures,
 * computed in the analysis worker; this converts positions and results.
 */
import * as vscode from 'vscode';
import { CODE_CELL_LANGUAGES, NOTEBOOK_TYPE } from '../document';
import type { CellCompletion, SymbolDocumentation } from '../analysis/languageFeatures';
// Not through the index: that would bring the TypeScript compiler into the extension bundle.
import { completionTriggerCharacters, signatureHelpTriggerCharacters } from '../analysis/languageFeatures/triggerCharacters';
import type { CellPosition } from '../analysis/cellMap';
import { toVscodeRange } from './idempotencyDiagnostics';
import { LanguageFeaturesClient, cellPosition, notebookCellOf, toVscodeLocation, type NotebookCellAt } from './languageFeaturesClient';
import { LanguageFeaturesDiagnostics } from './languageFeaturesDiagnostics';
import type { LanguageServiceWorker } from './languageServiceWorker';

/** The code cells of protocol notebooks, in either language a code cell may have. */
const codeCells: vscode.DocumentSelector = CODE_CELL_LANGUAGES.map((language) => ({ notebookType: NOTEBOOK_TYPE, language }));

/** TypeScript's kinds of names (ts.ScriptElementKind) as completion item kinds. */
const completionKinds: Record<string, vscode.CompletionItemKind> = {
  method: vscode.CompletionItemKind.Method,
  property: vscode.CompletionItemKind.Field,
  getter: vscode.CompletionItemKind.Property,
  setter: vscode.CompletionItemKind.Property,
  function: vscode.CompletionItemKind.Function,
  'local function': vscode.CompletionItemKind.Function,
  constructor: vscode.CompletionItemKind.Constructor,
  const: vscode.CompletionItemKind.Constant,
  let: vscode.CompletionItemKind.Variable,
  var: vscode.CompletionItemKind.Variable,
  'local var': vscode.CompletionItemKind.Variable,
  parameter: vscode.CompletionItemKind.Variable,
  class: vscode.CompletionItemKind.Class,
  interface: vscode.CompletionItemKind.Interface,
  type: vscode.CompletionItemKind.TypeParameter,
  'type parameter': vscode.CompletionItemKind.TypeParameter,
  'primitive type': vscode.CompletionItemKind.Keyword,
  enum: vscode.CompletionItemKind.Enum,
  'enum member': vscode.CompletionItemKind.EnumMember,
  module: vscode.CompletionItemKind.Module,
  alias: vscode.CompletionItemKind.Reference,
  keyword: vscode.CompletionItemKind.Keyword,
  string: vscode.CompletionItemKind.Value,
};

/** A completion item that remembers where it was asked for, to fetch its documentation when selected. */
class CellCompletionItem extends vscode.CompletionItem {
  constructor(
    readonly at: NotebookCellAt & { position: CellPosition },
    readonly entry: CellCompletion,
  ) {
    super(entry.name, completionKinds[entry.kind] ?? vscode.CompletionItemKind.Text);
  }
}

/** The signature as a TypeScript code block and the JSDoc as Markdown. */
function documentationOf(doc: SymbolDocumentation): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString().appendCodeblock(doc.signature, 'typescript');
  if (doc.markdown) markdown.appendMarkdown('\n\n' + doc.markdown);
  return markdown;
}

class ProtocolLanguageFeatures
  implements vscode.CompletionItemProvider<CellCompletionItem>, vscode.HoverProvider, vscode.SignatureHelpProvider, vscode.DefinitionProvider, vscode.TypeDefinitionProvider, vscode.ReferenceProvider, vscode.RenameProvider
{
  constructor(private readonly client: LanguageFeaturesClient) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.CompletionContext): Promise<vscode.CompletionList<CellCompletionItem> | undefined> {
    const cell = notebookCellOf(document);
    if (!cell) return undefined;
    const at = { ...cell, position: cellPosition(position) };
    const result = await this.client.ask(cell.notebook, { feature: 'completions', cellIndex: cell.cellIndex, position: at.position, triggerCharacter: context.triggerCharacter });
    if (!result) return undefined;
    const items = result.items.map((entry) => {
      const item = new CellCompletionItem(at, entry);
      item.sortText = entry.sortText;
      if (entry.insertText !== undefined) item.insertText = entry.insertText;
      if (entry.replacementRange) item.range = toVscodeRange(entry.replacementRange);
      if (entry.kindModifiers?.includes('deprecated')) item.tags = [vscode.CompletionItemTag.Deprecated];
      return item;
    });
    return new vscode.CompletionList(items);
  }

  async resolveCompletionItem(item: CellCompletionItem): Promise<CellCompletionItem> {
    const { notebook, cellIndex, position } = item.at;
    const doc = await this.client.ask(notebook, { feature: 'completion-documentation', cellIndex, position, item: item.entry });
    if (doc) {
      item.detail = doc.signature;
      if (doc.markdown) item.documentation = new vscode.MarkdownString(doc.markdown);
    }
    return item;
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const cell = notebookCellOf(document);
    const hover = cell && (await this.client.ask(cell.notebook, { feature: 'hover', cellIndex: cell.cellIndex, position: cellPosition(position) }));
    return hover && new vscode.Hover(documentationOf(hover), toVscodeRange(hover.range));
  }

  async provideSignatureHelp(document: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.SignatureHelpContext): Promise<vscode.SignatureHelp | undefined> {
    const cell = notebookCellOf(document);
    const help = cell && (await this.client.ask(cell.notebook, { feature: 'signature-help', cellIndex: cell.cellIndex, position: cellPosition(position), triggerCharacter: context.triggerCharacter }));
    if (!help) return undefined;
    const result = new vscode.SignatureHelp();
    result.signatures = help.signatures.map((s) => {
      const signature = new vscode.SignatureInformation(s.label, new vscode.MarkdownString(s.markdown));
      signature.parameters = s.parameters.map((p) => new vscode.ParameterInformation(p.label, new vscode.MarkdownString(p.markdown)));
      return signature;
    });
    result.activeSignature = help.activeSignature;
    result.activeParameter = help.activeParameter;
    return result;
  }

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[]> {
    return this.locations(document, position, 'definitions');
  }

  provideTypeDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[]> {
    return this.locations(document, position, 'type-definitions');
  }

  async provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): Promise<vscode.Location[]> {
    const cell = notebookCellOf(document);
    if (!cell) return [];
    const found = await this.client.ask(cell.notebook, { feature: 'references', cellIndex: cell.cellIndex, position: cellPosition(position), includeDeclaration: context.includeDeclaration });
    return found.flatMap((l) => toVscodeLocation(cell.notebook, l) ?? []);
  }

  async prepareRename(document: vscode.TextDocument, position: vscode.Position): Promise<{ range: vscode.Range; placeholder: string }> {
    const cell = notebookCellOf(document);
    if (!cell) throw new Error('Only code cells of a protocol notebook can be renamed in.');
    const target = await this.client.ask(cell.notebook, { feature: 'rename-target', cellIndex: cell.cellIndex, position: cellPosition(position) });
    // VS Code shows a thrown error's message as the reason the rename is refused.
    if ('error' in target) throw new Error(target.error);
    return { range: toVscodeRange(target.range), placeholder: target.placeholder };
  }

  async provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit | undefined> {
    const cell = notebookCellOf(document);
    if (!cell) return undefined;
    const result = await this.client.ask(cell.notebook, { feature: 'rename', cellIndex: cell.cellIndex, position: cellPosition(position), newName });
    if ('error' in result) throw new Error(result.error);
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) if (e.cellIndex < cell.notebook.cellCount) edit.replace(cell.notebook.cellAt(e.cellIndex).document.uri, toVscodeRange(e.range), e.newText);
    return edit;
  }

  private async locations(document: vscode.TextDocument, position: vscode.Position, feature: 'definitions' | 'type-definitions'): Promise<vscode.Location[]> {
    const cell = notebookCellOf(document);
    if (!cell) return [];
    const found = await this.client.ask(cell.notebook, { feature, cellIndex: cell.cellIndex, position: cellPosition(position) });
    return found.flatMap((l) => toVscodeLocation(cell.notebook, l) ?? []);
  }
}

/** Registers the editing features of protocol notebooks' code cells, answered by the shared analysis worker. */
export function registerLanguageFeatures(worker: LanguageServiceWorker): vscode.Disposable {
  const client = new LanguageFeaturesClient(worker);
  const features = new ProtocolLanguageFeatures(client);
  return vscode.Disposable.from(
    new LanguageFeaturesDiagnostics(client),
    vscode.languages.registerCompletionItemProvider(codeCells, features, ...completionTriggerCharacters),
    vscode.languages.registerHoverProvider(codeCells, features),
    vscode.languages.registerSignatureHelpProvider(codeCells, features, { triggerCharacters: [...signatureHelpTriggerCharacters], retriggerCharacters: [')'] }),
    vscode.languages.registerDefinitionProvider(codeCells, features),
    vscode.languages.registerTypeDefinitionProvider(codeCells, features),
    vscode.languages.registerReferenceProvider(codeCells, features),
    vscode.languages.registerRenameProvider(codeCells, features),
  );
}
