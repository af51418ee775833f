// The integration suites under @vscode/test-cli (`npx vscode-test`), for a
// desktop with internet: it downloads VS Code itself. Offline, and in
// `npm test`, scripts/test-vscode.mjs runs the same compiled suites in VS
// Code's server and web workbench instead.
//
// Only the trusted run is here: @vscode/test-electron always passes
// --disable-workspace-trust, and the packaged run needs the harness to build
// and install the .vsix. Build first: `npm run build`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@vscode/test-cli';
import { makeTestWorkspace } from './scripts/vscode/workspace.mjs';

export default defineConfig([
  {
    label: 'trusted',
    files: 'out/test/**/!(*.restricted|*.packaged).test.js',
    version: '1.100.3',
    workspaceFolder: makeTestWorkspace(mkdtempSync(join(tmpdir(), 'pn-vscode-test-cli-'))),
    launchArgs: ['--disable-extensions'],
    env: { PROTOCOL_NOTEBOOK_TEST_RUN: 'trusted' },
    mocha: { ui: 'bdd', timeout: 30_000, color: true },
  },
]);
