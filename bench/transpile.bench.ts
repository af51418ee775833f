/**
 * Which transpiler turns a cell's TypeScript into JavaScript: esbuild's
 * `transformSync`, sucrase's `transform`, or TypeScript's `transpileModule`.
 * Measured on the code cells of the project's notebooks (notebooks/*.protocol.md,
 * the new-notebook template, the CLI test fixtures): time per cell once warm,
 * the cost of loading each library, and what each adds to a packaged extension.
 * The kernel uses sucrase; see the reasons in src/kernel/transpile.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildSync, transformSync } from 'esbuild';
import { transform } from 'sucrase';
import ts from 'typescript';
import { notebookCells } from '../src/kernel/notebookFile';
import { newNotebookTemplate } from '../src/document';

const root = join(__dirname, '..');
const notebookFiles = [
  ...readdirSync(join(root, 'notebooks')).map((f) => join(root, 'notebooks', f)),
  ...readdirSync(join(root, 'test/unit/cli/fixtures')).map((f) => join(root, 'test/unit/cli/fixtures', f)),
].filter((f) => f.endsWith('.protocol.md'));
const cells = [newNotebookTemplate, ...notebookFiles.map((f) => readFileSync(f, 'utf8'))].flatMap((text) => notebookCells(text).cells.map((c) => c.source));
const totalBytes = cells.reduce((sum, c) => sum + c.length, 0);

/** Each transpiler as the kernel would call it: TypeScript in, JavaScript and a source map out. */
const transpilers: { name: string; module: string; entry: string; run: (source: string) => string }[] = [
  {
    name: 'sucrase transform',
    module: 'sucrase',
    entry: 'transform',
    run: (source) => transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true, filePath: 'cell.ts', sourceMapOptions: { compiledFilename: 'cell.js' } }).code,
  },
  {
    name: 'esbuild transformSync',
    module: 'esbuild',
    entry: 'transformSync',
    run: (source) => transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022', sourcemap: 'external' }).code,
  },
  {
    name: 'typescript transpileModule',
    module: 'typescript',
    entry: 'transpileModule',
    run: (source) => ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true, verbatimModuleSyntax: false } }).outputText,
  },
];

/** Time to load a library in a fresh Node process (what the first cell run of a new worker pays). */
function loadMs(module: string): number {
  const script = `const t = performance.now(); require(${JSON.stringify(module)}); console.log(performance.now() - t);`;
  const runs = [0, 1, 2].map(() => Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })));
  return Math.min(...runs);
}

/** What the library adds to a .vsix: its minified bundle, or for esbuild its native binary (one per platform). */
function shippedSize(module: string, name: string): string {
  if (module === 'esbuild') {
    const binary = statSync(join(root, 'node_modules', `@esbuild/${process.platform}-${process.arch}/bin/esbuild`)).size;
    return `${(binary / 1e6).toFixed(1)} MB native binary, one per platform`;
  }
  const bundled = buildSync({ stdin: { contents: `export { ${name} } from '${module}';`, resolveDir: root }, bundle: true, minify: true, platform: 'node', write: false, logLevel: 'silent' });
  return `${(bundled.outputFiles[0].contents.length / 1e6).toFixed(2)} MB minified JavaScript`;
}

/** Wall-clock time per cell, best of five rounds (esbuild works in a helper process, so CPU time of this one would flatter it). */
function perCellMicros(run: (source: string) => string): number {
  for (let k = 0; k < 20; k++) for (const cell of cells) run(cell); // warm up
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let k = 0; k < 10; k++) for (const cell of cells) run(cell);
    best = Math.min(best, ((performance.now() - started) * 1000) / (10 * cells.length));
  }
  return best;
}

console.log(`transpile: ${cells.length} code cells from ${notebookFiles.length + 1} notebooks, ${(totalBytes / cells.length).toFixed(0)} characters per cell on average (Node ${process.version})\n`);
console.log(`${'transpiler'.padEnd(28)} ${'per cell (warm)'.padStart(16)} ${'throughput'.padStart(14)} ${'load'.padStart(9)}  shipped`);
for (const t of transpilers) {
  const micros = perCellMicros(t.run);
  const mbPerSecond = totalBytes / cells.length / micros;
  console.log(`${t.name.padEnd(28)} ${`${micros.toFixed(0)} µs`.padStart(16)} ${`${mbPerSecond.toPrecision(2)} MB/s`.padStart(14)} ${`${loadMs(t.module).toFixed(0)} ms`.padStart(9)}  ${shippedSize(t.module, t.entry)}`);
}
