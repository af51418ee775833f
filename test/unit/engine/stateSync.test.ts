import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { syncState } from '../../../src/engine/trace/stateSync';
import { diffStates } from '../../../src/engine/trace/stateDiff';
import { applyStatePatches } from '../../../src/common/traceState';
import { encodeValue, canonicalKey } from '../../../src/common/valueEncoding';
import type { StatePatch } from '../../../src/common/traceFormat';

/** Protocol-like state: objects, arrays, Maps, Sets and the odd non-JSON value. */
const leaf = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', '$x', true, null, undefined, NaN, 7n));
const state = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object'), tie('map'), tie('set')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom('k', 'n', 'log', '$only'), tie('value'), { maxKeys: 3 }),
  map: fc.array(fc.tuple(fc.constantFrom('p', 'q', 1), tie('value')), { maxLength: 3 }).map((entries) => new Map(entries)),
  set: fc.array(leaf, { maxLength: 3 }).map((items) => new Set(items)),
})).value;

test('syncing a raw state against its encoded mirror yields patches that rebuild the new state', () => {
  fc.assert(
    fc.property(state, state, (before, after) => {
      const mirror = encodeValue(before);
      const patches: StatePatch[] = [];
      const synced = syncState(mirror, after, patches);
      const expected = encodeValue(after);
      assert.equal(canonicalKey(applyStatePatches(encodeValue(before), patches)), canonicalKey(expected), 'the patches rebuild the state');
      assert.equal(canonicalKey(synced), canonicalKey(expected), 'the mirror is brought up to date');
      assert.equal(patches.length === 0, diffStates(encodeValue(before), expected).length === 0, 'a change is found exactly when there is one');
    }),
    { numRuns: 2000, seed: 42 },
  );
});

test('patches do not share objects with the mirror, which is updated in place later', () => {
  const mirror = encodeValue({ list: [1] });
  const patches: StatePatch[] = [];
  const next = syncState(mirror, { list: [1, { deep: 1 }] }, patches);
  syncState(next, { list: [1, { deep: 2 }] }, []);
  assert.deepEqual(patches, [{ path: ['list', 1], value: { deep: 1 } }]);
});
