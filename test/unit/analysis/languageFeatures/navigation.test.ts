import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { definitionsAt, hoverAt, referencesAt, signatureHelpAt } from '../../../../src/analysis/languageFeatures';
import { clientCell, messagesCell, notebookOf, positionAfter, protocolNotebook } from './notebookFixture';

describe('definitionsAt', () => {
  it('goes from a use in a later cell to the declaration in an earlier one', () => {
    const notebook = protocolNotebook();
    const [definition] = definitionsAt(notebook, 3, positionAfter(clientCell, 'account: Acc'));
    assert.deepEqual(definition, { kind: 'cell', cellIndex: 1, range: { start: { line: 5, character: 6 }, end: { line: 5, character: 13 } } });
  });

  it("goes into the API's declaration files", () => {
    const notebook = protocolNotebook();
    const [definition] = definitionsAt(notebook, 3, positionAfter(clientCell, 'const Client = no'));
    assert.equal(definition?.kind, 'file');
    assert.match(definition.kind === 'file' ? definition.fileName : '', /engine[\\/]api[\\/]node\.(d\.)?ts$/);
  });
});

describe('definitionsAt, a name used without its import', () => {
  it("goes to the API's declaration, not to the kernel's generated globals", () => {
    const cell = 'const N = node<{ n: number }>({ init: () => ({ n: 0 }), on: {} });';
    const [definition, ...more] = definitionsAt(notebookOf([{ index: 0, source: cell }]), 0, positionAfter(cell, 'const N = no'));
    assert.deepEqual(more, []);
    assert.match(definition?.kind === 'file' ? definition.fileName : '', /engine[\\/]api[\\/]node\.(d\.)?ts$/);
  });

  it('has none for display, which the kernel defines', () => {
    const cell = 'display(1);';
    assert.deepEqual(definitionsAt(notebookOf([{ index: 0, source: cell }]), 0, positionAfter(cell, 'disp')), []);
  });
});

describe('referencesAt', () => {
  it('finds the uses of a message type in every cell', () => {
    const notebook = protocolNotebook();
    const references = referencesAt(notebook, 1, positionAfter(messagesCell, 'type Ms'), false);
    assert.deepEqual(references.map((r) => (r.kind === 'cell' ? [r.cellIndex, r.range.start.line] : r.fileName)), [[1, 5], [3, 0]]);
  });
});

describe('hoverAt', () => {
  it("shows the API's JSDoc", () => {
    const notebook = protocolNotebook();
    const hover = hoverAt(notebook, 1, positionAfter(messagesCell, 'ctx.rep'));
    assert.match(hover?.signature ?? '', /reply\(request: Msg, response: Msg\): void/);
    assert.match(hover?.markdown ?? '', /Sends `response` to the sender of `request`/);
    assert.deepEqual(hover?.range, { start: { line: 10, character: 10 }, end: { line: 10, character: 15 } });
  });

  it("shows the API's JSDoc on a name used without its import", () => {
    const cell = 'const N = node<{ n: number }>({ init: () => ({ n: 0 }), on: {} });\nsimulate({ nodes: { a: N } });';
    const notebook = notebookOf([{ index: 0, source: cell }]);
    const onNode = hoverAt(notebook, 0, positionAfter(cell, 'const N = no'));
    assert.match(onNode?.signature ?? '', /node/);
    assert.match(onNode?.markdown ?? '', /Defines a kind of node/);
    const onSimulate = hoverAt(notebook, 0, positionAfter(cell, 'simul'));
    assert.match(onSimulate?.markdown ?? '', /Runs the protocol on the simulated network/);
  });

  it('shows the JSDoc of a name declared in an earlier cell', () => {
    const notebook = protocolNotebook();
    const hover = hoverAt(notebook, 3, positionAfter(clientCell, '{ sent: number }, Ms'));
    assert.match(hover?.markdown ?? '', /What the account and its clients say/);
  });
});

describe('signatureHelpAt', () => {
  it('shows the signature and the argument the cursor is on', () => {
    const notebook = protocolNotebook();
    const help = signatureHelpAt(notebook, 1, positionAfter(messagesCell, 'ctx.reply(msg, '), ',');
    assert.ok(help);
    assert.equal(help.activeParameter, 1);
    assert.match(help.signatures[help.activeSignature].label, /reply\(request: Msg, response: Msg\): void/);
    assert.match(help.signatures[help.activeSignature].markdown, /Sends `response` to the sender of `request`/);
  });
});
