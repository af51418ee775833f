// Builds every bundle of the project: the extension, the kernel worker, the
// CLI, the webviews and the integration-test bundle. `--production` minifies
// and drops source maps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import engineSandboxBundle from './src/kernel/engineSandboxBundle.json' with { type: 'json' };
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import ts from 'typescript';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = { platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };
const browser = { platform: 'browser', target: 'chrome120', loader: { '.css': 'text' } };

/** One row per bundle: what it is for, its entry and its output. */
const bundles = [
  { name: 'extension (VS Code host)', entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', ...node },
  { name: 'CLI (protocol-notebook)', entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', ...node, banner: { js: '#!/usr/bin/env node' } },
  // Loaded by the CLI only for `lint`, to type-check a notebook before running it, and by `run` once a cell
  // has ended the kernel (the dependency analysis): it carries TypeScript (see src/cli/commands/index.ts).
  { name: 'CLI lint command', entryPoints: ['src/cli/commands/lint.ts'], outfile: 'dist/lint.js', ...node },
  { name: 'sequence chart notebook renderer (ES module)', entryPoints: ['webview/renderer/index.ts'], outfile: 'dist/webview/renderer.js', ...browser, format: 'esm' },
  { name: 'trace panel page', entryPoints: ['webview/panel/index.ts'], outfile: 'dist/webview/panel.js', ...browser, format: 'iife' },
  { name: 'trace panel stylesheet', entryPoints: ['webview/chart/chart.css'], outfile: 'dist/webview/chart.css', ...browser, loader: {} },
  { name: 'kernel process (started per notebook; runs the kernel worker)', entryPoints: ['src/kernel/process/kernelProcess.ts'], outfile: 'dist/kernelProcess.js', ...node },
  { name: 'kernel worker (runs cells, in the kernel process)', entryPoints: ['src/kernel/worker.ts'], outfile: 'dist/kernelWorker.js', ...node },
  { name: 'analysis worker (idempotency diagnostics, notebook language service)', entryPoints: ['src/analysis/analysisWorker.ts'], outfile: 'dist/analysisWorker.js', ...node },
  // Evaluated inside each cell sandbox (a vm context): no require and no Node or browser globals (see the JSON).
  // There every global lookup goes through the context's interceptor, so the JSON also defines NaN and
  // Infinity (which cannot be rebound like FAST_BUILTINS in sandboxPrelude.ts) as properties of Number.
  { name: 'engine sandbox bundle (the protocol-notebook module cells import)', ...engineSandboxBundle },
  // The runner and one bundle per suite (out/test/**/*.test.js), so both the
  // offline harness and @vscode/test-cli find the same files.
  { name: 'integration tests (run inside VS Code)', entryPoints: ['test/integration/index.ts', 'test/integration/**/*.test.ts'], outdir: 'out/test', outbase: 'test/integration', ...node, external: ['vscode', 'mocha'] },
];

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

const contexts = await Promise.all(
  bundles.map(({ name: _name, ...options }) => esbuild.context({ ...common, ...options })),
);
writeAnalysisSupportFiles();
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching', bundles.length, 'bundles');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  console.log(`esbuild: built ${bundles.length} bundles${production ? ' (production)' : ''}`);
}

/**
 * What the notebook's language service (src/analysis/notebookProgram.ts) reads
 * at run time next to the bundles: TypeScript's standard library declarations,
 * and the declarations of the `protocol-notebook` module (src/api, over the engine and the checkers).
 */
function writeAnalysisSupportFiles() {
  const libFrom = 'node_modules/typescript/lib';
  mkdirSync('dist/typescript-lib', { recursive: true });
  for (const file of readdirSync(libFrom)) if (/^lib\.(es|decorators).*\.d\.ts$/.test(file)) copyFileSync(`${libFrom}/${file}`, `dist/typescript-lib/${file}`);
  const options = {
    declaration: true, emitDeclarationOnly: true, noCheck: true, skipLibCheck: true, outDir: 'dist/protocol-api', rootDir: 'src',
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts'], types: [],
  };
  ts.createProgram(['src/api/index.ts'], options).emit();
}
