/**
 * Completion in a cell: the language service's completions over the whole
 * notebook (names from earlier cells, the API, `ctx.` members, message `type`
 * literals of a union), with positions in the cell.
 */
import * as ts from 'typescript';
import type { CellPosition, CellTextRange } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import { cellRangeOfSpan } from './featureLocation';
import { symbolDocumentation, type SymbolDocumentation } from './documentation';
import { completionTriggerCharacters } from './triggerCharacters';


/** One completion item, in cell coordinates. */
export interface CellCompletion {
  name: string;
  /** TypeScript's kind of the name (`method`, `property`, `const`, `string`, …). */
  kind: string;
  sortText: string;
  /** Text to insert when it differs from `name`. */
  insertText?: string;
  /** The range the item replaces, when it is not the word at the cursor (string literals). */
  replacementRange?: CellTextRange;
  /** Marked deprecated, optional, … (TypeScript's comma-separated modifiers). */
  kindModifiers?: string;
  /** Where an auto-import item comes from; passed back for its details. */
  source?: string;
  data?: ts.CompletionEntryData;
}

/** What `completionsAt` finds: the items, and whether they complete a member (after a `.`). */
export interface CellCompletions {
  items: CellCompletion[];
  isMemberCompletion: boolean;
}

/** Completions at a position in a cell; undefined when the cell is not in the program or nothing fits. */
export function completionsAt(notebook: NotebookProgram, cellIndex: number, position: CellPosition, triggerCharacter?: string): CellCompletions | undefined {
  const offset = notebook.toOffset(cellIndex, position);
  if (offset === undefined) return undefined;
  const result = notebook.languageService.getCompletionsAtPosition(notebook.fileName, offset, {
    triggerCharacter: asTriggerCharacter(triggerCharacter),
    includeCompletionsWithInsertText: true,
    quotePreference: 'single',
  });
  if (!result) return undefined;
  const items = result.entries.map((entry): CellCompletion => {
    const replacement = entry.replacementSpan ?? result.optionalReplacementSpan;
    const replacementRange = replacement && entry.replacementSpan ? cellRangeOfSpan(notebook, replacement) : undefined;
    return {
      name: entry.name,
      kind: entry.kind,
      sortText: entry.sortText,
      ...(entry.insertText !== undefined ? { insertText: entry.insertText } : {}),
      ...(replacementRange && replacementRange.cellIndex === cellIndex ? { replacementRange: replacementRange.range } : {}),
      ...(entry.kindModifiers ? { kindModifiers: entry.kindModifiers } : {}),
      ...(entry.source ? { source: entry.source } : {}),
      ...(entry.data ? { data: entry.data } : {}),
    };
  });
  return { items, isMemberCompletion: result.isMemberCompletion };
}

/** The signature and JSDoc of one completion item (asked for when the item is selected). */
export function completionDocumentation(notebook: NotebookProgram, cellIndex: number, position: CellPosition, item: Pick<CellCompletion, 'name' | 'source' | 'data'>): SymbolDocumentation | undefined {
  const offset = notebook.toOffset(cellIndex, position);
  if (offset === undefined) return undefined;
  const details = notebook.languageService.getCompletionEntryDetails(notebook.fileName, offset, item.name, {}, item.source, { quotePreference: 'single' }, item.data);
  return details && symbolDocumentation(details.displayParts, details.documentation, details.tags);
}

function asTriggerCharacter(character: string | undefined): ts.CompletionsTriggerCharacter | undefined {
  return (completionTriggerCharacters as readonly string[]).includes(character ?? '') ? (character as ts.CompletionsTriggerCharacter) : undefined;
}
