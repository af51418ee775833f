/**
 * The `protocol-notebook` serializer: `*.protocol.md` bytes <-> VS Code
 * notebook data, through the pure format in src/document. Outputs are
 * transient (never written to the file); the formatting facts the document
 * layer needs for a byte-identical save travel as cell and notebook metadata.
 */
import * as vscode from 'vscode';
import {
  CODE_LANGUAGE,
  EDITOR_CODE_LANGUAGE,
  NOTEBOOK_TYPE,
  type CellFormat,
  type NotebookFormat,
  type ParsedNotebook,
  NotebookFormatError,
  decodeNotebookBytes,
  encodeNotebookText,
  parseNotebookText,
  serializeNotebook,
} from '../document';

/** Notebook <-> file, for VS Code. */
export class ProtocolNotebookSerializer implements vscode.NotebookSerializer {
  /**
   * Throws when the file is not UTF-8 text, after showing why: VS Code then
   * refuses to open the editor (an empty notebook in its place would overwrite
   * the file on the next save).
   */
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    let text: string;
    try {
      text = decodeNotebookBytes(content);
    } catch (error) {
      // The editor that fails to open only says "unexpected error": say what is wrong where the user sees it.
      if (error instanceof NotebookFormatError) void vscode.window.showErrorMessage(error.message);
      throw error;
    }
    return toNotebookData(parseNotebookText(text));
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return encodeNotebookText(serializeNotebook(fromNotebookData(data)));
  }
}

/** Registers the serializer for the `protocol-notebook` type. */
export function registerNotebookSerializer(): vscode.Disposable {
  return vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new ProtocolNotebookSerializer(), {
    transientOutputs: true,
  });
}

/** Parsed cells -> VS Code's notebook data. */
export function toNotebookData(parsed: ParsedNotebook): vscode.NotebookData {
  const cells = parsed.cells.map((cell) => {
    const kind = cell.kind === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup;
    // Code cells open in the extension's own TypeScript language (see EDITOR_CODE_LANGUAGE); the file keeps its fences.
    const data = new vscode.NotebookCellData(kind, cell.source, cell.kind === 'code' ? EDITOR_CODE_LANGUAGE : cell.language);
    data.metadata = { ...cell.metadata };
    return data;
  });
  const data = new vscode.NotebookData(cells);
  data.metadata = { ...(parsed.metadata ?? {}) };
  return data;
}

/** VS Code's notebook data -> cells for the document layer; cells added in the editor have no metadata. */
export function fromNotebookData(data: vscode.NotebookData): ParsedNotebook {
  return {
    cells: data.cells.map((cell) => {
      const code = cell.kind === vscode.NotebookCellKind.Code;
      return {
        kind: code ? 'code' : 'markdown',
        source: cell.value,
        language: code ? (cell.languageId ?? CODE_LANGUAGE) : 'markdown',
        metadata: (cell.metadata ?? {}) as CellFormat,
      };
    }),
    metadata: (data.metadata ?? {}) as NotebookFormat,
  };
}
