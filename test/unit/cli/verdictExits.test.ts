// What CI sees: `check` exits 4 (not 0) when nothing failed but the search was
// bounded, and says so in its summary line; `--json` reports are the same
// bytes on every run (wall-clock figures only with --timings, apart).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { kernelBundles } from '../kernel/kernelBundles';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'protocols');

describe('check and explore verdicts for CI', () => {
  let cli: string;
  const cliRun = (...args: string[]) => {
    const child = spawnSync(process.execPath, [cli, ...args], { cwd: fixtures, encoding: 'utf8' });
    return { code: child.status, stdout: child.stdout, stderr: child.stderr };
  };

  before(async () => {
    cli = (await kernelBundles()).cliScript;
  });

  it('check exits 4 when every verdict is unknown, and the summary says the result is bounded', () => {
    const bounded = cliRun('check', 'bounded-check.protocol.md');
    assert.equal(bounded.code, 4, bounded.stdout + bounded.stderr);
    assert.match(bounded.stdout, /check: BOUNDED \(no violation within the bound, not a proof\) — .*stopped by depth/);
    assert.match(bounded.stdout, /\? below 10 — held in every state explored \(within depth 3\)/);
    assert.match(bounded.stdout, /^BOUNDED: 1 checks \(0 failing, 1 bounded \(no violation within the bound: not a proof; exit 4\)\), 0 failing cells$/m);
    assert.equal(cliRun('check', 'bounded-check.protocol.md', '--bounded-ok').code, 0);
    assert.equal(cliRun('check', 'dedup-bank.protocol.md').code, 0, 'a complete search that passes exits 0');
  });

  it('explore does not run check() cells and check does not run explore() cells, and each says so', () => {
    const notebook = join('..', 'textbook', 'two-phase-commit-blocking.protocol.md');
    const explored = cliRun('explore', notebook, '--workers', '1');
    assert.match(explored.stderr, /two-phase-commit-blocking\.protocol\.md:\d+: check\(\) skipped: run `protocol-notebook check` for it/);
    assert.match(explored.stdout, /^FAILED: 1 sweeps \(1 failing\), 0 failing cells; 1 check\(\) call skipped \(run `protocol-notebook check` for it\)$/m);
    assert.doesNotMatch(explored.stdout, /check: /);
    const checked = cliRun('check', notebook);
    assert.match(checked.stderr, /explore\(\) skipped: run `protocol-notebook explore` for it/);
    assert.match(checked.stdout, /^FAILED: 1 checks \(1 failing.*; 1 explore\(\) call skipped/m);
  });

  it('run gives a cell the time limit of explore and check', () => {
    assert.match(cliRun('run', '--help').stdout, /--timeout MS +wall-clock limit per cell \(default 600000, as explore and check\)/);
  });

  it('check --json and explore --json print the same bytes on every run; --timings adds them apart', () => {
    for (const args of [['check', 'bank.protocol.md', '--json'], ['explore', 'bank.protocol.md', '--json', '--workers', '1']]) {
      const first = cliRun(...args);
      const second = cliRun(...args);
      assert.equal(first.code, 1, first.stderr);
      assert.equal(second.stdout, first.stdout, `${args.join(' ')} is deterministic`);
      assert.doesNotMatch(first.stdout, /"wallMs":[1-9]|"runsPerSecond":[1-9]|"statesPerSecond":[1-9]|"timings"/);
      const timed = JSON.parse(cliRun(...args, '--timings').stdout) as { timings: { line: number; wallMs: number; perSecond: number }[] };
      assert.ok(timed.timings.length > 0 && timed.timings.every((t) => t.wallMs > 0 && t.line > 0), JSON.stringify(timed.timings));
    }
  });
});
