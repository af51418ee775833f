import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, LineIndex } from '../../../src/kernel/textEdits';

describe('applyEdits', () => {
  it('applies insertions and replacements and maps offsets back', () => {
    const edited = applyEdits('abcdef', [
      { start: 1, end: 1, text: 'XX' },
      { start: 3, end: 5, text: 'Y' },
    ]);
    assert.equal(edited.text, 'aXXbcYf');
    assert.equal(edited.originalOffset(0), 0); // a
    assert.equal(edited.originalOffset(1), 1); // inside the insertion -> where it was inserted
    assert.equal(edited.originalOffset(3), 1); // b
    assert.equal(edited.originalOffset(4), 2); // c
    assert.equal(edited.originalOffset(5), 3); // Y -> start of what it replaced
    assert.equal(edited.originalOffset(6), 5); // f
  });

  it('keeps insertions at one offset in the order given', () => {
    assert.equal(applyEdits('ab', [{ start: 1, end: 1, text: '1' }, { start: 1, end: 1, text: '2' }]).text, 'a12b');
  });

  it('maps every original character back to itself after insertions', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.array(fc.tuple(fc.nat(), fc.string()), { maxLength: 5 }), (text, inserts) => {
        const edits = inserts.map(([at, insert]) => ({ start: at % (text.length + 1), end: at % (text.length + 1), text: insert }));
        const edited = applyEdits(text, edits);
        for (let i = 0; i < text.length; i++) {
          // Original character i lands after every insertion made at or before it.
          const out = i + edits.filter((e) => e.start <= i).reduce((sum, e) => sum + e.text.length, 0);
          assert.equal(edited.text[out], text[i]);
          assert.equal(edited.originalOffset(out), i);
        }
      }),
    );
  });
});

describe('LineIndex', () => {
  it('converts offsets to 0-based lines and columns and back', () => {
    const index = new LineIndex('ab\ncde\n\nf');
    assert.deepEqual(index.position(0), { line: 0, column: 0 });
    assert.deepEqual(index.position(4), { line: 1, column: 1 });
    assert.deepEqual(index.position(8), { line: 3, column: 0 });
    assert.equal(index.offset(1, 2), 5);
    assert.equal(index.offset(3, 0), 8);
  });
});
