import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectReplay } from '../../../src/kernel/replaySelection';

const cell = (n: number, source = `cell${n};`) => ({ id: `c${n}`, index: n, source });
const notebook = [cell(1), cell(2), cell(3), cell(4)];
const sources = (cells: { source: string }[]) => cells.map((c) => c.source);

describe('what the kernel is sent to run a cell', () => {
  it('after a restart, leaves empty the cells above that the cell does not need', () => {
    const { cells, skipped } = selectReplay(notebook, 3, [1, 3], []);
    assert.deepEqual(sources(cells), ['cell1;', '', 'cell3;', 'cell4;']);
    assert.deepEqual(skipped, ['c2']);
  });

  it('sends every cell above when the needs are not known', () => {
    const { cells, skipped } = selectReplay(notebook, 3, undefined, []);
    assert.deepEqual(sources(cells), ['cell1;', 'cell2;', 'cell3;', 'cell4;']);
    assert.deepEqual(skipped, []);
  });

  it('sends what the kernel already holds as it is, so running the next cell replays nothing', () => {
    const held = [cell(1), cell(2), cell(3)];
    assert.deepEqual(sources(selectReplay(notebook, 3, [1], held).cells), ['cell1;', 'cell2;', 'cell3;', 'cell4;']);
    assert.deepEqual(selectReplay(notebook, 3, [1], held).skipped, []);
  });

  it('keeps a cell it left empty before empty while it is still not needed', () => {
    const held = [cell(1), cell(2, ''), cell(3)];
    assert.deepEqual(sources(selectReplay(notebook, 3, [1, 3], held).cells), ['cell1;', '', 'cell3;', 'cell4;']);
  });

  it('sends a cell it left empty before in full once the cell to run needs it', () => {
    const held = [cell(1), cell(2, ''), cell(3)];
    const { cells, skipped } = selectReplay(notebook, 3, [1, 2, 3], held);
    assert.deepEqual(sources(cells), ['cell1;', 'cell2;', 'cell3;', 'cell4;']);
    assert.deepEqual(skipped, []);
  });

  it('does not keep what the kernel holds once a cell above was edited', () => {
    const edited = [cell(1), cell(2, 'changed;'), cell(3), cell(4)];
    assert.deepEqual(sources(selectReplay(edited, 3, [1], [cell(1), cell(2), cell(3)]).cells), ['cell1;', '', '', 'cell4;']);
  });
});
