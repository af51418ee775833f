import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NotebookFormatError, decodeNotebookBytes, encodeNotebookText } from '../../../src/document';

test('UTF-8 text decodes and encodes back to the same bytes, BOM included', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), fc.boolean(), (text, bom) => {
      const withBom = (bom ? '\uFEFF' : '') + text.replace(/\0/g, '');
      const bytes = encodeNotebookText(withBom);
      assert.equal(decodeNotebookBytes(bytes), withBom);
      assert.deepEqual(encodeNotebookText(decodeNotebookBytes(bytes)), bytes);
    }),
  );
});

test('invalid UTF-8 is refused with the offset of the bad byte', () => {
  const bytes = new Uint8Array([0x23, 0x20, 0x54, 0xff, 0x0a]);
  assert.throws(() => decodeNotebookBytes(bytes, 'bad.protocol.md'), (error: unknown) => {
    assert.ok(error instanceof NotebookFormatError);
    assert.match(error.message, /^Cannot open bad\.protocol\.md as a Protocol Notebook: it is not valid UTF-8/);
    assert.match(error.message, /byte offset 3/);
    assert.match(error.message, /left unchanged/);
    return true;
  });
});

test('a truncated multi-byte character is refused', () => {
  assert.throws(() => decodeNotebookBytes(new Uint8Array([0x61, 0xe2, 0x82])), /not valid UTF-8 text \(at byte offset 1\)/);
});

test('a NUL byte marks a binary file and is refused', () => {
  assert.throws(() => decodeNotebookBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), /NUL byte \(at byte offset 4\), so it is not text/);
});

test('a correctly encoded U+FFFD is ordinary text', () => {
  assert.equal(decodeNotebookBytes(encodeNotebookText('a \uFFFD b')), 'a \uFFFD b');
});
