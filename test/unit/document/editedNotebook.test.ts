import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ParsedCell, type ParsedNotebook, parseNotebookText, serializeNotebook } from '../../../src/document';
import { editedCode, protocolDocumentWith } from './documentArbitraries';

const code = (source: string): ParsedCell => ({ kind: 'code', source, language: 'typescript', metadata: {} });
const markdown = (source: string): ParsedCell => ({ kind: 'markdown', source, language: 'markdown', metadata: {} });
const codeSources = (notebook: ParsedNotebook): string[] =>
  notebook.cells.filter((c) => c.kind === 'code').map((c) => c.source);

test('a notebook made in the editor is plain Markdown with ```ts fences and blank lines between blocks', () => {
  const text = serializeNotebook({ cells: [markdown('# Title'), code('const a = 1;'), markdown('Prose.'), code('run();')] });
  assert.equal(text, '# Title\n\n```ts\nconst a = 1;\n```\n\nProse.\n\n```ts\nrun();\n```\n');
});

test('an edited cell keeps the file\'s line ending and the untouched cells stay byte-identical', () => {
  const original = '# T\r\n\r\n```typescript\r\nold();\r\n```\r\n\r\n\r\nTail  \r\n';
  const parsed = parseNotebookText(original);
  parsed.cells[1].source = 'changed();\nmore();';
  assert.equal(serializeNotebook(parsed), '# T\r\n\r\n```typescript\r\nchanged();\r\nmore();\r\n```\r\n\r\n\r\nTail  \r\n');
});

test('code containing a fence line gets a longer fence', () => {
  const text = serializeNotebook({ cells: [code('const md = `\n```\n````\n`;')] });
  assert.equal(text, '`````ts\nconst md = `\n```\n````\n`;\n`````\n');
  assert.deepEqual(codeSources(parseNotebookText(text)), ['const md = `\n```\n````\n`;']);
});

test('a cell added after an unterminated fence closes that fence', () => {
  const parsed = parseNotebookText('```ts\nfirst();\n');
  parsed.cells.push(code('second();'));
  const text = serializeNotebook(parsed);
  assert.deepEqual(codeSources(parseNotebookText(text)), ['first();', 'second();']);
});

test('mixed line endings survive while the cell is unchanged, and normalize once it is edited', () => {
  const parsed = parseNotebookText('```ts\na\r\nb\nc\n```\n');
  assert.equal(serializeNotebook(parsed), '```ts\na\r\nb\nc\n```\n');
  parsed.cells[0].source = 'a\nb\nc\nd';
  assert.equal(serializeNotebook(parsed), '```ts\na\nb\nc\nd\n```\n');
});

test('two Markdown cells brought together by deleting a code cell stay separate paragraphs', () => {
  const parsed = parseNotebookText('One\n```ts\nx\n```\nTwo\n');
  parsed.cells.splice(1, 1);
  assert.equal(serializeNotebook(parsed), 'One\n\nTwo\n');
});

test('a code cell carrying another language\'s fence in its metadata is still written as ```ts', () => {
  const text = serializeNotebook({ cells: [{ ...code('x;'), metadata: { fence: '```js', closingFence: '```' } }] });
  assert.equal(text, '```ts\nx;\n```\n');
});

test('a cell whose kind changed in the editor is written as its new kind', () => {
  const parsed = parseNotebookText('```ts\nnote\n```\n');
  parsed.cells[0] = { ...parsed.cells[0], kind: 'markdown', language: 'markdown' };
  assert.equal(serializeNotebook(parsed), 'note\n');
});

const documents = fc.oneof(protocolDocumentWith({ uniformLineEndings: true }), protocolDocumentWith({ uniformLineEndings: false }));
/** Short strings made of the characters that matter to fences and lines: the odd corners. */
const fenceNoise = fc.string({ unit: fc.constantFrom('`', '~', ' ', '\t', '\n', '\r', 't', 's', 'x'), maxLength: 60 });

test('property: edited code cells read back with exactly the new code, Markdown unchanged', () => {
  fc.assert(
    fc.property(documents, fc.array(editedCode, { minLength: 20, maxLength: 20 }), (text, edits) => {
      const parsed = parseNotebookText(text);
      let n = 0;
      for (const cell of parsed.cells) if (cell.kind === 'code') cell.source = edits[n++ % edits.length];
      const reread = parseNotebookText(serializeNotebook(parsed));
      assert.deepEqual(reread.cells.map((c) => [c.kind, c.source]), parsed.cells.map((c) => [c.kind, c.source]));
    }),
    { numRuns: 2000 },
  );
});

test('property: inserted and deleted cells keep every remaining code cell intact', () => {
  fc.assert(
    fc.property(fc.oneof(documents, fenceNoise), fc.array(fc.tuple(fc.nat(), fc.boolean(), editedCode), { maxLength: 4 }), (text, changes) => {
      const parsed = parseNotebookText(text);
      for (const [at, insert, source] of changes) {
        const index = at % (parsed.cells.length + 1);
        if (insert) parsed.cells.splice(index, 0, code(source));
        else parsed.cells.splice(index, 1);
      }
      const reread = parseNotebookText(serializeNotebook(parsed));
      assert.deepEqual(codeSources(reread), codeSources(parsed));
    }),
    { numRuns: 2000 },
  );
});

test('property: a uniform-line-ending document needs no raw copy except for empty-looking code edges', () => {
  fc.assert(
    fc.property(protocolDocumentWith({ uniformLineEndings: true }), (text) => {
      const parsed = parseNotebookText(text);
      assert.equal(serializeNotebook(parsed), text);
      for (const cell of parsed.cells) {
        if (cell.kind === 'markdown') assert.equal(cell.metadata.raw, undefined, 'markdown with one line ending is stored canonically');
      }
    }),
    { numRuns: 1000 },
  );
});
