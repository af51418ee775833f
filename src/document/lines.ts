/**
 * Splitting text into lines without losing a byte: each line keeps the exact
 * terminator that ended it ("\r\n", "\n", a lone "\r", or "" for the last line
 * of a file without a final newline). CommonMark counts all three as line endings.
 */
import type { LineEnding } from './notebookFormat';

/** A line of text and the terminator that ended it. */
export interface Line {
  text: string;
  eol: LineEnding | '';
}

/** Splits `text` into lines; joining `text + eol` of every line gives `text` back. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const terminator = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = terminator.exec(text); match; match = terminator.exec(text)) {
    lines.push({ text: text.slice(start, match.index), eol: match[0] as LineEnding });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

/** Replaces every line ending ("\r\n", "\r" or "\n") with "\n". */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Writes "\n"-separated text with the given line ending. */
export function withLineEnding(text: string, eol: LineEnding): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

/** The most frequent line ending in `lines` ("\n" when there is none, and on ties). */
export function dominantLineEnding(lines: readonly Line[]): LineEnding {
  const counts = { '\n': 0, '\r\n': 0, '\r': 0 };
  for (const line of lines) if (line.eol) counts[line.eol] += 1;
  let best: LineEnding = '\n';
  for (const eol of ['\r\n', '\r'] as const) if (counts[eol] > counts[best]) best = eol;
  return best;
}

/** A line holding nothing but spaces and tabs. */
export function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}
