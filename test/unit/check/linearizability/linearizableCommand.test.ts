/** `protocol-notebook linearizable`, run as the built CLI on corpus files and JSON fixtures. */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { kernelBundles } from '../../kernel/kernelBundles';
import { corpusDirectory } from './corpusFiles';

const fixtures = join(__dirname, 'fixtures');

describe('protocol-notebook linearizable', () => {
  let cli: string;
  const run = (...args: string[]) => {
    const child = spawnSync(process.execPath, [cli, 'linearizable', ...args], { cwd: corpusDirectory, encoding: 'utf8' });
    return { code: child.status, stdout: child.stdout, stderr: child.stderr, lines: child.stdout.split('\n') };
  };

  before(async () => {
    cli = (await kernelBundles()).cliScript;
  });

  it('checks many Jepsen logs in one run: a verdict line per file, the explanation under a failure, exit 1', () => {
    const { code, stdout, lines } = run('etcd/etcd_002.log', 'etcd/etcd_000.log', '--model', 'register');
    assert.equal(code, 1, stdout);
    assert.equal(lines[0], 'etcd/etcd_002.log: linearizable (register, 1 partition)');
    assert.equal(lines[1], 'etcd/etcd_000.log: not linearizable (register, 1 partition)');
    assert.match(lines[2], /^ {2}after \d+ of \d+ operations had been placed, the state was \d+, and$/);
    assert.match(lines[3], /^ {4}(read|write|cas) .*\(process \d+, called at \d+, (returned at \d+|never returned)\)$/);
  });

  it('exits 0 when every history is linearizable; reads EDN key–value histories, split per key or whole', () => {
    const split = run('kv/c01-ok.txt', 'kv/c10-ok.txt', '--model', 'kv');
    assert.equal(split.code, 0, split.stdout + split.stderr);
    assert.deepEqual(split.lines.slice(0, 2), ['kv/c01-ok.txt: linearizable (kv, 10 partitions)', 'kv/c10-ok.txt: linearizable (kv, 10 partitions)']);
    const whole = run('kv/c01-bad.txt', '--model', 'kv', '--no-partition', '--format', 'edn');
    assert.equal(whole.code, 1);
    assert.equal(whole.lines[0], 'kv/c01-bad.txt: not linearizable (kv (whole store), 1 partition)');
  });

  it('names the failing key of a split history', () => {
    const { code, lines } = run('kv/c01-bad.txt', '--model', 'kv');
    assert.equal(code, 1);
    assert.match(lines[0], /^kv\/c01-bad\.txt: not linearizable \(kv, \d+ partitions\)$/);
    assert.match(lines[1], /^ {2}in key "\d+":$/);
  });

  it('reads the JSON format, taking the model and initial value from the file', () => {
    const stale = join(fixtures, 'stale-read.json');
    const linKv = join(fixtures, 'lin-kv.json');
    const { code, stdout, lines } = run(stale, linKv, '--model', 'kv');
    // --model overrides a file's own model: the register history has no keys to check as kv.
    assert.equal(code, 2, stdout);
    assert.equal(lines[0], `${stale}: error: operation 0: a key–value operation needs a key`);
    assert.equal(lines[1], `${linKv}: linearizable (kv, 2 partitions)`);
    const byFile = run(stale);
    assert.equal(byFile.code, 1);
    assert.equal(byFile.lines[0], `${stale}: not linearizable (register, 1 partition)`);
    assert.match(byFile.stdout, /after 2 of 3 operations had been placed, the state was 2, and\n {4}read → 1 \(process c1, called at 40, returned at 50\)/);
  });

  it('prints one JSON result per file with --json', () => {
    const { code, lines } = run(join(fixtures, 'stale-read.json'), '--json');
    assert.equal(code, 1);
    const result = JSON.parse(lines[0]) as { verdict: string; explanation: { cannotPlace: number; longestPrefix: number[] } };
    assert.equal(result.verdict, 'not-linearizable');
    assert.equal(result.explanation.cannotPlace, 2);
    assert.deepEqual(result.explanation.longestPrefix, [0, 1]);
  });

  it('exits 2 on usage errors and unreadable files, still checking the other files', () => {
    assert.equal(run().code, 2);
    assert.equal(run('etcd/etcd_002.log', '--model', 'queue').code, 2);
    assert.equal(run('etcd/etcd_002.log', '--model', 'register', '--format', 'xml').code, 2);
    assert.equal(run('etcd/etcd_002.log', '--model', 'register', '--time-limit', 'soon').code, 2);
    assert.equal(run('etcd/etcd_002.log').code, 2, 'a Jepsen log names no model');
    const missing = run('no-such.log', 'etcd/etcd_002.log', '--model', 'register');
    assert.equal(missing.code, 2);
    assert.match(missing.lines[0], /^no-such\.log: error: ENOENT/);
    assert.equal(missing.lines[1], 'etcd/etcd_002.log: linearizable (register, 1 partition)');
  });
});
