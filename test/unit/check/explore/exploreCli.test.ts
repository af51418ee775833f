import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { SweepReport } from '../../../../src/check/explore/sweepReport';
import type { ExploreResult } from '../../../../src/check/explore/types';
import type { CheckResult } from '../../../../src/check/modelCheck/types';
import { kernelBundles } from '../../kernel/kernelBundles';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'protocols');

describe('protocol-notebook explore | check | merge', () => {
  let cli: string;
  const out = mkdtempSync(join(tmpdir(), 'pn-explore-'));
  const cliRun = (...args: string[]) => {
    const child = spawnSync(process.execPath, [cli, ...args], { cwd: fixtures, encoding: 'utf8' });
    return { code: child.status, stdout: child.stdout, stderr: child.stderr };
  };
  const exploreOf = (report: SweepReport) => report.entries[0].result as ExploreResult;

  before(async () => {
    cli = (await kernelBundles()).cliScript;
  });

  it('explore reports the buggy notebook\'s failures by property with a shrunk replay, and exits 1', () => {
    const { code, stdout } = cliRun('explore', 'bank.protocol.md', '--workers', '2');
    assert.equal(code, 1, stdout);
    assert.match(stdout, /^bank\.protocol\.md:39: explore 30\/30 seeds: FAILED — 1 property/m);
    assert.match(stdout, /^ {2}✗ no double credit — \d+ seeds/m);
    assert.match(stdout, /^ {4}replay: simulate\(\{ \.\.\.config, seed: \d+, until: \d+, network: \{ \.\.\.config\.network, /m);
  });

  it('explore and check exit 0 on the correct notebook', () => {
    assert.equal(cliRun('explore', 'dedup-bank.protocol.md', '--workers', '1').code, 0);
    const check = cliRun('check', 'dedup-bank.protocol.md');
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /check: ok — \d+ states \(\d+ explored\), depth \d+, \d+ states\/s, complete/);
  });

  it('check prints the shortest counterexample and writes JUnit', () => {
    const junit = join(out, 'check.xml');
    const { code, stdout } = cliRun('check', 'bank.protocol.md', '--junit', junit);
    assert.equal(code, 1);
    assert.match(stdout, /✗ credited at most once/);
    assert.match(stdout, /^ {6}3\. deliver deposit\{id: "[^"]+", amount: 1\} client→account$/m);
    const xml = readFileSync(junit, 'utf8');
    assert.match(xml, /<testcase classname="bank\.protocol\.md:45 check" name="credited at most once">\s*<failure message="the predicate became false">/);
  });

  it('shards split the seeds with no overlap, and merge gives the unsharded result', () => {
    const whole = JSON.parse(cliRun('explore', 'bank.protocol.md', '--json', '--workers', '1').stdout) as SweepReport;
    const files = [1, 2, 3].map((i) => {
      const shard = cliRun('explore', 'bank.protocol.md', '--shard', `${i}/3`, '--json', '--workers', '1');
      assert.equal(shard.code === 0 || shard.code === 1, true, shard.stderr);
      const report = JSON.parse(shard.stdout) as SweepReport;
      assert.deepEqual(report.shards, [{ index: i, count: 3 }]);
      assert.equal(exploreOf(report).seedsRun, 10);
      const file = join(out, `shard${i}.json`);
      writeFileSync(file, shard.stdout);
      return file;
    });
    const merged = cliRun('merge', ...files, '--json', '--junit', join(out, 'merged.xml'));
    assert.equal(merged.code, whole.ok ? 0 : 1);
    const report = JSON.parse(merged.stdout) as SweepReport;
    assert.equal(exploreOf(report).seedsRun, 30);
    assert.deepEqual(exploreOf(report).failures.map((f) => f.seeds), exploreOf(whole).failures.map((f) => f.seeds));
    assert.deepEqual(exploreOf(report).failures[0].counterexample?.replay, exploreOf(whole).failures[0].counterexample?.replay);
    assert.match(readFileSync(join(out, 'merged.xml'), 'utf8'), /name="no double credit"/);
    assert.ok(exploreOf(whole).coverage);
    assert.deepEqual(exploreOf(report).coverage, exploreOf(whole).coverage, 'merge sums the shards\' coverage');
  });

  it('explore reports coverage, the same for any number of workers; check adds it with --coverage', () => {
    const one = exploreOf(JSON.parse(cliRun('explore', 'bank.protocol.md', '--json', '--workers', '1').stdout) as SweepReport);
    const two = exploreOf(JSON.parse(cliRun('explore', 'bank.protocol.md', '--json', '--workers', '2').stdout) as SweepReport);
    assert.deepEqual(two.coverage, one.coverage);
    assert.ok((one.coverage?.handlers.find((h) => h.handler === 'Account.deposit')?.runs ?? 0) > 0);
    const text = cliRun('explore', 'bank.protocol.md', '--workers', '1').stdout;
    assert.match(text, /^ {2}coverage: longest run \d+ events \(seed \d+\); judged no double credit in 30 runs$/m);
    assert.match(text, /^ {4}Account\.deposit +\d+$/m);
    const plain = cliRun('check', 'bank.protocol.md').stdout;
    assert.doesNotMatch(plain, /coverage/);
    const covered = cliRun('check', 'bank.protocol.md', '--coverage');
    assert.equal(covered.code, 1);
    assert.match(covered.stdout, /^ {2}coverage: depth \d+; judged credited at most once in \d+ states$/m);
    assert.match(covered.stdout, /^ {4}Account\.deposit +\d+ +\d+$/m);
    const report = JSON.parse(cliRun('check', 'bank.protocol.md', '--coverage', '--json').stdout) as SweepReport;
    assert.ok((report.entries[0].result as CheckResult).coverage?.handlers.some((h) => h.handler === 'Account.deposit' && h.runs > 0));
  });

  it('exits 2 on usage errors and unreadable reports', () => {
    assert.equal(cliRun('explore').code, 2);
    assert.equal(cliRun('explore', 'bank.protocol.md', '--shard', '4/3').code, 2);
    assert.equal(cliRun('explore', 'bank.protocol.md', '--workers', '0').code, 2);
    assert.equal(cliRun('check', 'missing.protocol.md').code, 2);
    const notReport = join(out, 'not-a-report.json');
    writeFileSync(notReport, '{"hello": 1}');
    const merge = cliRun('merge', notReport);
    assert.equal(merge.code, 2);
    assert.match(merge.stderr, /not a protocol-notebook explore\/check report/);
  });

  it('a check result from the CLI is the same plain data a cell gets', () => {
    const report = JSON.parse(cliRun('check', 'bank.protocol.md', '--json').stdout) as SweepReport;
    const result = report.entries[0].result as CheckResult;
    assert.equal(result.kind, 'protocol-notebook/check');
    assert.equal(result.verdicts[0].counterexample?.run.kind, 'protocol-notebook/run');
    assert.ok(result.trace && result.trace.events.some((e) => e.kind === 'violation'));
  });
});
