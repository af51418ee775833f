// Every notebook (notebooks/) and sample (samples/) states the outcome it
// demonstrates in `<!-- expect … -->` comments after its code cells (see
// expectations.ts). This suite runs each one through the headless CLI, as CI
// would, and holds it to its word: every cell runs, every simulation,
// explore() and check() gives exactly the verdicts stated, and two runs give
// byte-identical reports. A regression in the engine or in a notebook fails here.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kernelBundles } from '../kernel/kernelBundles';
import { notebookExpectations, type ExpectedResult } from './expectations';

const root = join(__dirname, '..', '..', '..');
const notebookFiles = ['notebooks', 'samples'].flatMap((folder) =>
  existsSync(join(root, folder)) ? readdirSync(join(root, folder)).filter((name) => name.endsWith('.protocol.md')).sort().map((name) => `${folder}/${name}`) : [],
);

interface ReportVerdict {
  name: string;
  status: string;
  message?: string;
}
interface RunReport {
  file: string;
  ok: boolean;
  cells: {
    line: number;
    ok: boolean;
    runs: { seed: number; verdicts: ReportVerdict[]; idempotency?: { handler: string }[] }[];
    sweeps: { kind: 'explore' | 'check'; verdicts: ReportVerdict[] }[];
    error?: { name: string; message: string; location?: string };
  }[];
}

/** Runs the CLI and collects what it printed and how it exited. */
function runCli(cli: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Compares one result's verdicts with what the notebook says they are. */
function assertResult(where: string, expected: ExpectedResult, verdicts: ReportVerdict[], idempotency: { handler: string }[] | undefined): void {
  const shown = verdicts.map((v) => `${v.status} ${v.name}`);
  assert.deepEqual(shown, expected.verdicts.map((v) => `${v.status} ${v.name}`), `${where}: the verdicts (${expected.kind})`);
  expected.verdicts.forEach((v, i) => {
    if (v.messageIncludes) assert.ok(verdicts[i].message?.includes(v.messageIncludes), `${where}: "${v.name}" says "${v.messageIncludes}" (it says: ${verdicts[i].message})`);
  });
  if (expected.kind === 'simulate') {
    // One finding per node of a kind: what a notebook states is the set of handlers.
    assert.deepEqual([...new Set((idempotency ?? []).map((f) => f.handler))].sort(), [...new Set(expected.notIdempotent)].sort(), `${where}: the handlers found not idempotent`);
  }
}

describe('notebooks and samples demonstrate the verdicts they state', { concurrency: 2 }, () => {
  let cli: string;
  before(async () => {
    cli = (await kernelBundles()).cliScript;
  });

  it('finds the notebooks', () => {
    assert.ok(notebookFiles.some((f) => f.startsWith('notebooks/')), 'notebooks/ has notebooks');
    assert.ok(notebookFiles.some((f) => f.startsWith('samples/')), 'samples/ has notebooks');
  });

  for (const file of notebookFiles) {
    it(`${file}: every cell runs, with the verdicts it states, and two runs report byte for byte the same`, async () => {
      const expectations = notebookExpectations(readFileSync(join(root, file), 'utf8'));
      assert.ok(expectations.some((c) => c.results.length > 0), `${file} states the outcome of at least one run`);

      const args = ['run', file, '--json', '--timeout', '180000'];
      const first = await runCli(cli, args);
      const second = await runCli(cli, args);
      assert.ok(first.stdout.length > 0, `the CLI printed a report: ${first.stderr}`);
      assert.equal(second.stdout, first.stdout, 'two runs of the notebook give byte-identical reports');

      const report = JSON.parse(first.stdout) as RunReport;
      assert.equal(first.code, report.ok ? 0 : 1, 'the exit code says whether every property held');
      assert.deepEqual(report.cells.map((c) => c.line), expectations.map((c) => c.line), 'the report has one entry per code cell');
      report.cells.forEach((cell, i) => {
        const where = `${file}:${cell.line}`;
        assert.ok(cell.ok, `${where}: the cell runs (${cell.error ? `${cell.error.location ?? ''} ${cell.error.name}: ${cell.error.message}` : 'no error given'})`);
        const expected = expectations[i].results;
        const simulations = expected.filter((r) => r.kind === 'simulate');
        const sweeps = expected.filter((r) => r.kind !== 'simulate');
        assert.equal(cell.runs.length, simulations.length, `${where}: simulations shown (each needs an expectation)`);
        assert.deepEqual(cell.sweeps.map((s) => s.kind), sweeps.map((s) => s.kind), `${where}: explore() and check() results shown (each needs an expectation)`);
        cell.runs.forEach((run, j) => assertResult(`${where} simulation ${j + 1} (seed ${run.seed})`, simulations[j], run.verdicts, run.idempotency));
        cell.sweeps.forEach((sweep, j) => assertResult(`${where} ${sweep.kind} ${j + 1}`, sweeps[j], sweep.verdicts, undefined));
      });
    });
  }
});
