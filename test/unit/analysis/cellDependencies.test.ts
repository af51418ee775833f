import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cellDependencies, notebookDependencies } from '../../../src/analysis/cellDependencies';

const api = ['node', 'simulate', 'always', 'explore', 'check'];
/** Code cells at notebook indices 1, 3, 5, … (Markdown between them), as a notebook has them. */
const cells = (...sources: string[]) => sources.map((source, i) => ({ index: 2 * i + 1, source }));

const nodes = "type Msg = { type: 'ping' };\nconst A = node<{ n: number }, Msg>({ init: () => ({ n: 0 }), on: { ping(state, msg, ctx) { state.n += 1; ctx.send('b', msg); } } });";
const broken = "simulate({ nodes: { a: A }, seed: 1 });\nthrow new Error('broken');";
const later = "const run = simulate({ nodes: { a: A }, seed: 2 });\nrun;";

describe('which cells above a cell it needs', () => {
  it('skips a broken cell that only uses what the cell uses too', () => {
    assert.deepEqual(cellDependencies(cells(nodes, broken, later), 2, api), [1]);
  });

  it('follows names through the cells it needs (a function that calls one declared further up)', () => {
    const notebook = cells('const limit = 3;', "const unrelated = 'x';", 'function check(n: number) { return n <= limit; }', 'check(2);');
    assert.deepEqual(cellDependencies(notebook, 3, api), [1, 5]);
  });

  it('finds a name declared below the function that uses it, when a needed cell needs it', () => {
    const notebook = cells('function f() { return g(); }', 'function g() { return 1; }', 'f();');
    assert.deepEqual(cellDependencies(notebook, 2, api), [1, 3]);
  });

  it('keeps a cell that changes what the cell reads: an assignment, a method call, a function handed it', () => {
    for (const change of ['config.retries = 5;', 'list.push(1);', 'tweak(config);', 'tweak({ of: list });']) {
      const notebook = cells('const config = { retries: 1 };\nconst list: number[] = [];\nfunction tweak(x: unknown) { return x; }', change, 'display([config, list]);');
      assert.deepEqual(cellDependencies(notebook, 2, api), [1, 3], change);
    }
  });

  it('keeps a cell that calls a function value sharing state with what the cell reads', () => {
    const counter = 'const counter = (() => { let n = 0; return { inc: () => { n += 1; }, get: () => n }; })();';
    assert.deepEqual(cellDependencies(cells(counter, 'const inc = counter.inc;', 'inc();', 'counter.get();'), 3, api), [1, 3, 5]);
    assert.deepEqual(cellDependencies(cells(counter, 'counter.inc();', 'counter.get();'), 2, api), [1, 3]);
    const wrapped = cells(counter, 'function wrap<T>(x: T) { return x; }', 'const same = wrap(counter);', 'same.inc();', 'counter.get();');
    assert.deepEqual(cellDependencies(wrapped, 4, api), [1, 3, 5, 7]);
  });

  it('skips a cell that calls a plain function with nothing the cell reads', () => {
    const notebook = cells('const limit = 3;\nfunction check(n: number) { return n <= limit; }\nconst twice = (n: number) => 2 * n;', 'check(2);\ntwice(1);', 'check(7);');
    assert.deepEqual(cellDependencies(notebook, 2, api), [1]);
  });

  it('keeps a cell that declares a name the cell declares again (the redeclaration is an error either way)', () => {
    assert.deepEqual(cellDependencies(cells('const x = 1;', 'const x = 2;'), 1, api), [1]);
  });

  it('skips a cell that only reads, logs or shows what the cell uses', () => {
    const notebook = cells('const total = 6;', 'console.log(total);\ndisplay(total);\nMath.max(total, 1);', 'total * 2;');
    assert.deepEqual(cellDependencies(notebook, 2, api), [1]);
  });

  it('is unsure when a function body changes a top-level name (a handler counting in a global)', () => {
    const notebook = cells('let delivered = 0;', "const A = node({ init: () => ({}), on: { ping() { delivered++; } } });", 'simulate({ nodes: { a: A } });', 'delivered;');
    assert.equal(cellDependencies(notebook, 3, api), undefined);
  });

  it('is unsure about globalThis, eval and a top-level this', () => {
    for (const opaque of ['globalThis.x = 1;', "eval('x = 1');", 'this;']) {
      assert.equal(cellDependencies(cells('const a = 1;', opaque, 'a;'), 2, api), undefined, opaque);
    }
  });

  it('needs nothing above a cell that uses nothing from the cells above', () => {
    assert.deepEqual(cellDependencies(cells(nodes, broken, "'hello';"), 2, api), []);
  });

  it('counts an import as a declaration of its names', () => {
    const notebook = cells("import { node as makeNode } from 'protocol-notebook';", 'makeNode({ init: () => ({}), on: {} });');
    assert.deepEqual(cellDependencies(notebook, 1, api), [1]);
  });

  it('says why each cell is needed: the name that links it, the cell that uses it, and where that cell first names it', () => {
    const notebook = cells('const x = 1;', "const other = 'x';", 'const y = x + 1;', '// twice y\nconsole.log(y * 2);');
    assert.deepEqual(notebookDependencies(notebook, api).needsOf(3), {
      needed: [1, 5],
      reasons: [
        { name: 'x', by: 5, at: { line: 0, column: 10 } },
        { name: 'y', by: 7, at: { line: 1, column: 12 } },
      ],
    });
  });

  it('answers for every cell of one analysis as cellDependencies does for each', () => {
    const notebook = cells(nodes, broken, later, 'const limit = 3;', 'function check(n: number) { return n <= limit; }', 'check(2);', 'run;');
    const analysis = notebookDependencies(notebook, api);
    for (let target = 0; target < notebook.length; target++) assert.deepEqual(analysis.needsOf(target)?.needed, cellDependencies(notebook, target, api), `cell ${target}`);
    assert.equal(analysis.needsOf(notebook.length), undefined);
  });
});
