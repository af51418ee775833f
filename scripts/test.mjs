// The one test command (`npm test`): sets up what the tests need, builds,
// lints, and runs every suite — unit, webview (real Chromium) and
// integration (a real VS Code). Prints one closing line: "N passed, N failed".
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, root, run } from './lib.mjs';

const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

/** Each stage runs a command; suites report their counts in test-results/<name>.json. */
const stages = [
  { name: 'setup', command: ['node', 'scripts/setup.mjs'] },
  { name: 'build', command: ['node', 'esbuild.mjs'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'unit', command: ['node', 'scripts/test-unit.mjs', 'test/unit', '--summary', join(results, 'unit.json')], suite: true },
  { name: 'webview', command: ['node', 'scripts/test-unit.mjs', 'test/webview', '--summary', join(results, 'webview.json')], suite: true, when: 'test/webview' },
  { name: 'integration', command: ['node', 'scripts/test-vscode.mjs', '--summary', join(results, 'integration.json')], suite: true, when: 'scripts/test-vscode.mjs' },
];

const installed = await ensureDependencies();
if (installed !== 0) process.exit(installed);

let passed = 0;
let failed = 0;
const only = process.env.TEST_STAGES?.split(',');
for (const stage of stages) {
  if (only && !only.includes(stage.name)) continue;
  if (stage.when && !existsSync(join(root, stage.when))) continue;
  console.log(`\n=== ${stage.name} ===`);
  const code = await run(stage.command[0], stage.command.slice(1));
  const summary = join(results, `${stage.name}.json`);
  if (stage.suite && existsSync(summary)) {
    const counts = JSON.parse(readFileSync(summary, 'utf8'));
    passed += counts.passed;
    failed += counts.failed;
    if (code !== 0 && counts.failed === 0) failed += 1;
  } else if (code === 0) {
    if (stage.suite) passed += 1;
  } else {
    failed += 1;
    if (!stage.suite) {
      console.error(`stage ${stage.name} failed (exit ${code}); later stages need it.`);
      break;
    }
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
