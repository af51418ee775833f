import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNotebookText } from '../../../src/document';

const shape = (text: string) => parseNotebookText(text).cells.map((c) => [c.kind, c.source]);

test('ts and typescript fences are code cells; the prose between them is Markdown', () => {
  const text = '# Title\n\nSome prose.\n\n```ts\nconst a = 1;\n```\n\nMore.\n\n```typescript\nconst b = 2;\n```\n';
  assert.deepEqual(shape(text), [
    ['markdown', '# Title\n\nSome prose.'],
    ['code', 'const a = 1;'],
    ['markdown', 'More.'],
    ['code', 'const b = 2;'],
  ]);
  assert.equal(parseNotebookText(text).cells[1].language, 'typescript');
  assert.equal(parseNotebookText(text).cells[0].language, 'markdown');
});

test('fences of other languages, tildes and indented code stay inside Markdown', () => {
  const text = 'Intro\n\n```js\nlet x;\n```\n\n~~~mermaid\ngraph TD\n~~~\n\n    indented ```ts\n';
  assert.deepEqual(shape(text), [['markdown', text.trimEnd()]]);
});

test('a ts fence shown inside a longer fence is not a cell', () => {
  const text = '````markdown\n```ts\nnot a cell\n```\n````\n';
  assert.deepEqual(shape(text), [['markdown', '````markdown\n```ts\nnot a cell\n```\n````']]);
});

test('a longer ts fence keeps shorter fence lines in its code', () => {
  assert.deepEqual(shape('````ts\nconst s = `\n```\n`;\n````\n'), [['code', 'const s = `\n```\n`;']]);
});

test('tilde ts fences and info strings after the language are code cells', () => {
  assert.deepEqual(shape('~~~ts\na\n~~~\n\n```ts title="x"\nb\n```\n'), [
    ['code', 'a'],
    ['code', 'b'],
  ]);
});

test('an unterminated ts fence runs to the end of the file', () => {
  assert.deepEqual(shape('Prose\n\n```ts\nconst a = 1;\n\nconst b = 2;\n'), [
    ['markdown', 'Prose'],
    ['code', 'const a = 1;\n\nconst b = 2;'],
  ]);
  assert.equal(parseNotebookText('```ts\nx\n').cells[0].metadata.closingFence, null);
});

test('CRLF files give "\\n" sources and remember their line ending', () => {
  const parsed = parseNotebookText('# T\r\n\r\n```ts\r\na;\r\nb;\r\n```\r\n');
  assert.deepEqual(parsed.cells.map((c) => c.source), ['# T', 'a;\nb;']);
  assert.equal(parsed.metadata?.eol, '\r\n');
  // Uniform line endings need no copy of the raw text.
  assert.ok(parsed.cells.every((c) => c.metadata.raw === undefined));
});

test('a BOM is remembered, not shown', () => {
  const parsed = parseNotebookText('\uFEFF# T\n');
  assert.equal(parsed.metadata?.bom, true);
  assert.equal(parsed.cells[0].source, '# T');
});

test('blank lines between blocks are separators, not cells', () => {
  const parsed = parseNotebookText('\n\n```ts\na\n```\n  \n\n```ts\nb\n```\n\n');
  assert.deepEqual(parsed.cells.map((c) => c.kind), ['code', 'code']);
  assert.equal(parsed.metadata?.leading, '\n\n');
  assert.equal(parsed.cells[1].metadata.separator, '\n  \n\n');
  assert.equal(parsed.metadata?.trailing, '\n\n');
});

test('an empty or blank file has no cells', () => {
  assert.deepEqual(parseNotebookText('').cells, []);
  assert.deepEqual(parseNotebookText(' \n\n').cells, []);
});
