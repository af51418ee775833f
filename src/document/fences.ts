/**
 * Fenced code blocks as CommonMark defines them: an opening line of three or
 * more backticks or tildes indented by at most three spaces, closed by a line
 * of the same character at least as long, with nothing but whitespace after it.
 */

/** An opening fence line, taken apart. */
export interface FenceOpening {
  /** The spaces before the fence characters (at most three). */
  indent: string;
  /** The fence character. */
  char: '`' | '~';
  /** How many fence characters open the block; the closing run must be at least as long. */
  length: number;
  /** Everything after the fence characters, as written (the info string with its spacing). */
  rest: string;
  /** The info string's first word, lower-cased: the block's language ('' when none). */
  language: string;
}

const opening = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/** Reads `line` as an opening fence; `undefined` when it is not one. */
export function parseFenceOpening(line: string): FenceOpening | undefined {
  const match = opening.exec(line);
  if (!match) return undefined;
  const [, indent, run, rest] = match;
  const char = run[0] as '`' | '~';
  // A backtick run followed by more backticks on the line is inline code, not a fence.
  if (char === '`' && rest.includes('`')) return undefined;
  const language = rest.trim().split(/\s+/)[0].toLowerCase();
  return { indent, char, length: run.length, rest, language };
}

/** Whether `line` closes a block opened by `fence`. */
export function closesFence(line: string, fence: Pick<FenceOpening, 'char' | 'length'>): boolean {
  const match = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return match !== null && match[1][0] === fence.char && match[1].length >= fence.length;
}

/** Code cells are the fenced blocks whose language is one of these. */
const codeCellLanguages = new Set(['ts', 'typescript']);

/** Whether a fenced block with this opening is a code cell (```ts or ```typescript). */
export function isCodeCellFence(fence: FenceOpening): boolean {
  return codeCellLanguages.has(fence.language);
}

/**
 * The fence lines to write around `sourceLines`, starting from the ones the
 * cell had: when a line of the source would close the block early, the fence
 * grows one character longer than the longest such run.
 */
export function fenceLinesFor(
  sourceLines: readonly string[],
  preferred: { opening: string; closing: string | null | undefined },
): { opening: string; closing: string } {
  const fence = parseFenceOpening(preferred.opening) ?? parseFenceOpening('```ts')!;
  let length = fence.length;
  for (const line of sourceLines) {
    if (closesFence(line, { char: fence.char, length })) {
      length = /^ {0,3}(`+|~+)/.exec(line)![1].length + 1;
    }
  }
  const run = fence.char.repeat(length);
  const openingLine = length === fence.length ? preferred.opening : fence.indent + run + fence.rest;
  const keepClosing =
    typeof preferred.closing === 'string' && closesFence(preferred.closing, { char: fence.char, length });
  return { opening: openingLine, closing: keepClosing ? (preferred.closing as string) : fence.indent + run };
}
