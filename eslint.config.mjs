// Lint: typescript-eslint's recommended rules, plus the layer rules of DESIGN.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { paths: [{ name: 'vscode', message: 'Only src/notebook (and src/extension.ts) may import vscode.' }] };

const pureModules = { group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process', 'vm'], message: 'engine/, check/ and common/ are pure: no Node modules.' };
const upperLayers = { group: ['**/kernel/**', '**/notebook/**', '**/cli/**', '**/analysis/**'], message: 'Layers point down only.' };

/** One block per folder depth of src/engine: an import leaving src/engine may go to src/common only. */
function engineStaysBelow() {
  return [['src/engine/*.ts', '../'], ['src/engine/*/*.ts', '../../'], ['src/engine/*/*/*.ts', '../../../']].map(([files, up]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': ['error', {
        ...noVscode,
        patterns: [pureModules, upperLayers, { group: [`${up}*`, `!${up}common`, `!${up}common/**`, `!${up}engine`, `!${up}engine/**`], message: 'src/engine imports only itself and src/common: properties and checkers (src/check) build on the engine, and src/api re-exports both.' }],
      }],
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**', 'src/check/**', 'src/common/**', 'src/kernel/**', 'src/analysis/**', 'src/cli/**', 'src/document/**', 'webview/**'],
    rules: { 'no-restricted-imports': ['error', noVscode] },
  },
  {
    files: ['src/engine/**', 'src/check/**', 'src/common/**'],
    rules: {
      'no-restricted-imports': ['error', { ...noVscode, patterns: [pureModules, upperLayers, { group: ['../../api', '../../api/*'], message: 'src/api only re-exports; import what it re-exports from where it lives.' }] }],
    },
  },
  // The engine is the bottom layer but for src/common: it never imports src/check (whose properties and
  // checkers build on it) nor src/api (the module cells import, which re-exports both). Relative paths are
  // matched per folder depth, since the engine has a folder of its own named api/.
  ...engineStaysBelow(),
  {
    files: ['webview/**'],
    rules: { 'no-restricted-imports': ['error', { ...noVscode, patterns: [{ group: ['**/src/engine/**', '**/src/kernel/**', '**/src/notebook/**', '**/src/check/**'], message: 'The webview knows only the trace format (src/common).' }] }] },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'esbuild.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
