import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newNotebookTemplate, parseNotebookText, serializeNotebook } from '../../../src/document';

test('the new-notebook template is prose, a protocol cell and a simulate cell', () => {
  const parsed = parseNotebookText(newNotebookTemplate);
  assert.deepEqual(parsed.cells.map((c) => c.kind), ['markdown', 'code', 'markdown', 'code']);
  assert.match(parsed.cells[1].source, /from 'protocol-notebook'/);
  assert.match(parsed.cells[3].source, /^simulate\(/);
  assert.equal(serializeNotebook(parsed), newNotebookTemplate);
});
