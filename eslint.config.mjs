// Lint: typescript-eslint's recommended rules, plus the layer rules of DESIGN.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { paths: [{ name: 'vscode', message: 'Only src/notebook (and src/extension.ts) may import vscode.' }] };

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
      'no-restricted-imports': ['error', { ...noVscode, patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process', 'vm'], message: 'engine/, check/ and common/ are pure: no Node modules.' }, { group: ['**/kernel/**', '**/notebook/**', '**/cli/**', '**/analysis/**'], message: 'Layers point down only.' }] }],
    },
  },
  {
    files: ['webview/**'],
    rules: { 'no-restricted-imports': ['error', { ...noVscode, patterns: [{ group: ['**/src/engine/**', '**/src/kernel/**', '**/src/notebook/**', '**/src/check/**'], message: 'The webview knows only the trace format (src/common).' }] }] },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'esbuild.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
