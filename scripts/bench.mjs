// Runs every benchmark (`bench/*.bench.ts`) through tsx, one after another,
// and lets each print its figures. Usage: node scripts/bench.mjs [filter]
//
// Like `npm test`, it first installs what it needs when it is missing: the npm
// dependencies, Chromium (the chart benchmark drives it; scripts/setup.mjs
// --for-bench) and the bundles (the chart benchmark loads dist/webview).
import { join } from 'node:path';
import { ensureDependencies, findFiles, root, run } from './lib.mjs';

const filter = process.argv[2];
const files = findFiles(join(root, 'bench'), /\.bench\.ts$/).filter((f) => !filter || f.includes(filter));
if (files.length === 0) {
  console.error('no benchmarks found in bench/');
  process.exit(1);
}
const prepare = [
  ensureDependencies,
  () => run(process.execPath, ['scripts/setup.mjs', '--for-bench']),
  () => run(process.execPath, ['esbuild.mjs']),
];
for (const step of prepare) {
  const code = await step();
  if (code !== 0) process.exit(code);
}
let failures = 0;
for (const file of files) {
  console.log(`\n=== ${file.slice(root.length + 1)} ===`);
  const code = await run(process.execPath, ['--import', 'tsx', file]);
  if (code !== 0) failures++;
}
process.exit(failures === 0 ? 0 : 1);
