import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { notebookExpectations } from './expectations';

const notebook = (after: string) => ['# A notebook', '', '```ts', 'const a = 1;', '```', '', '```ts', 'simulate(config);', '```', after, 'More prose.', ''].join('\n');

describe('the expect comments of a notebook', () => {
  it('belong to the code cell right above them, one result per header, in order', () => {
    const cells = notebookExpectations(notebook('<!-- expect\nsimulate:\n  ✓ safe\n  ✗ live — never decided\n  ⚠ Node.handler\nexplore:\n  ? bounded\n-->'));
    assert.deepEqual(cells.map((c) => c.line), [4, 8]);
    assert.deepEqual(cells[0].results, [], 'a cell with no comment after it expects no result');
    assert.deepEqual(cells[1].results, [
      { kind: 'simulate', verdicts: [{ name: 'safe', status: 'pass' }, { name: 'live', status: 'fail', messageIncludes: 'never decided' }], notIdempotent: ['Node.handler'] },
      { kind: 'explore', verdicts: [{ name: 'bounded', status: 'unknown' }], notIdempotent: [] },
    ]);
  });

  it('refuse a line before any header, or one without a mark, rather than expect nothing in silence', () => {
    assert.throws(() => notebookExpectations(notebook('<!-- expect\n  ✓ safe\n-->')), /before any "simulate:"/);
    assert.throws(() => notebookExpectations(notebook('<!-- expect\nsimulate:\n  safe\n-->')), /starts with ✓, ✗, \? or ⚠/);
    assert.throws(() => notebookExpectations(notebook('<!-- expect\n-->')), /no result in it/);
  });
});
