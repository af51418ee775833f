/**
 * Reads the labelled handler corpus (test/fixtures/handlers): each file's code
 * cells, and for each labelled handler its label and the lines the analysis
 * should point at.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const corpusDirectory = join(__dirname, '..', '..', 'fixtures', 'handlers');

/** Handlers written after the analysis, labelled before it was run on them. */
export const holdoutDirectory = join(corpusDirectory, 'holdout');

export interface FixtureCell {
  /** Position among the notebook's cells (Markdown and code). */
  index: number;
  source: string;
  /** 0-based line in the file of the cell's first line. */
  firstLine: number;
}

export interface LabelledHandler {
  file: string;
  name: string;
  /** 0-based file line of the handler's name. */
  line: number;
  idempotent: boolean;
  /** 0-based file lines marked `// ⚠`. */
  expectedLines: number[];
}

export interface Fixture {
  file: string;
  text: string;
  cells: FixtureCell[];
  handlers: LabelledHandler[];
}

/** Code cells of a `.protocol.md` file: ```ts fences, with Markdown cells counted in between. */
export function fixtureCells(text: string): FixtureCell[] {
  const lines = text.split('\n');
  const cells: FixtureCell[] = [];
  let index = 0;
  let markdownOpen = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^```ts\s*$/.test(lines[i])) {
      if (markdownOpen) index++;
      markdownOpen = false;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      cells.push({ index: index++, source: lines.slice(start, end).join('\n'), firstLine: start });
      i = end;
    } else if (lines[i].trim() !== '') markdownOpen = true;
  }
  return cells;
}

export function loadFixture(file: string, directory = corpusDirectory): Fixture {
  const text = readFileSync(join(directory, file), 'utf8');
  const lines = text.split('\n');
  const handlers: LabelledHandler[] = [];
  lines.forEach((line, i) => {
    const label = /\/\/ corpus: (idempotent|non-idempotent)/.exec(line);
    if (!label) return;
    const name = /^\s*(\w+)\s*[(:]/.exec(lines[i + 1])?.[1];
    if (!name) throw new Error(`${file}:${i + 2}: no handler after the label`);
    handlers.push({ file, name, line: i + 1, idempotent: label[1] === 'idempotent', expectedLines: [] });
  });
  lines.forEach((line, i) => {
    if (!line.includes('// ⚠')) return;
    const owner = [...handlers].reverse().find((h) => h.line <= i);
    if (!owner) throw new Error(`${file}:${i + 1}: a ⚠ line outside a labelled handler`);
    owner.expectedLines.push(i);
  });
  return { file, text, cells: fixtureCells(text), handlers };
}

export function loadCorpus(directory = corpusDirectory): Fixture[] {
  return readdirSync(directory).filter((f) => f.endsWith('.protocol.md')).sort().map((f) => loadFixture(f, directory));
}
