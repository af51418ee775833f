import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { renameEditsAt, renameTargetAt } from '../../../../src/analysis/languageFeatures';
import { clientCell, messagesCell, positionAfter, protocolNotebook } from './notebookFixture';

describe('renameEditsAt', () => {
  it('renames a node in the cell declaring it and in the cells using it', () => {
    const notebook = protocolNotebook();
    const result = renameEditsAt(notebook, 3, positionAfter(clientCell, 'account: Acc'), 'Bank');
    assert.ok('edits' in result);
    const edits = result.edits.map((e) => [e.cellIndex, e.range.start.line, e.range.start.character, e.newText]);
    assert.deepEqual(edits.sort(), [[1, 5, 6, 'Bank'], [3, 8, 29, 'Bank']].sort());
  });

  it('says what would be renamed', () => {
    const notebook = protocolNotebook();
    assert.deepEqual(renameTargetAt(notebook, 1, positionAfter(messagesCell, 'type Ms')), { range: { start: { line: 3, character: 5 }, end: { line: 3, character: 8 } }, placeholder: 'Msg' });
  });

  it('refuses to rename what the API declares', () => {
    const notebook = protocolNotebook();
    const result = renameEditsAt(notebook, 1, positionAfter(messagesCell, 'ctx.rep'), 'answer');
    assert.ok('error' in result);
  });
});
