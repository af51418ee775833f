/**
 * Markdown text -> cells. Fenced blocks tagged `ts` or `typescript` at the top
 * level become code cells; everything between them becomes Markdown cells.
 * Whatever is needed to write the file back byte for byte is kept in the
 * cells' `metadata` (see notebookFormat.ts and serializeNotebook.ts).
 */
import { closesFence, isCodeCellFence, parseFenceOpening } from './fences';
import { type Line, dominantLineEnding, isBlank, normalizeLineEndings, splitLines } from './lines';
import {
  CODE_LANGUAGE,
  type CellFormat,
  type LineEnding,
  type NotebookFormat,
  type ParsedCell,
  type ParsedNotebook,
} from './notebookFormat';
import { canonicalCellText, codeSourceOfRaw } from './cellText';

const BOM = '\uFEFF';

/** A cell's place in the file: lines [first, last], and for code cells where its fence closes. */
interface Block {
  kind: 'markdown' | 'code';
  first: number;
  last: number;
  /** Code cells: the index of the closing fence line, or -1 when the fence is never closed. */
  closing?: number;
}

/**
 * Splits a `*.protocol.md` file into cells. Never fails: any text is a valid
 * notebook, and `serializeNotebook(parseNotebookText(text)) === text` for all `text`.
 */
export function parseNotebookText(text: string): ParsedNotebook {
  const bom = text.startsWith(BOM);
  const lines = splitLines(bom ? text.slice(BOM.length) : text);
  const eol = dominantLineEnding(lines);
  const blocks = findBlocks(lines);
  const metadata: NotebookFormat = { eol };
  if (bom) metadata.bom = true;
  if (blocks.length === 0) {
    // Whole lines stay before any cell added later; a last line without a
    // terminator must stay last, after it.
    const last = lines[lines.length - 1];
    const unterminated = last !== undefined && last.eol === '';
    metadata.leading = lines.slice(0, unterminated ? -1 : undefined).map(joinLine).join('');
    metadata.trailing = unterminated ? last.text : null;
    return { cells: [], metadata };
  }
  metadata.leading = lines.slice(0, blocks[0].first).map(joinLine).join('');
  const lastBlock = blocks[blocks.length - 1];
  metadata.trailing = lines[lastBlock.last].eol + lines.slice(lastBlock.last + 1).map(joinLine).join('');
  const cells = blocks.map((block, index) => {
    const previous = blocks[index - 1];
    const separator = previous
      ? lines[previous.last].eol + lines.slice(previous.last + 1, block.first).map(joinLine).join('')
      : undefined;
    return cellOf(block, lines, eol, separator);
  });
  return { cells, metadata };
}

function joinLine(line: Line): string {
  return line.text + line.eol;
}

/** The exact text of lines [first, last] without the last line's terminator. */
function textOf(lines: readonly Line[], first: number, last: number): string {
  return lines.slice(first, last + 1).map(joinLine).join('').slice(0, -lines[last].eol.length || undefined);
}

/**
 * Finds the cells' line ranges. Fences of any language are followed so that a
 * ```ts block shown inside a ````markdown block stays Markdown; Markdown blocks
 * are trimmed of blank lines at both ends (those become separators).
 */
function findBlocks(lines: readonly Line[]): Block[] {
  const blocks: Block[] = [];
  let markdownFirst = -1;
  let markdownLast = -1;
  const flushMarkdown = (): void => {
    if (markdownFirst >= 0) blocks.push({ kind: 'markdown', first: markdownFirst, last: markdownLast });
    markdownFirst = markdownLast = -1;
  };
  const markdown = (index: number): void => {
    if (markdownFirst < 0) markdownFirst = index;
    markdownLast = index;
  };
  for (let i = 0; i < lines.length; i++) {
    const fence = parseFenceOpening(lines[i].text);
    if (!fence) {
      if (!isBlank(lines[i].text)) markdown(i);
      continue;
    }
    let closing = i + 1;
    while (closing < lines.length && !closesFence(lines[closing].text, fence)) closing++;
    const unterminated = closing === lines.length;
    const end = unterminated ? lines.length - 1 : closing;
    if (isCodeCellFence(fence)) {
      flushMarkdown();
      blocks.push({ kind: 'code', first: i, last: end, closing: unterminated ? -1 : closing });
    } else {
      // Another language's fence is Markdown, blank lines inside it included.
      markdown(i);
      for (let j = i + 1; j <= end; j++) markdown(j);
    }
    i = end;
  }
  flushMarkdown();
  return blocks;
}

function cellOf(block: Block, lines: readonly Line[], eol: LineEnding, separator: string | undefined): ParsedCell {
  const raw = textOf(lines, block.first, block.last);
  const metadata: CellFormat = {};
  if (separator !== undefined) metadata.separator = separator;
  let source: string;
  if (block.kind === 'code') {
    const closed = block.closing !== -1;
    metadata.fence = lines[block.first].text;
    metadata.closingFence = closed ? lines[block.last].text : null;
    source = codeSourceOfRaw(raw, closed);
  } else {
    source = normalizeLineEndings(raw);
  }
  const cell: ParsedCell = {
    kind: block.kind,
    source,
    language: block.kind === 'code' ? CODE_LANGUAGE : 'markdown',
    metadata,
  };
  if (canonicalCellText(cell, eol) !== raw) metadata.raw = raw;
  return cell;
}
