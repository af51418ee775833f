import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nulls, regrowArray, regrowTyped } from '../../../src/engine/trace/ring';

test('growing a ring keeps its items in order, wrapped or not, one or several entries a slot', () => {
  for (const head of [0, 3, 7]) {
    for (const count of [0, 5, 8]) {
      const slots = 8;
      const plain = nulls<number>(slots);
      const typed = new Float64Array(slots * 2);
      for (let k = 0; k < count; k++) {
        const slot = (head + k) % slots;
        plain[slot] = k;
        typed[slot * 2] = k;
        typed[slot * 2 + 1] = -k;
      }
      const grownPlain = regrowArray(plain, 16, head, count);
      const grownTyped = regrowTyped(typed, 16, head, count, 2);
      assert.equal(grownPlain.length, 16);
      assert.equal(grownTyped.length, 32);
      assert.ok(grownTyped instanceof Float64Array);
      for (let k = 0; k < count; k++) {
        assert.equal(grownPlain[k], k, `plain, head ${head}, count ${count}, item ${k}`);
        assert.deepEqual([grownTyped[k * 2], grownTyped[k * 2 + 1]], [k, -k], `typed, head ${head}, count ${count}, item ${k}`);
      }
      assert.ok(grownPlain.slice(count).every((v) => v === null));
    }
  }
});
