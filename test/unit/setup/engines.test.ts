/**
 * The Node version the README and `engines` promise (20.19 and later) is one
 * every installed package accepts: `npm ci` on it prints no EBADENGINE warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const repository = join(__dirname, '..', '..', '..');
const readJson = <T>(file: string) => JSON.parse(readFileSync(join(repository, file), 'utf8')) as T;

interface LockFile {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }>;
}

test('every package in the lockfile accepts the oldest Node the project supports', () => {
  const range = readJson<{ engines: { node: string } }>('package.json').engines.node;
  const oldest = semver.minVersion(range);
  assert.ok(oldest, `engines.node ${range} names a version`);
  const refusing = Object.entries(readJson<LockFile>('package-lock.json').packages)
    .filter(([, entry]) => entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
    .filter(([, entry]) => !semver.satisfies(oldest, (entry.engines as { node: string }).node))
    .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')}@${entry.version} needs Node ${(entry.engines as { node: string }).node}`);
  assert.deepEqual(refusing, [], `Node ${oldest.version} (package.json engines: ${range})`);
});

test('the README states the same Node version as engines', () => {
  const range = readJson<{ engines: { node: string } }>('package.json').engines.node;
  const readme = readFileSync(join(repository, 'README.md'), 'utf8');
  assert.ok(readme.includes(`Node.js ${range.replace(/^>=/, '')}+`), `README names Node.js ${range}`);
});
