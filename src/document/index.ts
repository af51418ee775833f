/**
 * The `*.protocol.md` file format: Markdown with ```ts code cells, read and
 * written byte for byte. Pure TypeScript: the VS Code serializer, the CLI and
 * the analysis all use it.
 */
export { CODE_CELL_LANGUAGES, CODE_LANGUAGE, EDITOR_CODE_LANGUAGE, NOTEBOOK_TYPE } from './notebookFormat';
export type { CellFormat, LineEnding, NotebookFormat, ParsedCell, ParsedNotebook } from './notebookFormat';
export { parseNotebookText } from './parseNotebookText';
export { serializeNotebook } from './serializeNotebook';
export { NotebookFormatError, decodeNotebookBytes, encodeNotebookText } from './notebookBytes';
export { newNotebookTemplate } from './newNotebookTemplate';
