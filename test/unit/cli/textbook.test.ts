// Textbook protocols, written against the API, with the verdicts the
// literature gives, asserted through the command line as CI would run them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { kernelBundles } from '../kernel/kernelBundles';

const textbook = join(__dirname, '..', '..', 'fixtures', 'textbook');

describe('textbook protocols through the CLI', () => {
  let cli: string;
  const cliRun = (...args: string[]) => {
    const child = spawnSync(process.execPath, [cli, ...args], { cwd: textbook, encoding: 'utf8' });
    return { code: child.status, stdout: child.stdout, stderr: child.stderr };
  };
  const explore = (file: string) => cliRun('explore', file, '--workers', '1');

  before(async () => {
    cli = (await kernelBundles()).cliScript;
  });

  it('Two Generals: k acknowledgements still let one general attack alone', () => {
    const { code, stdout } = explore('two-generals.protocol.md');
    assert.equal(code, 1, stdout);
    assert.match(stdout, /✗ both attack or both retreat — \d+ seeds .*decided "retreat" at t=100, but . decided "attack" at t=100/);
  });

  it('two-phase commit blocks after a coordinator crash: agreement holds, termination does not, and the shrunk run keeps the crash', () => {
    const swept = explore('two-phase-commit-blocking.protocol.md');
    assert.equal(swept.code, 1, swept.stdout);
    assert.match(swept.stdout, /✗ every live node decides — \d+ seeds .*: p1, p2 never decided \(run ended at t=300\)/);
    assert.doesNotMatch(swept.stdout, /✗ everyone agrees/);
    assert.match(swept.stdout, /replay: simulate\(\{ \.\.\.config, seed: \d+, until: 300, .*faults: \[crash\("tm", \{at: 8\}\)\] \}\)/);
    assert.match(swept.stdout, /^ {4}timeline \(\d+ events, Lamport order\):\n {6}L1 t=0 tm +start$/m);
    assert.match(swept.stdout, /^ {6}L2 t=0 tm +send prepare #0 → p1$/m);
    assert.match(swept.stdout, /^ {6}L\d+ t=8 tm +crash$/m);
    const checked = cliRun('check', 'two-phase-commit-blocking.protocol.md');
    assert.equal(checked.code, 1, checked.stdout);
    assert.match(checked.stdout, /✗ every live node decides — never reached: after step \d+, the \d+ steps that follow can repeat forever/);
    assert.match(checked.stdout, /crash tm/);
  });

  it('three-phase commit under a partition: the cut-off participant aborts while the others commit', () => {
    const { code, stdout } = explore('three-phase-commit-partition.protocol.md');
    assert.equal(code, 1, stdout);
    assert.match(stdout, /✗ participants agree — .*p3 decided "abort"|✗ participants agree — .*decided "commit" at t=\d+, but p3 decided "abort"/);
  });

  it('Paxos: durable acceptors agree on every seed, volatile ones choose two values after a crash', () => {
    const { code, stdout } = explore('paxos.protocol.md');
    assert.equal(code, 1, stdout);
    const [durable, volatile] = stdout.split('\n').filter((line) => / explore \d+\/\d+ seeds/.test(line));
    assert.match(durable, /explore 20\/20 seeds: ok/);
    assert.match(volatile, /explore 20\/20 seeds: FAILED/);
    assert.match(stdout, /✗ one value is chosen — 20 seeds .*p2 decided "y" at t=\d+, but p1 decided "x" at t=\d+/);
    assert.doesNotMatch(stdout, /✗ only a proposed value is chosen/);
  });

  it('Raft Figure 8: counting replicas of an older term commits an index twice; the current-term rule never does', () => {
    const { code, stdout } = cliRun('run', 'raft-figure-8.protocol.md');
    assert.equal(code, 1, stdout);
    assert.match(stdout, /raft-figure-8\.protocol\.md:\d+: simulation seed 1: FAILED.*\n {2}✗ an index is committed once — s5 decided "B" for 1 at t=114, but s1 decided "A" at t=54/);
    assert.match(stdout, /simulation seed 1: FAILED.*\n.*\n {2}✓ the first entry is committed/);
    // The fixed rule commits too (through the leader's no-op), so its pass is not a log that never commits.
    assert.match(stdout, /simulation seed 1: ok.*\n {2}✓ an index is committed once\n {2}✓ the first entry is committed/);
  });

  it('a last-writer-wins register converges to the real last write with true clocks, and to the earlier one under skew', () => {
    const { code, stdout } = cliRun('run', 'lww-register-skew.protocol.md');
    assert.equal(code, 1, stdout);
    assert.match(stdout, /simulation seed 1: ok.*\n {2}✓ converges to the last write \(y\)/);
    assert.match(stdout, /simulation seed 1: FAILED.*\n {2}✗ converges to the last write \(y\)/);
  });

  it('a G-counter counts every increment exactly under loss and duplication; a naive counter does not', () => {
    const { code, stdout } = explore('crdt-counters.protocol.md');
    assert.equal(code, 1, stdout);
    const [crdt, naive] = stdout.split('\n').filter((line) => / explore \d+\/\d+ seeds/.test(line));
    assert.match(crdt, /explore 20\/20 seeds: ok/);
    assert.match(naive, /explore 20\/20 seeds: FAILED/);
  });
});
