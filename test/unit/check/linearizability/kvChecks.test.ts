import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkHistory, HistoryFormatError } from '../../../../src/check/linearizability';
import { failed, ok, unknown } from './historyBuilders';

describe('linearizability of key–value histories', () => {
  it('checks each key on its own, naming the partitions by key', () => {
    const history = [ok('a', 'put', 'a1', 0, 1, undefined, 'x'), ok('b', 'put', 'b1', 0, 1, undefined, 'y'), ok('c', 'get', null, 2, 3, 'a1', 'x'), ok('d', 'get', null, 2, 3, 'b1', 'y')];
    const result = checkHistory(history, 'kv');
    assert.equal(result.verdict, 'linearizable');
    assert.deepEqual(result.partitions.map((p) => [p.label, p.operations]), [['key "x"', [0, 2]], ['key "y"', [1, 3]]]);
  });

  it('explains a failure in the failing key, with the whole store described when not split', () => {
    const history = [ok('a', 'append', 'p', 0, 1, undefined, 'x'), ok('b', 'append', 'q', 0, 1, undefined, 'y'), ok('c', 'get', null, 2, 3, 'pq', 'x')];
    const split = checkHistory(history, 'kv');
    assert.equal(split.verdict, 'not-linearizable');
    assert.equal(split.partitions[split.explanation?.partition ?? -1].label, 'key "x"');
    assert.equal(split.explanation?.cannotPlace, 2);
    assert.equal(split.explanation?.stateAfterPrefix, '"p"');
    const whole = checkHistory(history, 'kv', { noPartition: true });
    assert.equal(whole.verdict, 'not-linearizable');
    assert.equal(whole.partitions[0].label, 'all');
    assert.equal(whole.explanation?.stateAfterPrefix, '{"x": "p", "y": "q"}');
  });

  it('appends in order, from "" (or from a missing key when the initial value is null)', () => {
    const history = [ok('a', 'append', '1', 0, 1, undefined, 'k'), ok('a', 'append', '2', 2, 3, undefined, 'k'), ok('b', 'read', null, 4, 5, '12', 'k')];
    assert.equal(checkHistory(history, 'kv').verdict, 'linearizable');
    assert.equal(checkHistory(history, 'kv', { initialValue: null }).verdict, 'linearizable');
    const reversed = [...history.slice(0, 2), ok('b', 'read', null, 4, 5, '21', 'k')];
    assert.equal(checkHistory(reversed, 'kv').verdict, 'not-linearizable');
  });

  it('supports Maelstrom-style lin-kv: missing keys read null, cas fails on them', () => {
    const history = [ok('a', 'read', null, 0, 1, null, 'k'), failed('b', 'cas', [1, 2], 2, 3, 'k'), ok('c', 'write', 1, 4, 5, undefined, 'k'), ok('b', 'cas', [1, 2], 6, 7, undefined, 'k'), unknown('d', 'write', 9, 8, 'k'), ok('a', 'read', null, 10, 11, 2, 'k')];
    assert.equal(checkHistory(history, 'kv', { initialValue: null }).verdict, 'linearizable');
    assert.equal(checkHistory(history, 'kv').verdict, 'not-linearizable', 'with "" as initial value the first read of null is impossible');
  });

  it('compares structured values by their JSON text', () => {
    const history = [ok('a', 'write', [1, 2], 0, 1, undefined, 'k'), ok('b', 'read', null, 2, 3, [1, 2], 'k')];
    assert.equal(checkHistory(history, 'kv').verdict, 'linearizable');
  });

  it('rejects operations it cannot interpret, naming them', () => {
    assert.throws(() => checkHistory([ok('a', 'read', null, 0, 1, 1)], 'kv'), (e: unknown) => e instanceof HistoryFormatError && /operation 0: a key–value operation needs a key/.test(e.message));
    assert.throws(() => checkHistory([ok('a', 'dequeue', null, 0, 1)], 'register'), /operation 0: unknown operation 'dequeue'/);
    assert.throws(() => checkHistory([ok('a', 'append', 'x', 0, 1)], 'register'), /a register has no 'append' operation/);
    assert.throws(() => checkHistory([ok('a', 'cas', 3, 0, 1)], 'register'), /a cas needs \[from, to\]/);
    assert.throws(() => checkHistory([ok('a', 'write', 3, 5, 1)], 'register'), /returns \(1\) before it is called \(5\)/);
  });
});
