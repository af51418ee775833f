import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FingerprintTable } from '../../../../src/check/modelCheck/fingerprintTable';

/** Deterministic pseudo-random 32-bit integers. */
function* lanes(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (Math.imul(x, 1664525) + 1013904223) | 0;
    yield x ^ (x >>> 15);
  }
}

describe('FingerprintTable', () => {
  for (const numbered of [true, false]) {
    it(`keeps every fingerprint through growth (${numbered ? 'with' : 'without'} state numbers)`, () => {
      const table = new FingerprintTable(numbered, 16);
      const random = lanes(7);
      const keys: [number, number][] = [];
      for (let i = 0; i < 5000; i++) keys.push([random.next().value, random.next().value]);
      keys.forEach(([a, b], i) => assert.equal(table.addIfAbsent(a, b, i), -1));
      assert.equal(table.size, keys.length);
      keys.forEach(([a, b], i) => {
        assert.equal(table.get(a, b), numbered ? i : 0);
        assert.equal(table.has(a, b), true);
        assert.equal(table.addIfAbsent(a, b, 99999), numbered ? i : 0);
      });
      assert.equal(table.has(12345, 67890), false);
      assert.equal(table.get(12345, 67890), -1);
    });

    it(`tells the fingerprint (0, 0) from an empty slot (${numbered ? 'with' : 'without'} state numbers)`, () => {
      const table = new FingerprintTable(numbered);
      assert.equal(table.has(0, 0), false);
      assert.equal(table.get(0, 0), -1);
      assert.equal(table.addIfAbsent(0, 0, 3), -1);
      assert.equal(table.has(0, 0), true);
      assert.equal(table.get(0, 0), numbered ? 3 : 0);
      assert.equal(table.addIfAbsent(0, 0, 4), numbered ? 3 : 0);
      assert.equal(table.size, 1);
    });
  }

  it('answers from the table when a recent-cache entry was overwritten', () => {
    const table = new FingerprintTable(true);
    // Same recent-cache entry (equal low bits of lane B), different fingerprints.
    table.addIfAbsent(1, 1 << 20, 0);
    table.addIfAbsent(2, 2 << 20, 1);
    assert.equal(table.has(1, 1 << 20), true);
    assert.equal(table.has(2, 2 << 20), true);
    assert.equal(table.has(3, 1 << 20), false);
  });
});
