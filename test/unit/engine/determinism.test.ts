import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { determinismRun } from './determinismRun';

const here = dirname(fileURLToPath(import.meta.url));
const bytes = (seed: number) => JSON.stringify(determinismRun(seed).trace);

test('the same configuration and seed give a byte-identical trace', () => {
  const first = bytes(11);
  assert.ok(first.length > 10_000, 'the run is not trivial');
  assert.equal(bytes(11), first);
});

test('a different seed gives a different run', () => {
  assert.notEqual(bytes(12), bytes(11));
});

test('the result carries the seed and no wall-clock time in the trace', () => {
  const result = determinismRun(11);
  assert.equal(result.seed, 11);
  assert.equal(result.trace.seed, 11);
  assert.equal('wallMs' in result.trace.stats, false);
});

test('a second Node process running the same configuration writes the same bytes', () => {
  const script = join(here, 'determinismRun.ts');
  const other = execFileSync(process.execPath, ['--import', 'tsx', script, '11'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(JSON.parse(other).trace.seed, 11);
  assert.equal(JSON.stringify(JSON.parse(other).trace), bytes(11));
});
