import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseNotebookText, serializeNotebook } from '../../../src/document';
import { protocolDocument } from './documentArbitraries';

const roundTrip = (text: string): string => serializeNotebook(parseNotebookText(text));

/** What VS Code hands back when saving: the same sources and metadata, passed through JSON. */
const throughEditor = (text: string): string =>
  serializeNotebook(JSON.parse(JSON.stringify(parseNotebookText(text))) as ReturnType<typeof parseNotebookText>);

test('an unchanged generated document is written back byte for byte', () => {
  fc.assert(
    fc.property(protocolDocument, (text) => {
      assert.equal(roundTrip(text), text);
      assert.equal(throughEditor(text), text);
    }),
    { numRuns: 3000 },
  );
});

test('any string at all round-trips unchanged', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => assert.equal(roundTrip(text), text)),
    { numRuns: 2000 },
  );
  const alphabet = fc.constantFrom('`', '~', ' ', '\t', '\n', '\r', 't', 's', 'x', '\uFEFF');
  fc.assert(
    fc.property(fc.string({ unit: alphabet, maxLength: 80 }), (text) => assert.equal(roundTrip(text), text)),
    { numRuns: 5000 },
  );
});

test('the sample notebooks and fixtures round-trip unchanged', () => {
  const dirs = ['notebooks', 'test/fixtures/notebooks'];
  const files = dirs.flatMap((dir) => {
    try {
      return readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => join(dir, f));
    } catch {
      return [];
    }
  });
  assert.ok(files.length >= 6, `found the samples and fixtures (${files.join(', ')})`);
  for (const file of files) {
    const bytes = readFileSync(file);
    // The malformed fixture is not text; the others must survive as is.
    if (bytes.includes(0) || !isUtf8(bytes)) continue;
    const text = bytes.toString('utf8');
    assert.equal(roundTrip(text), text, file);
  }
});

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
