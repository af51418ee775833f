// The folder the workbench opens for tests and `npm start`: a copy of the
// sample notebooks and the test fixtures, laid out as in the repository, so
// that tests can edit and save files without touching the repository.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
