// Small shared helpers for the project's scripts (test, start, bench, setup).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** Runs a command with inherited stdio; resolves to its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: root, ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
  });
}

/**
 * Installs the npm dependencies (`npm ci`) when node_modules has not been
 * installed yet, as on a fresh clone; resolves to npm's exit code (0 when
 * nothing was needed). Every entry point of the README (`npm start`, `npm
 * test`, `npm run bench`) calls it before it loads anything from node_modules.
 */
export async function ensureDependencies() {
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) return 0;
  console.log('setup: node_modules is missing: installing the dependencies (npm ci)');
  // A lockfile names exact versions and their integrity, so a cached copy is as good as a download.
  return run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline']);
}

/** Files under `dir` (recursively) whose name matches `pattern`, sorted. */
export function findFiles(dir, pattern) {
  const found = [];
  const walk = (d) => {
    let names;
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (pattern.test(name)) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}
