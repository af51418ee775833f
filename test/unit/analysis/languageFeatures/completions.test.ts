import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { completionDocumentation, completionsAt } from '../../../../src/analysis/languageFeatures';
import { clientCell, messagesCell, positionAfter, protocolNotebook } from './notebookFixture';

const names = (items: readonly { name: string }[] | undefined) => (items ?? []).map((i) => i.name);

describe('completionsAt', () => {
  it('lists the handler context members after `ctx.`', () => {
    const source = messagesCell.replace("ctx.reply(msg, { type: 'ack', id: msg.id });", 'ctx.');
    const notebook = protocolNotebook();
    notebook.update([{ index: 1, source }, { index: 3, source: clientCell }]);
    const result = completionsAt(notebook, 1, positionAfter(source, 'ctx.'), '.');
    assert.ok(result?.isMemberCompletion);
    for (const member of ['send', 'reply', 'broadcast', 'setTimer', 'self', 'now']) assert.ok(names(result.items).includes(member), `ctx.${member} is offered`);
  });

  it('offers names declared in an earlier cell', () => {
    const later = 'const again = Acc';
    const notebook = protocolNotebook(later);
    const result = completionsAt(notebook, 4, positionAfter(later, 'Acc'));
    assert.ok(names(result?.items).includes('Account'));
    assert.ok(names(result?.items).includes('Client'));
  });

  it("offers the union's message `type` literals inside a quote", () => {
    const later = "const m: Msg = { type: '' };";
    const notebook = protocolNotebook(later);
    const result = completionsAt(notebook, 4, positionAfter(later, "type: '"), "'");
    assert.deepEqual(names(result?.items).sort(), ['ack', 'deposit']);
  });

  it('gives the API JSDoc of a selected item', () => {
    const source = messagesCell.replace("ctx.reply(msg, { type: 'ack', id: msg.id });", 'ctx.se');
    const notebook = protocolNotebook();
    notebook.update([{ index: 1, source }, { index: 3, source: clientCell }]);
    const doc = completionDocumentation(notebook, 1, positionAfter(source, 'ctx.se'), { name: 'send' });
    assert.match(doc?.signature ?? '', /send\(to: NodeId, msg: Msg\): void/);
    assert.match(doc?.markdown ?? '', /network may delay, reorder, lose or duplicate/);
  });

  it('has nothing for a cell outside the program', () => {
    assert.equal(completionsAt(protocolNotebook(), 0, { line: 0, character: 0 }), undefined);
  });
});
