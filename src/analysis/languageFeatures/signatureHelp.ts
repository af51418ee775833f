/** Signature help in a cell: the signatures of the call around the cursor, with the API's JSDoc. */
import * as ts from 'typescript';
import type { CellPosition } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import { documentationMarkdown } from './documentation';
import { signatureHelpTriggerCharacters } from './triggerCharacters';


/** One parameter: its label as shown in the signature, and its documentation in Markdown. */
export interface CellParameterInformation {
  label: string;
  markdown: string;
}

/** One overload of the called function. */
export interface CellSignature {
  label: string;
  markdown: string;
  parameters: CellParameterInformation[];
}

/** The signatures of the call at the cursor and which one and which argument the cursor is on. */
export interface CellSignatureHelp {
  signatures: CellSignature[];
  activeSignature: number;
  activeParameter: number;
}

/** Signature help at a position in a cell, or undefined outside a call's arguments. */
export function signatureHelpAt(notebook: NotebookProgram, cellIndex: number, position: CellPosition, triggerCharacter?: string): CellSignatureHelp | undefined {
  const offset = notebook.toOffset(cellIndex, position);
  if (offset === undefined) return undefined;
  const trigger: ts.SignatureHelpTriggerReason =
    triggerCharacter && (signatureHelpTriggerCharacters as readonly string[]).includes(triggerCharacter)
      ? { kind: 'characterTyped', triggerCharacter: triggerCharacter as ts.SignatureHelpTriggerCharacter }
      : { kind: 'invoked' };
  const help = notebook.languageService.getSignatureHelpItems(notebook.fileName, offset, { triggerReason: trigger });
  if (!help) return undefined;
  const signatures = help.items.map((item): CellSignature => {
    const parameters = item.parameters.map((p) => ({ label: ts.displayPartsToString(p.displayParts), markdown: documentationMarkdown(p.documentation) }));
    const separator = ts.displayPartsToString(item.separatorDisplayParts);
    const label = ts.displayPartsToString(item.prefixDisplayParts) + parameters.map((p) => p.label).join(separator) + ts.displayPartsToString(item.suffixDisplayParts);
    return { label, markdown: documentationMarkdown(item.documentation, item.tags.filter((tag) => tag.name !== 'param')), parameters };
  });
  return { signatures, activeSignature: help.selectedItemIndex, activeParameter: help.argumentIndex };
}
