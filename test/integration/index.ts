// Loaded by VS Code as extensionTestsPath: runs the integration suites with
// mocha's BDD interface (describe/it) inside the extension host.
//
// Every suite is its own bundle, out/test/**/*.test.js. The harness makes
// three runs, named by PROTOCOL_NOTEBOOK_TEST_RUN, and each loads its own suites:
//   trusted (the default)  every suite not named below, extension from source
//   restricted             *.restricted.test.ts, workspace in Restricted Mode
//   packaged               *.packaged.test.ts, extension installed from the .vsix
// PROTOCOL_NOTEBOOK_TEST_GREP narrows a run by test name.
//
// Results: mocha's spec reporter prints each test for people; for the harness,
// each test's outcome is a line `@@test passed|failed|pending <title>` (so a
// run cut short still counts what it did), and the last line
// `@@results {"passed":N,"failed":N,"pending":N}` gives the totals.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export const resultsMarker = '@@results';
export const testMarker = '@@test';

export async function run(): Promise<void> {
  const runName = process.env.PROTOCOL_NOTEBOOK_TEST_RUN || 'trusted';
  const files = suiteFiles(__dirname).filter((file) => suiteRun(file) === runName);
  const grep = process.env.PROTOCOL_NOTEBOOK_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000, ...(grep ? { grep } : {}) });
  for (const file of files) mocha.addFile(file);
  console.log(`Running ${files.length} integration suite file(s) of the ${runName} run`);

  const counts = await new Promise<{ passed: number; failed: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => {
      resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 });
    });
    runner.on('pass', (test) => console.log(`${testMarker} passed ${test.fullTitle()}`));
    runner.on('fail', (test) => console.log(`${testMarker} failed ${test.fullTitle()}`));
    runner.on('pending', (test) => console.log(`${testMarker} pending ${test.fullTitle()}`));
  });
  if (files.length === 0) counts.failed += 1;
  console.log(`${resultsMarker} ${JSON.stringify(counts)}`);
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
}

/** Which run a suite belongs to, by its name. */
function suiteRun(file: string): string {
  return /\.(restricted|packaged)\.test\.js$/.exec(file)?.[1] ?? 'trusted';
}

/** The compiled suites under `dir`, sorted so runs are repeatable. */
function suiteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => join(dir, name))
    .sort();
}
