import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileCell, CellCompileError } from '../../../src/kernel/compileCell';
import { LineIndex } from '../../../src/kernel/textEdits';

/** Where `needle` is in `text`, as a 0-based line/column. */
function find(text: string, needle: string, from = 0): { line: number; column: number } {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} not in text`);
  return new LineIndex(text).position(offset);
}

describe('compileCell', () => {
  it('maps a position in the compiled script back through removed type annotations', () => {
    const source = 'const limit: Map<string, number> = new Map();\nfunction f(a: number, b: { x: number }): number { return missing(a) }';
    const compiled = compileCell(source, 1);
    const at = find(compiled.code, 'missing');
    assert.deepEqual(compiled.toCellPosition(at.line, at.column), find(source, 'missing'));
  });

  it('turns imports of the protocol API into var bindings and drops export keywords', () => {
    const compiled = compileCell("import { node, simulate as sim } from 'protocol-notebook';\nexport const A = node({});\nexport function g() {}", 1, false);
    assert.match(compiled.code, /var node = __pn_import\("protocol-notebook", "node"\), sim = __pn_import\("protocol-notebook", "simulate"\);/);
    assert.doesNotMatch(compiled.code, /\bexport\b|\bimport\b/);
    assert.equal(compiled.code.split('\n').length, 3, 'lines are kept');
  });

  it('drops type-only imports', () => {
    const compiled = compileCell("import type { Ctx } from 'protocol-notebook';\nlet c: Ctx;", 1, false);
    assert.doesNotMatch(compiled.code, /__pn_import/);
  });

  it('rejects an import of any other module, pointing at the module name', () => {
    const source = "const x = 1;\nimport { readFileSync } from 'node:fs';";
    assert.throws(
      () => compileCell(source, 1),
      (error: unknown) => error instanceof CellCompileError && error.name === 'ImportError' && error.line === 1 && error.column === find(source, "'node:fs'").column,
    );
  });

  it('reports a TypeScript syntax error at its position in the cell', () => {
    assert.throws(
      () => compileCell('let a = 1;\nlet b: = 2;', 1),
      (error: unknown) => error instanceof CellCompileError && error.name === 'SyntaxError' && error.line === 1 && error.column === 7,
    );
  });

  it('inserts a step check in every loop body and function, reporting the cell position of each', () => {
    const source = 'for (;;);\nwhile (true) { }\ndo x(); while (y)\nconst f = (a: number) => a;\nfunction g() { }\nclass C { m() { } }';
    const compiled = compileCell(source, 9);
    const checks = [...compiled.code.matchAll(/__pn_outOfSteps\(9, (\d+), (\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.deepEqual(checks, [
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 10],
      [4, 0],
      [5, 10], // a method is reported at its name
    ]);
    assert.doesNotThrow(() => new Function(compiled.code), 'the instrumented script still parses');
  });

  it('lists the names a cell declares at its top level, and which cannot be declared again', () => {
    const source = "import { node } from 'protocol-notebook';\nexport const { a, b: [c] } = x;\nlet d = 1;\nfunction f() { const inner = 1; }\nclass K {}\nvar v;";
    const compiled = compileCell(source, 1);
    assert.deepEqual(
      compiled.declarations.map((d) => [d.name, d.lexical, d.line, d.column]),
      [['node', false, 0, 9], ['a', true, 1, 15], ['c', true, 1, 22], ['d', true, 2, 4], ['f', false, 3, 9], ['K', true, 4, 6], ['v', false, 5, 4]],
    );
  });

  it('nests the braces it adds around loop bodies that are not blocks', () => {
    const compiled = compileCell('for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) n++;', 1);
    assert.doesNotThrow(() => new Function('let n = 0;' + compiled.code.replace('"use strict";', '')));
    const n = new Function('__pn_steps', '__pn_outOfSteps', `let n = 0; ${compiled.code.replace('"use strict";', '')}; return n;`)(100, () => {
      throw new Error('out of steps');
    });
    assert.equal(n, 4);
  });
});
