import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { changeRangeBetween, createNotebookProgram } from '../../../src/analysis/notebookProgram';

const header = "import { node } from 'protocol-notebook';\ntype S = { n: number };";
const account = 'export const A = node<S, { type: "d"; amount: number }>({ init: () => ({ n: 0 }), on: { d(state, msg, ctx) { state.n = msg.amount; ctx.log(String(ctx.now)); } } });';

describe('notebookProgram', () => {
  it('knows names from earlier cells in later ones, and types the API', () => {
    const notebook = createNotebookProgram();
    notebook.update([{ index: 0, source: header }, { index: 2, source: account }]);
    const errors = notebook.program().getSemanticDiagnostics(notebook.sourceFile());
    assert.deepEqual(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
    const file = notebook.sourceFile();
    const offset = file.text.indexOf('msg.amount') + 'msg.'.length;
    const info = notebook.languageService.getQuickInfoAtPosition(notebook.fileName, offset);
    assert.equal(ts.displayPartsToString(info?.displayParts), '(property) amount: number');
  });

  it('reports type errors at cell positions', () => {
    const notebook = createNotebookProgram();
    notebook.update([{ index: 0, source: header }, { index: 1, source: 'const x: S = { n: "one" };' }]);
    const [error] = notebook.program().getSemanticDiagnostics(notebook.sourceFile());
    assert.ok(error?.start !== undefined);
    assert.deepEqual(notebook.toCellPosition(error.start), { cellIndex: 1, position: { line: 0, character: 15 } });
  });

  it('reuses the program when nothing changed and rebuilds it when a cell did', () => {
    const notebook = createNotebookProgram();
    notebook.update([{ index: 0, source: header }, { index: 2, source: account }]);
    const first = notebook.program();
    notebook.update([{ index: 0, source: header }, { index: 2, source: account }]);
    assert.equal(notebook.program(), first);
    notebook.update([{ index: 0, source: header }, { index: 2, source: account.replace('msg.amount', 'msg.amount + 1') }]);
    const second = notebook.program();
    assert.notEqual(second, first);
    assert.match(notebook.sourceFile().text, /msg\.amount \+ 1/);
    // The library is parsed once and shared.
    assert.equal(second.getSourceFiles().find((f) => f.fileName.endsWith('lib.es5.d.ts')), first.getSourceFiles().find((f) => f.fileName.endsWith('lib.es5.d.ts')));
  });

  it('describes an edit as the smallest changed span', () => {
    const change = changeRangeBetween('abcXYdef', 'abcZdef');
    assert.deepEqual([change.span.start, change.span.length, change.newLength], [3, 2, 1]);
  });
});
