import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValueTable } from '../../../../src/check/linearizability/valueTable';

describe('the value table of the key–value models', () => {
  it('interns plain values exactly: 1 and "1" differ, null is its own value', () => {
    const table = new ValueTable();
    assert.equal(table.intern('x'), table.intern('x'));
    assert.notEqual(table.intern(1), table.intern('1'));
    assert.ok(table.holds(table.intern(null), null));
    assert.ok(!table.holds(table.intern(null), ''));
  });

  it('memoizes appends and compares appended values by their text', () => {
    const table = new ValueTable();
    const empty = table.intern('');
    const ab = table.append(table.append(empty, table.intern('a')), table.intern('b'));
    assert.equal(table.append(table.append(empty, table.intern('a')), table.intern('b')), ab, 'the same appends give the same id');
    assert.equal(table.valueOf(ab), 'ab');
    assert.ok(table.holds(ab, 'ab'));
    assert.ok(table.holds(ab, ['a', 'b'].join('')), 'a different string object with the same text');
    assert.ok(!table.holds(ab, 'ba'));
    assert.ok(!table.holds(ab, 'abc'));
    const ba = table.append(table.append(empty, table.intern('b')), table.intern('a'));
    assert.notEqual(ba, ab);
    assert.ok(table.holds(ba, 'ba'));
  });

  it('appends to null as to "", and numbers as their decimal text', () => {
    const table = new ValueTable();
    const id = table.append(table.append(table.intern(null), table.intern(1)), table.intern('x'));
    assert.equal(table.valueOf(id), '1x');
    assert.ok(table.holds(id, '1x'));
    assert.ok(!table.holds(id, 1));
  });

  it('keeps ids distinct across many appends (the memo grows)', () => {
    const table = new ValueTable();
    let id = table.intern('');
    const ids = new Set<number>([id]);
    let text = '';
    for (let i = 0; i < 3000; i++) {
      id = table.append(id, table.intern(`${i % 7}`));
      text += `${i % 7}`;
      ids.add(id);
    }
    assert.equal(ids.size, 3001);
    assert.ok(table.holds(id, text));
  });
});
