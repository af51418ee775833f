/**
 * The README's commands on a fresh clone: a copy of the repository's files
 * (tracked and new, as `git ls-files` lists them) with no node_modules and no
 * dist, where each command must install what it needs by itself.
 *
 * - `npm start -- --web` gets to the point where it prints the address to open;
 * - after that set-up, `npx protocol-notebook run …` (docs/cli.md) works;
 * - `npm run bench` (the chart benchmark, which needs Chromium and the bundles);
 * - `npm test` (here only its build and one unit suite, to keep it short).
 *
 * Each install is a real `npm ci`, from npm's cache when it holds the packages
 * (about a minute each). The VS Code server that `npm start` would install
 * (`code-server`, a minute and 300 MB) is lent from this checkout's
 * `.cache/vscode-server` when `npm test`'s set-up stage has installed it there.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repository = join(__dirname, '..', '..', '..');
const minutes = (n: number) => n * 60_000;

interface Finished {
  code: number | null;
  output: string;
}

/**
 * Runs a command in its own process group and collects stdout and stderr.
 * Resolves when it exits or, given `until`, as soon as its output matches
 * (the command is then stopped with SIGINT, as Ctrl-C would). Killed at `timeoutMs`.
 */
function runIn(cwd: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; until?: RegExp; timeoutMs: number }): Promise<Finished & { matched: boolean }> {
  return new Promise((resolve) => {
    // Without node:test's own marker, which would make the clone's test runner skip its files.
    const { NODE_TEST_CONTEXT: _runner, ...inherited } = process.env;
    const child = spawn(command, args, { cwd, env: { ...inherited, ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let matched = false;
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        // already gone
      }
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.until && !matched && options.until.test(output)) {
        matched = true;
        group('SIGINT');
        setTimeout(() => group('SIGKILL'), 15_000).unref();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      output += `\n[killed after ${options.timeoutMs} ms]`;
      group('SIGKILL');
    }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, matched });
    });
  });
}

/** The last lines of a command's output, for an assertion message. */
const tail = (output: string) => output.split('\n').slice(-40).join('\n');

describe('the README commands on a fresh clone with no node_modules', { timeout: minutes(16) }, () => {
  let clone: string;

  before(() => {
    clone = mkdtempSync(join(tmpdir(), 'pn-fresh-clone-'));
    const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repository, encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      const from = join(repository, file);
      if (!existsSync(from)) continue; // deleted in the work tree
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      cpSync(from, join(clone, file));
    }
    assert.ok(!existsSync(join(clone, 'node_modules')) && !existsSync(join(clone, 'dist')), 'the copy starts without node_modules and dist');
    const server = join(repository, '.cache', 'vscode-server');
    if (existsSync(join(server, 'installed'))) {
      mkdirSync(join(clone, '.cache'), { recursive: true });
      symlinkSync(server, join(clone, '.cache', 'vscode-server'));
    }
  });

  after(() => {
    if (clone) rmSync(clone, { recursive: true, force: true });
  });

  const freshInstall = () => {
    rmSync(join(clone, 'node_modules'), { recursive: true, force: true });
    rmSync(join(clone, 'dist'), { recursive: true, force: true });
  };

  it('npm start -- --web installs the dependencies, builds and prints the address of VS Code for the Web', async () => {
    freshInstall();
    const started = await runIn(clone, 'npm', ['start', '--', '--web', '--port', '0'], { until: /Press Ctrl-C to stop/, timeoutMs: minutes(5) });
    assert.ok(started.matched, `npm start did not get to the address:\n${tail(started.output)}`);
    assert.match(started.output, /installing the dependencies \(npm ci\)/);
    assert.match(started.output, /http:\/\/127\.0\.0\.1:\d+\/\?workspace=[^\s]*protocol-notebooks\.code-workspace/);
    assert.doesNotMatch(started.output, /ERR_MODULE_NOT_FOUND|EBADENGINE/);
  });

  it('after that set-up, `npx protocol-notebook run` runs a sample notebook (docs/cli.md)', async () => {
    assert.ok(existsSync(join(clone, 'dist', 'cli.js')), 'npm start built the CLI');
    const ran = await runIn(clone, 'npx', ['protocol-notebook', 'run', 'notebooks/two-phase-commit.protocol.md'], { timeoutMs: minutes(2) });
    assert.doesNotMatch(ran.output, /not found/);
    assert.match(ran.output, /simulation seed \d+: /, tail(ran.output));
    assert.ok(ran.code === 0 || ran.code === 1, `exit code ${ran.code} is a verdict (0 or 1):\n${tail(ran.output)}`);
  });

  it('npm run bench installs the dependencies, Chromium and the bundles, then runs the chart benchmark', async () => {
    freshInstall();
    const bench = await runIn(clone, 'npm', ['run', 'bench', '--', 'chart'], { env: { CHART_BENCH_EVENTS: '1000' }, timeoutMs: minutes(5) });
    assert.equal(bench.code, 0, tail(bench.output));
    assert.match(bench.output, /installing the dependencies \(npm ci\)/);
    assert.match(bench.output, /setup: ready/);
    assert.match(bench.output, /Sequence chart in headless Chromium/);
  });

  it('npm test installs the dependencies and runs (its build and one unit suite here)', async () => {
    freshInstall();
    const tested = await runIn(clone, 'npm', ['test'], { env: { TEST_STAGES: 'build,unit', TEST_FILTER: 'traceFormat.test' }, timeoutMs: minutes(4) });
    assert.equal(tested.code, 0, tail(tested.output));
    assert.match(tested.output, /installing the dependencies \(npm ci\)/);
    assert.match(tested.output, /^[1-9]\d* passed, 0 failed$/m);
  });
});
