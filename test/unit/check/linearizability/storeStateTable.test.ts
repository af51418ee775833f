import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StoreStateTable } from '../../../../src/check/linearizability/storeStateTable';

describe('the state table of the whole-store model', () => {
  it('gives one id to one store content, whatever the order of the writes that made it', () => {
    const table = new StoreStateTable(0);
    const xThenY = table.withValue(table.withValue(0, 0, 5, 11), 1, 6, 22);
    const yThenX = table.withValue(table.withValue(0, 1, 6, 33), 0, 5, 22);
    assert.equal(xThenY, yThenX);
    assert.equal(table.valueAt(xThenY, 0), 5);
    assert.equal(table.valueAt(xThenY, 1), 6);
    assert.equal(table.valueAt(xThenY, 2), 0, 'untouched keys hold the initial value');
    assert.notEqual(table.withValue(0, 0, 5, 11), xThenY);
  });

  it('keeps every state when rows widen for a higher key number and grow past their first capacity', () => {
    const table = new StoreStateTable(-1);
    const ids: number[] = [];
    let state = 0;
    for (let i = 0; i < 3000; i++) {
      state = table.withValue(state, i % 13, i, i * 7919);
      ids.push(state);
    }
    assert.equal(new Set(ids).size, 3000);
    assert.ok(table.keyCount >= 13);
    // The last state holds, for each key, the last value written to it.
    for (let k = 0; k < 13; k++) assert.equal(table.valueAt(state, k), 2987 + ((k - 2987 % 13 + 13) % 13));
    assert.equal(table.valueAt(0, 5), -1, 'the initial state is unchanged');
  });
});
