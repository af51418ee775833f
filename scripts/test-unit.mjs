// Runs node:test suites written in TypeScript (through tsx).
// Usage: node scripts/test-unit.mjs [dir...] [--summary FILE]
// Default dirs: test/unit. With --summary, writes {"passed","failed"} to FILE.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findFiles, root, run } from './lib.mjs';

const args = process.argv.slice(2);
const summaryAt = args.indexOf('--summary');
const summaryFile = summaryAt >= 0 ? args.splice(summaryAt, 2)[1] : undefined;
const filter = process.env.TEST_FILTER;
const dirs = args.length ? args : ['test/unit'];
const files = dirs.flatMap((d) => findFiles(join(root, d), /\.test\.ts$/)).filter((f) => !filter || f.includes(filter));
if (files.length === 0) {
  console.error(`no test files in ${dirs.join(', ')}`);
  process.exit(1);
}
const tap = join(root, 'test-results', `${dirs.join('_').replace(/\W+/g, '-')}.tap`);
mkdirSync(dirname(tap), { recursive: true });
const code = await run(process.execPath, [
  '--import', 'tsx',
  '--test', '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ...files,
]);
const text = readFileSync(tap, 'utf8');
const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled');
if (summaryFile) writeFileSync(summaryFile, JSON.stringify({ passed, failed }));
process.exit(code === 0 && passed > 0 ? 0 : code || 1);
