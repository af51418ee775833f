// The folder the workbench opens for tests and `npm start`: a copy of the
// sample notebooks and the test fixtures, laid out as in the repository, so
// that tests can edit and save files without touching the repository.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../lib.mjs';

/** Folders copied into a test workspace, by their path in the repository. */
export const workspaceFolders = ['notebooks', 'samples', 'test/fixtures', 'test/integration/fixtures'];

/** Creates `dest` holding copies of the workspace folders that exist; returns `dest`. */
export function makeTestWorkspace(dest) {
  mkdirSync(dest, { recursive: true });
  for (const folder of workspaceFolders) {
    const from = join(root, folder);
    if (existsSync(from)) cpSync(from, join(dest, folder), { recursive: true });
  }
  return dest;
}

// `node scripts/vscode/workspace.mjs DIR` lays a fresh test workspace in DIR
// (used by the "Extension Tests" launch configuration).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dest = process.argv[2];
  if (!dest) throw new Error('usage: node scripts/vscode/workspace.mjs DIR');
  rmSync(dest, { recursive: true, force: true });
  console.log(`test workspace: ${makeTestWorkspace(dest)}`);
}
