import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { cellTypeDiagnostics, typeDiagnostics } from '../../../../src/analysis/languageFeatures';
import { newNotebookTemplate, parseNotebookText } from '../../../../src/document';
import { notebookOf, positionAfter, protocolNotebook } from './notebookFixture';

describe('typeDiagnostics', () => {
  it('has none for a notebook whose cells use each other and the API correctly', () => {
    assert.deepEqual(typeDiagnostics(protocolNotebook()), []);
  });

  it('puts an error about a message shape of cell 1 on the line of the later cell that breaks it', () => {
    const later = "const ok: Msg = { type: 'ack', id: 'a' };\nconst bad: Msg = { type: 'deposit', id: 'b', amount: 'ten' };";
    const [error, ...rest] = typeDiagnostics(protocolNotebook(later));
    assert.deepEqual(rest, []);
    assert.equal(error.cellIndex, 4);
    assert.equal(error.severity, 'error');
    assert.equal(error.code, 2322);
    assert.deepEqual(error.range, { start: { line: 1, character: 45 }, end: { line: 1, character: 51 } });
    assert.match(error.message, /Type 'string' is not assignable to type 'number'/);
  });

  it('points to the declaration in cell 1 of the message type a later cell gets wrong', () => {
    const later = "const bad: Msg = { type: 'dep', id: 'b' };";
    const [error] = typeDiagnostics(protocolNotebook(later));
    assert.equal(error.cellIndex, 4);
    assert.deepEqual(error.range.start, positionAfter(later, 'type:', true));
    assert.match(error.message, /Type '"dep"' is not assignable to type '"deposit" \| "ack"'/);
    assert.deepEqual(error.related.map((r) => r.location.kind === 'cell' && [r.location.cellIndex, r.location.range.start.line]), [[1, 3]]);
  });

  it('reports a syntax error on its cell', () => {
    const [error] = typeDiagnostics(protocolNotebook('const x = ;'));
    assert.equal(error.cellIndex, 4);
    assert.equal(error.code, 1109);
  });

  it('knows no name a later cell has not declared, but every name an earlier cell has', () => {
    const errors = typeDiagnostics(protocolNotebook('Account; Client; Nobody;'));
    assert.deepEqual(errors.map((e) => [e.cellIndex, e.message]), [[4, "Cannot find name 'Nobody'."]]);
  });

  it('checks only the cells asked for, with the same errors the whole check finds in them', () => {
    const notebook = protocolNotebook("const a: Msg = { type: 'nope', id: 'a' };", 'const b: number = Account;');
    const whole = typeDiagnostics(notebook);
    assert.deepEqual(whole.map((d) => d.cellIndex), [4, 5]);
    assert.deepEqual(cellTypeDiagnostics(notebook, [5]), whole.filter((d) => d.cellIndex === 5));
    assert.deepEqual(cellTypeDiagnostics(notebook, [4]), whole.filter((d) => d.cellIndex === 4));
    assert.deepEqual(cellTypeDiagnostics(notebook, [1, 3]), []);
  });
});

describe('the kernel globals', () => {
  it('let a cell use the API without importing it, and display', () => {
    const cell = "const A = node<{ n: number }>({ init: () => ({ n: 0 }), on: {} });\nconst run = display(simulate({ nodes: { a: A }, properties: { ok: always((w) => w.now >= 0) } }));\nrun.verdicts;";
    assert.deepEqual(typeDiagnostics(notebookOf([{ index: 0, source: cell }])).map((d) => d.message), []);
  });

  it('still report a name neither the cells nor the kernel define', () => {
    assert.deepEqual(typeDiagnostics(notebookOf([{ index: 0, source: 'simulat({ nodes: {} });' }])).map((d) => d.code), [2552]);
  });
});

describe('imports of the API in several cells', () => {
  it('are not duplicates (the kernel allows them), but a name declared twice still is', () => {
    const notebook = notebookOf([
      { index: 0, source: "import { node, simulate } from 'protocol-notebook';\nconst A = node<{ n: number }>({ init: () => ({ n: 0 }), on: {} });" },
      { index: 1, source: "import { node } from 'protocol-notebook';\nimport type { NodeId } from 'protocol-notebook';\nconst B = node<{ n: number }>({ init: () => ({ n: 0 }), on: {} });" },
      { index: 2, source: "import type { NodeId } from 'protocol-notebook';\nconst at: NodeId = 'a';\nsimulate({ nodes: { A, B } });" },
      { index: 3, source: 'type Twice = number;\ntype Twice = string;' },
    ]);
    assert.deepEqual(typeDiagnostics(notebook).map((d) => [d.cellIndex, d.range.start.line, d.code]), [[3, 0, 2300], [3, 1, 2300]]);
  });
});

describe('what the sandbox adds to the language', () => {
  it('lets a cell use console, as the kernel shows its lines under the cell', () => {
    const cell = "console.log('sent', 1);\nconsole.warn({ a: 1 });\nconsole.error('x'); console.info(); console.debug(); console.table([]);";
    assert.deepEqual(typeDiagnostics(notebookOf([{ index: 0, source: cell }])).map((d) => d.message), []);
  });

  it('knows the frozen performance clock and ES2022 Math and Date', () => {
    const cell = 'const t: number = performance.now() + Math.max(1, 2) + Date.now() + new Date(0).getTime();';
    assert.deepEqual(typeDiagnostics(notebookOf([{ index: 0, source: cell }])).map((d) => d.message), []);
  });

  it('still reports a console method the kernel does not provide', () => {
    const [error] = typeDiagnostics(notebookOf([{ index: 0, source: 'console.group();' }]));
    assert.equal(error?.code, 2339);
  });
});

describe('the new-notebook template', () => {
  it('type-checks with no error in any cell', () => {
    const cells = parseNotebookText(newNotebookTemplate).cells;
    const code = cells.flatMap((cell, index) => (cell.kind === 'code' ? [{ index, source: cell.source }] : []));
    assert.equal(code.length, 2);
    assert.deepEqual(typeDiagnostics(notebookOf(code)).map((d) => `cell ${d.cellIndex + 1}: ${d.message}`), []);
  });
});
