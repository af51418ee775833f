/** Where labels may go (pure, in Node): a claimed box keeps others out, and an arrow crossing a box is seen. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LabelSpace, segmentCrossesBox } from '../../webview/chart/labelSpace';

test('a claimed box keeps every overlapping box out, and only those', () => {
  const space = new LabelSpace();
  assert.equal(space.claim({ left: 100, top: 100, width: 60, height: 12 }), true);
  assert.equal(space.claim({ left: 150, top: 108, width: 60, height: 12 }), false, 'overlaps the corner');
  assert.equal(space.claim({ left: 40, top: 90, width: 200, height: 40 }), false, 'holds it whole');
  assert.equal(space.claim({ left: 160, top: 100, width: 60, height: 12 }), true, 'touching edges is not overlapping');
  assert.equal(space.claim({ left: 100, top: 112, width: 60, height: 12 }), true, 'the row below is free');
  // Far apart in the content (a tall chart), boxes do not see each other through the grid.
  assert.equal(space.claim({ left: 100, top: 5_000_100, width: 60, height: 12 }), true);
  assert.equal(space.free({ left: 130, top: 5_000_105, width: 10, height: 2 }), false);
});

test('an arrow crosses a label box when any part of it passes through', () => {
  const box = { left: 100, top: 100, width: 80, height: 20 };
  assert.equal(segmentCrossesBox(50, 110, 250, 110, box), true, 'straight through');
  assert.equal(segmentCrossesBox(90, 90, 190, 130, box), true, 'diagonally through');
  assert.equal(segmentCrossesBox(120, 105, 130, 108, box), true, 'inside');
  assert.equal(segmentCrossesBox(50, 50, 250, 90, box), false, 'above');
  assert.equal(segmentCrossesBox(50, 150, 99, 60, box), false, 'beside, within its rows');
  assert.equal(segmentCrossesBox(150, 60, 250, 115, box), false, 'past a corner: its bounding box meets the box, the line does not');
});
