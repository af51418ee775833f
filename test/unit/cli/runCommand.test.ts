import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { kernelBundles } from '../kernel/kernelBundles';

const fixtures = join(__dirname, 'fixtures');

describe('protocol-notebook run', () => {
  let cli: string;
  const run = (...args: string[]) => {
    const child = spawnSync(process.execPath, [cli, 'run', ...args], { cwd: fixtures, encoding: 'utf8' });
    return { code: child.status, stdout: child.stdout, stderr: child.stderr };
  };

  before(async () => {
    cli = (await kernelBundles()).cliScript;
  });

  it('runs every cell and exits 0 when nothing fails, printing the logs', () => {
    const { code, stdout } = run('plain.protocol.md');
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^plain\.protocol\.md:\d+: log: HELLO$/m);
    assert.match(stdout, /^ok: 2 cells, 0 simulations/m);
  });

  it('reports a failing cell at file:line:col in the .protocol.md file and exits 1', () => {
    const { code, stdout } = run('failing-cell.protocol.md');
    assert.equal(code, 1);
    assert.match(stdout, /^failing-cell\.protocol\.md:\d+: log: total is 6$/m);
    // `parts.join().explode()` is on line 16 of the file; `.explode` starts at column 14.
    assert.match(stdout, /^failing-cell\.protocol\.md:16:14: error: TypeError: parts\.join\(\.\.\.\)\.explode is not a function$/m);
    assert.match(stdout, /^ {4}at failing-cell\.protocol\.md:16:14$/m);
  });

  it('prints a JSON report with --json', () => {
    const { code, stdout } = run('failing-cell.protocol.md', '--json');
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as { ok: boolean; cells: { line: number; ok: boolean; error?: { location?: string } }[] };
    assert.equal(report.ok, false);
    assert.deepEqual(report.cells.map((c) => [c.line, c.ok]), [[6, true], [15, false]]);
    assert.equal(report.cells[1].error?.location, 'failing-cell.protocol.md:16:14');
  });

  it('exits 2 on a usage error or an unreadable file', () => {
    assert.equal(run().code, 2);
    assert.equal(run('plain.protocol.md', '--seed', 'many').code, 2);
    assert.equal(run('plain.protocol.md', '--no-such-option').code, 2);
    const missing = run('missing.protocol.md');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read missing\.protocol\.md/);
  });
});

describe('protocol-notebook run with simulations', () => {
  let cli: string;
  const run = (...args: string[]) => {
    const child = spawnSync(process.execPath, [cli, 'run', ...args], { cwd: fixtures, encoding: 'utf8' });
    return { code: child.status, stdout: child.stdout, stderr: child.stderr };
  };

  before(async () => {
    cli = (await kernelBundles()).cliScript;
  });

  it('prints each simulation\'s verdicts and exits 1 when a property is violated', () => {
    const { code, stdout } = run('bank.protocol.md');
    assert.equal(code, 1, stdout);
    assert.match(stdout, /^bank\.protocol\.md:33: simulation seed 1: ok/m);
    assert.match(stdout, /^ {2}✓ balance never exceeds deposits$/m);
    assert.match(stdout, /^bank\.protocol\.md:44: simulation seed 1: FAILED/m);
    assert.match(stdout, /^ {2}✗ balance never exceeds deposits — .* \(t=\d+, event \d+\)$/m);
    assert.match(stdout, /⚠ .*deposit is not idempotent/);
  });

  it('exits 0 when every property holds, and --seed overrides the seed of every simulation', () => {
    const plain = run('passing.protocol.md', '--json');
    assert.equal(plain.code, 0, plain.stdout);
    const seeded = run('passing.protocol.md', '--json', '--seed', '9');
    assert.equal(seeded.code, 0, seeded.stdout);
    const seedsOf = (stdout: string) => (JSON.parse(stdout) as { cells: { runs: { seed: number }[] }[] }).cells.flatMap((c) => c.runs.map((r) => r.seed));
    assert.deepEqual(seedsOf(plain.stdout), [4]);
    assert.deepEqual(seedsOf(seeded.stdout), [9]);
  });

  it('reports each explore() and check() a cell shows with a verdict per property, and not their counterexample charts as simulations', () => {
    const { code, stdout } = run('sweeps.protocol.md', '--json');
    assert.equal(code, 1, stdout);
    type Sweep = { kind: string; ok: boolean; verdicts: { name: string; status: string; seeds?: number }[] };
    const report = JSON.parse(stdout) as { cells: { runs: unknown[]; sweeps: Sweep[] }[] };
    assert.deepEqual(report.cells.map((c) => c.runs.length), [0, 0, 0]);
    const [explore, check] = report.cells.slice(1).map((c) => c.sweeps);
    assert.equal(explore.length, 1);
    assert.equal(explore[0].kind, 'explore');
    assert.deepEqual(explore[0].verdicts.map((v) => [v.name, v.status]), [['one pong at most', 'fail'], ['a pong arrives', 'pass']]);
    assert.ok((explore[0].verdicts[0].seeds ?? 0) > 0, 'the failing seeds are counted');
    assert.equal(check.length, 1);
    assert.equal(check[0].kind, 'check');
    assert.deepEqual(check[0].verdicts.map((v) => [v.name, v.status]), [['one pong at most', 'fail'], ['a pong arrives', 'unknown']]);

    const text = run('sweeps.protocol.md');
    assert.match(text.stdout, /^sweeps\.protocol\.md:27: explore 20\/20 seeds: FAILED/m);
    assert.match(text.stdout, /^sweeps\.protocol\.md:31: check: FAILED/m);
    assert.match(text.stdout, /^FAILED: 3 cells, 0 simulations \(0 with violations\), 2 explore\/check \(2 failing\), 0 failing cells$/m);
  });
});
