import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkHistory } from '../../../../src/check/linearizability';
import { failed, ok, unknown } from './historyBuilders';

describe('linearizability of register histories', () => {
  it('accepts a sequential history whose reads see the latest write', () => {
    const result = checkHistory([ok('a', 'write', 1, 0, 1), ok('b', 'read', null, 2, 3, 1), ok('a', 'write', 2, 4, 5), ok('b', 'read', null, 6, 7, 2)], 'register');
    assert.equal(result.verdict, 'linearizable');
    assert.deepEqual(result.partitions[0].linearization, [0, 1, 2, 3]);
  });

  it('rejects a read of an overwritten value after the overwrite completed', () => {
    const result = checkHistory([ok('a', 'write', 1, 0, 1), ok('a', 'write', 2, 2, 3), ok('b', 'read', null, 4, 5, 1)], 'register');
    assert.equal(result.verdict, 'not-linearizable');
  });

  it('lets concurrent operations take effect in either order', () => {
    // The read overlaps both writes, so it may see either value.
    const history = [ok('a', 'write', 1, 0, 10), ok('b', 'write', 2, 1, 11), ok('c', 'read', null, 2, 12, 1)];
    assert.equal(checkHistory(history, 'register').verdict, 'linearizable');
    const stale = [...history, ok('c', 'read', null, 13, 14, 1), ok('d', 'read', null, 15, 16, 2)];
    assert.equal(checkHistory(stale, 'register').verdict, 'not-linearizable');
  });

  it('reads the initial value, null unless told otherwise', () => {
    assert.equal(checkHistory([ok('a', 'read', null, 0, 1, null)], 'register').verdict, 'linearizable');
    assert.equal(checkHistory([ok('a', 'read', null, 0, 1, 0)], 'register').verdict, 'not-linearizable');
    assert.equal(checkHistory([ok('a', 'read', null, 0, 1, 0)], 'register', { initialValue: 0 }).verdict, 'linearizable');
  });

  it('treats a failed cas as a comparison that failed, and an ok cas as one that held', () => {
    const base = [ok('a', 'write', 1, 0, 1)];
    assert.equal(checkHistory([...base, failed('b', 'cas', [1, 2], 2, 3)], 'register').verdict, 'not-linearizable');
    assert.equal(checkHistory([...base, failed('b', 'cas', [3, 2], 2, 3)], 'register').verdict, 'linearizable');
    assert.equal(checkHistory([...base, ok('b', 'cas', [1, 2], 2, 3), ok('c', 'read', null, 4, 5, 2)], 'register').verdict, 'linearizable');
    assert.equal(checkHistory([...base, ok('b', 'cas', [3, 2], 2, 3)], 'register').verdict, 'not-linearizable');
    // A cas recorded as ok with output false is a failed comparison too.
    assert.equal(checkHistory([...base, ok('b', 'cas', { from: 3, to: 2 }, 2, 3, false)], 'register').verdict, 'linearizable');
  });

  it('ignores failed writes: they did not take effect', () => {
    const history = [ok('a', 'write', 1, 0, 1), failed('b', 'write', 2, 2, 3), ok('c', 'read', null, 4, 5, 2)];
    assert.equal(checkHistory(history, 'register').verdict, 'not-linearizable');
    assert.equal(checkHistory(history.slice(0, 2).concat(ok('c', 'read', null, 4, 5, 1)), 'register').verdict, 'linearizable');
  });

  it('lets an operation with unknown outcome take effect at any later time, or never', () => {
    const crashed = unknown('b', 'write', 2, 2);
    // Seen later, even long after the client gave up...
    assert.equal(checkHistory([ok('a', 'write', 1, 0, 1), crashed, ok('c', 'read', null, 50, 51, 2)], 'register').verdict, 'linearizable');
    // ...or never seen at all...
    assert.equal(checkHistory([ok('a', 'write', 1, 0, 1), crashed, ok('c', 'read', null, 50, 51, 1)], 'register').verdict, 'linearizable');
    // ...but never before it was called.
    assert.equal(checkHistory([ok('a', 'write', 1, 0, 1), ok('c', 'read', null, 1.5, 1.8, 2), crashed], 'register').verdict, 'not-linearizable');
    // Once it has taken effect it stays taken: 2 then 1 again needs another write.
    const flipFlop = [ok('a', 'write', 1, 0, 1), crashed, ok('c', 'read', null, 5, 6, 2), ok('c', 'read', null, 7, 8, 1)];
    assert.equal(checkHistory(flipFlop, 'register').verdict, 'not-linearizable');
  });

  it('treats operations that merely touch in time as concurrent', () => {
    // The read is called at the instant the write returns: either order is allowed.
    assert.equal(checkHistory([ok('a', 'write', 1, 0, 5), ok('b', 'read', null, 5, 6, null)], 'register').verdict, 'linearizable');
  });

  it('explains the failing point: the longest linearizable prefix and the operation that cannot be placed', () => {
    const history = [
      ok('a', 'write', 1, 0, 1),
      ok('b', 'write', 2, 2, 3),
      ok('c', 'read', null, 4, 5, 2),
      ok('d', 'read', null, 6, 7, 1),
      ok('e', 'write', 3, 6.5, 8),
    ];
    const result = checkHistory(history, 'register');
    assert.equal(result.verdict, 'not-linearizable');
    const explanation = result.explanation;
    assert.ok(explanation);
    assert.equal(explanation.partition, 0);
    // The deepest dead end: everything but the read of 1 placed, the register holding 3.
    assert.deepEqual(explanation.longestPrefix, [0, 1, 2, 4]);
    assert.equal(explanation.stateAfterPrefix, '3');
    assert.equal(explanation.cannotPlace, 3);
    assert.deepEqual(explanation.candidates, [3]);
    assert.match(explanation.message, /after 4 of 5 operations had been placed, the state was 3/);
    assert.match(explanation.message, /read → 1 \(process d, called at 6, returned at 7\)/);
  });

  it('names the concurrent operations that could not be placed either', () => {
    // Reads of 5 and 6 overlap each other but no write of either exists.
    const history = [ok('a', 'write', 1, 0, 1), ok('b', 'read', null, 2, 4, 5), ok('c', 'read', null, 3, 5, 6)];
    const explanation = checkHistory(history, 'register').explanation;
    assert.ok(explanation);
    assert.deepEqual(explanation.longestPrefix, [0]);
    assert.equal(explanation.cannotPlace, 1);
    assert.deepEqual(explanation.candidates, [1, 2]);
    assert.match(explanation.message, /nor could any operation concurrent with it:\n {2}read → 6/);
  });

  it('gives up with verdict unknown when the time limit runs out', () => {
    // Twenty concurrent writes and a read of a value never written: the
    // search must try every subset of writes before it can say no.
    const writes = Array.from({ length: 20 }, (_, i) => ok(`p${i}`, 'write', i, i, 100 + i));
    const history = [...writes, ok('r', 'read', null, 30, 200, 99)];
    const result = checkHistory(history, 'register', { timeLimitMs: 1 });
    assert.equal(result.verdict, 'unknown');
    assert.equal(result.partitions[0].verdict, 'unknown');
    assert.equal(result.explanation, undefined);
  });

  it('gives up at a step limit, deterministically, and decides when the limit is high enough', () => {
    const writes = Array.from({ length: 12 }, (_, i) => ok(`p${i}`, 'write', i, i, 100 + i));
    const history = [...writes, ok('r', 'read', null, 30, 200, 99)];
    assert.equal(checkHistory(history, 'register', { stepLimit: 1000 }).verdict, 'unknown');
    assert.equal(checkHistory(history, 'register', { stepLimit: 10_000_000 }).verdict, 'not-linearizable');
  });
});
