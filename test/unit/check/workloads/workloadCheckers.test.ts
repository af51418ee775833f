import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkBroadcast, checkGrowOnlyCounter, checkLinearizableKv, checkUniqueIds } from '../../../../src/check/workloads';
import type { HistoryOperation } from '../../../../src/common/history';
import type { JsonValue } from '../../../../src/common/traceFormat';

let clock = 0;
function op(process: string, f: string, input: JsonValue, output?: JsonValue, status: HistoryOperation['status'] = 'ok', extra: Partial<HistoryOperation> = {}): HistoryOperation {
  const call = clock++;
  const o: HistoryOperation = { process, f, input, call, status, ...extra };
  if (status !== 'info') o.return = clock++;
  if (output !== undefined) o.output = output;
  return o;
}

describe('unique ids', () => {
  it('passes when every acknowledged id is distinct, ignoring unacknowledged ones', () => {
    const verdict = checkUniqueIds([op('c1', 'generate', null, 'n1-1'), op('c2', 'generate', null, 'n2-1'), op('c1', 'generate', null, undefined, 'info'), op('c3', 'generate', null, 1)]);
    assert.equal(verdict.verdict, 'valid');
    assert.equal(verdict.summary, '3 ids generated, all distinct');
  });

  it('fails on an id handed out twice, naming both operations', () => {
    const verdict = checkUniqueIds([op('c1', 'generate', null, 'a'), op('c2', 'generate', null, 'b'), op('c3', 'generate', null, 'a')]);
    assert.equal(verdict.verdict, 'invalid');
    assert.deepEqual(verdict.problems, [{ message: 'id "a" was handed out 2 times', operations: [0, 2] }]);
  });
});

describe('broadcast', () => {
  const broadcasts = [op('c1', 'broadcast', 1), op('c2', 'broadcast', 2), op('c3', 'broadcast', 3, undefined, 'info')];

  it('passes when every node finally reads every acknowledged value', () => {
    const reads = [op('c1', 'read', null, [1], 'ok', { node: 'n1' }), op('c1', 'read', null, [1, 2], 'ok', { node: 'n1' }), op('c2', 'read', null, [2, 1, 3], 'ok', { node: 'n2' })];
    const verdict = checkBroadcast([...broadcasts, ...reads]);
    assert.equal(verdict.verdict, 'valid', verdict.summary);
    assert.equal(verdict.summary, '2 acknowledged values, each in the final read of all 2 nodes');
  });

  it('fails when a node never gets an acknowledged value, or reads one nobody sent', () => {
    const reads = [op('c1', 'read', null, [1, 2], 'ok', { node: 'n1' }), op('c2', 'read', null, [1, 2], 'ok', { node: 'n2' }), op('c2', 'read', null, [1, 7], 'ok', { node: 'n2' })];
    const verdict = checkBroadcast([...broadcasts, ...reads]);
    assert.equal(verdict.verdict, 'invalid');
    assert.deepEqual(verdict.problems, [
      { message: 'the final read of n2 lacks 1 acknowledged value: 2', operations: [5, 1] },
      { message: 'a read by c2 returned 7, never broadcast', operations: [5] },
    ]);
  });

  it('fails when no read completed at all', () => {
    assert.equal(checkBroadcast(broadcasts).verdict, 'invalid');
  });
});

describe('grow-only counter', () => {
  it('passes when every final read is the sum of acknowledged adds', () => {
    const history = [op('c1', 'add', 2), op('c2', 'add', 3), op('c3', 'add', 10, undefined, 'fail'), op('c1', 'read', null, 2, 'ok', { node: 'n1' }), op('c1', 'read', null, 5, 'ok', { node: 'n1' }), op('c2', 'read', null, 5, 'ok', { node: 'n2' })];
    const verdict = checkGrowOnlyCounter(history);
    assert.equal(verdict.verdict, 'valid', verdict.summary);
    assert.equal(verdict.summary, 'the final reads of all 2 nodes are 5, the sum of acknowledged adds');
  });

  it('allows adds of unknown outcome to count or not', () => {
    const history = [op('c1', 'add', 2), op('c2', 'add', 4, undefined, 'info'), op('c1', 'read', null, 6, 'ok', { node: 'n1' }), op('c3', 'read', null, 2, 'ok', { node: 'n2' })];
    assert.equal(checkGrowOnlyCounter(history).verdict, 'valid');
  });

  it('fails when a final read misses an acknowledged add (or counts one twice)', () => {
    const history = [op('c1', 'add', 2), op('c2', 'add', 3), op('c1', 'read', null, 5, 'ok', { node: 'n1' }), op('c2', 'read', null, 3, 'ok', { node: 'n2' }), op('c3', 'read', null, 7, 'ok', { node: 'n3' })];
    const verdict = checkGrowOnlyCounter(history);
    assert.equal(verdict.verdict, 'invalid');
    assert.deepEqual(verdict.problems.map((p) => p.message), [
      'the final read of n2 is 3, expected 5, the sum of acknowledged adds',
      'the final read of n3 is 7, expected 5, the sum of acknowledged adds',
    ]);
    assert.deepEqual(verdict.problems.map((p) => p.operations), [[3], [4]]);
  });
});

describe('linearizable key–value store', () => {
  it('passes a history where every read sees the latest write of its key', () => {
    const history = [op('c1', 'write', 1, undefined, 'ok', { key: 'x' }), op('c2', 'read', null, null, 'ok', { key: 'y' }), op('c2', 'cas', [1, 2], undefined, 'ok', { key: 'x' }), op('c1', 'read', null, 2, 'ok', { key: 'x' })];
    const verdict = checkLinearizableKv(history);
    assert.equal(verdict.verdict, 'valid');
    assert.equal(verdict.summary, '4 operations on 2 keys, linearizable');
  });

  it('fails a stale read, naming the key and the operation that cannot be placed', () => {
    const history = [op('c1', 'write', 1, undefined, 'ok', { key: 'x' }), op('c2', 'write', 2, undefined, 'ok', { key: 'x' }), op('c3', 'read', null, 1, 'ok', { key: 'x' })];
    const verdict = checkLinearizableKv(history);
    assert.equal(verdict.verdict, 'invalid');
    assert.match(verdict.summary, /^key "x" is not linearizable: read "x" → 1 \(process c3, called at \d+, returned at \d+\) cannot be placed$/);
    assert.deepEqual(verdict.problems[0].operations, [0, 1, 2]);
  });
});
