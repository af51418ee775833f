// Runs the integration suites (test/integration, built to out/test) inside a
// real VS Code: VS Code's server on a loopback port, its web workbench in
// headless Chromium, the extension host running mocha. Three runs:
//   trusted     the extension from source, workspace trusted: every ordinary suite
//   restricted  the same, workspace untrusted (Restricted Mode): *.restricted.test.ts
//   packaged    the extension packaged as a .vsix and installed: *.packaged.test.ts
// Each run gets a fresh copy of the workspace (notebooks/, samples/, test
// fixtures) and fresh server, user and extension folders.
//
// Usage: node scripts/test-vscode.mjs [--summary FILE] [--runs trusted,restricted,packaged]
//          [--grep PATTERN] [--timeout SECONDS (a run, 900)] [--start-timeout SECONDS (until
//          the first suite, 180)] [--parallel (trusted beside the others)] [--verbose] [--keep]
// Screenshots land in test-results/screenshots/, logs in test-results/vscode/.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root, run } from './lib.mjs';
import { launchChromium } from './vscode/browser.mjs';
import { installExtension, startVscodeServer } from './vscode/server.mjs';
import { runTestsInWorkbench } from './vscode/testSession.mjs';
import { makeTestWorkspace } from './vscode/workspace.mjs';
import { vscodeServer } from './vscode/paths.mjs';

const { values: options } = parseArgs({
  options: {
    summary: { type: 'string' },
    runs: { type: 'string', default: 'trusted,restricted,packaged' },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '900' },
    'start-timeout': { type: 'string', default: '180' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    parallel: { type: 'boolean', default: false },
  },
});

const started = Date.now();
const resultsDir = join(root, 'test-results');
const testsBundle = join(root, 'out', 'test', 'index.js');
const extensionManifest = (await import(join(root, 'package.json'), { with: { type: 'json' } })).default;
const extensionId = `${extensionManifest.publisher}.${extensionManifest.name}`;
const totals = { passed: 0, failed: 0 };

for (const built of [testsBundle, join(root, extensionManifest.main)]) {
  if (!existsSync(built)) finish(`missing ${built}: run \`npm run build\` first`);
}
if (!existsSync(vscodeServer.stamp)) finish('the VS Code server is not installed: run `node scripts/setup.mjs` first');

const runNames = options.runs.split(',').map((s) => s.trim()).filter(Boolean);
for (const name of runNames) {
  if (!['trusted', 'restricted', 'packaged'].includes(name)) finish(`unknown run ${name}`);
}

const scratch = mkdtempSync(join(tmpdir(), 'pn-vscode-tests-'));
const browser = await launchChromium();
// One run at a time by default: on two busy cores, runs side by side made
// slow tests time out. --parallel runs the trusted run beside the others.
const lanes = options.parallel ? [runNames.filter((n) => n === 'trusted'), runNames.filter((n) => n !== 'trusted')] : [runNames];
try {
  await Promise.all(lanes.map(async (lane) => {
    for (const name of lane) {
      if (!hasSuites(name)) {
        console.log(`\n--- ${name}: no suites, skipped`);
        continue;
      }
      try {
        await testRun(name);
      } catch (error) {
        // The server or the page failed: a failure of this run; the others still run.
        console.error(`--- ${name}: ${error?.stack ?? error}`);
        totals.failed += 1;
      }
    }
  }));
} finally {
  await browser.close();
  if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  else console.log(`kept ${scratch}`);
}
finish();

/** One server + workbench run; adds its counts to the totals. */
async function testRun(name) {
  const runStarted = Date.now();
  console.log(`\n--- ${name} run`);
  const dataDir = join(scratch, name, 'data');
  const workspace = makeTestWorkspace(join(scratch, name, 'workspace'));
  const answersDir = join(scratch, name, 'answers');
  mkdirSync(join(resultsDir, 'vscode'), { recursive: true });

  const packaged = name === 'packaged';
  if (packaged && !(await installPackagedExtension(dataDir))) return;

  const server = await startVscodeServer({
    dataDir,
    trusted: name !== 'restricted',
    logFile: join(resultsDir, 'vscode', `${name}-server.log`),
    env: {
      PROTOCOL_NOTEBOOK_TEST_RUN: name,
      PROTOCOL_NOTEBOOK_TEST_DRIVER: answersDir,
      ...(options.grep ? { PROTOCOL_NOTEBOOK_TEST_GREP: options.grep } : {}),
    },
  });
  try {
    const url = server.workbenchUrl({
      folder: workspace,
      extensionTestsPath: testsBundle,
      // The workbench runs extension tests only in development mode: the
      // packaged run points it at an empty folder, so the installed copy loads.
      extensionDevelopmentPath: packaged ? emptyFolder(join(scratch, name, 'no-extension')) : root,
    });
    const result = await runTestsInWorkbench({
      context: browser.context, url, label: name, answersDir, resultsDir,
      timeoutMs: Number(options.timeout) * 1000, startTimeoutMs: Number(options['start-timeout']) * 1000, verbose: options.verbose,
    });
    const { counts } = result;
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    // A run that did not finish cleanly (tests not loaded, a crash, a timeout) is one more failure.
    if (result.timedOut || result.exitCode !== 0 || !result.complete) {
      if (counts.failed === 0 || !result.complete) totals.failed += 1;
    }
    const how = result.timedOut ? 'timed out' : `exit ${result.exitCode}`;
    console.log(`--- ${name}: ${counts.passed} passed, ${counts.failed} failed (${how}, ${((Date.now() - runStarted) / 1000).toFixed(1)} s)`);
  } finally {
    await server.stop();
  }
}

/**
 * Packages the built extension with vsce (as `npm run package` does, minus the
 * production build) and installs it with the server's own CLI. Two checks.
 */
async function installPackagedExtension(dataDir) {
  const vsix = join(scratch, 'protocol-notebook.vsix');
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  const packagedOk = (await run(vsce, ['package', '--no-dependencies', '--out', vsix], { stdio: ['ignore', 'ignore', 'inherit'] })) === 0 && existsSync(vsix);
  check('vsce packages the extension as a .vsix', packagedOk);
  if (!packagedOk) return false;
  let listed = [];
  try {
    listed = installExtension({ dataDir, vsix });
  } catch (error) {
    console.error(error.message);
  }
  const expected = `${extensionId}@${extensionManifest.version}`;
  return check(`the .vsix installs into the VS Code server (--list-extensions shows ${expected})`, listed.includes(expected));
}

function check(what, ok) {
  console.log(`[packaged]   ${ok ? '✔' : '✘'} ${what}`);
  if (ok) totals.passed += 1;
  else totals.failed += 1;
  return ok;
}

function emptyFolder(path) {
  mkdirSync(path, { recursive: true });
  return path;
}

function hasSuites(name) {
  const suites = readdirSync(join(root, 'out', 'test'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js'));
  const runOf = (file) => /\.(restricted|packaged)\.test\.js$/.exec(file)?.[1] ?? 'trusted';
  return suites.some((file) => runOf(file) === name);
}

/** Writes the summary and exits: non-zero when anything failed or nothing ran. */
function finish(error) {
  if (error) {
    console.error(`test-vscode: ${error}`);
    totals.failed += 1;
  }
  if (options.summary) writeFileSync(options.summary, JSON.stringify(totals));
  console.log(`\nintegration: ${totals.passed} passed, ${totals.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
}
