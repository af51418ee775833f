import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildCellMap, cellPositionAt, cellRangeOf, lineStartsOf, virtualOffsetOf } from '../../../src/analysis/cellMap';

describe('cellMap', () => {
  const map = buildCellMap([
    { index: 0, source: 'const a = 1;\nconst b = 2;' },
    { index: 3, source: 'a + b;' },
  ]);

  it('lays cells end to end, each followed by a line break', () => {
    assert.equal(map.text, 'const a = 1;\nconst b = 2;\na + b;\n');
    assert.deepEqual(map.segments.map((s) => [s.cellIndex, s.start]), [[0, 0], [3, 26]]);
  });

  it('maps a virtual offset back to its cell, line and character', () => {
    assert.deepEqual(cellPositionAt(map, map.text.indexOf('b = 2')), { cellIndex: 0, position: { line: 1, character: 6 } });
    assert.deepEqual(cellPositionAt(map, map.text.indexOf('+')), { cellIndex: 3, position: { line: 0, character: 2 } });
  });

  it('maps a cell position to a virtual offset and back', () => {
    for (const [cellIndex, line, character] of [[0, 0, 0], [0, 1, 5], [3, 0, 4]]) {
      const offset = virtualOffsetOf(map, cellIndex, { line, character });
      assert.ok(offset !== undefined);
      assert.deepEqual(cellPositionAt(map, offset), { cellIndex, position: { line, character } });
    }
    assert.equal(virtualOffsetOf(map, 1, { line: 0, character: 0 }), undefined, 'a Markdown cell is not in the program');
  });

  it('gives ranges inside one cell', () => {
    const start = map.text.indexOf('a + b');
    assert.deepEqual(cellRangeOf(map, start, start + 5), { cellIndex: 3, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } } });
  });

  it('counts \\r\\n, \\n and \\r as line ends', () => {
    assert.deepEqual(lineStartsOf('a\r\nb\nc\rd'), [0, 3, 5, 7]);
  });
});
