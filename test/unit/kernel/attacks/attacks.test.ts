/**
 * The attack suite: every hostile notebook of attackCases.ts runs through the
 * built CLI (`run`, and the escape cases through `explore` and `check` too),
 * as someone who opened a stranger's notebook would run it. Each run must
 * leave no marker file and report no foreign object, end within its limit,
 * exit as a runner does (0 or 1, never a crash), print none of its own stack,
 * and still run the last cell.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelBundles } from '../kernelBundles';
import { attackCases, type AttackCase, type AttackRun } from './attackCases';
import { escapeKit, hostileProtocol, nextCell } from './escapeKit';

/** Set ATTACK_CLI to a cli.js built from another commit to see which attacks it falls to. */
const otherCli = process.env.ATTACK_CLI;

const workDir = mkdtempSync(join(tmpdir(), 'pn-attacks-'));
let cli: string;

function notebook(name: string, cells: string[]): { file: string; marker: string } {
  const slug = name.replace(/\W+/g, '-').slice(0, 60);
  const file = join(workDir, `${slug}.protocol.md`);
  const marker = join(workDir, `${slug}.escaped`);
  const kit = escapeKit.replace('__MARKER__', JSON.stringify(marker));
  const text = [`# ${name}`, ...[kit, ...cells, nextCell].map((source) => '```ts\n' + source.trim() + '\n```')].join('\n\n') + '\n';
  writeFileSync(file, text);
  return { file, marker };
}

function runCli(command: string, file: string, args: string[], limitMs: number, env: NodeJS.ProcessEnv = process.env): Promise<AttackRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [cli, command, file, ...args], { cwd: workDir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout = (stdout + s).slice(-4_000_000)));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-1_000_000)));
    // Past its limit (and then some) the runner is hung: end it so the test can say so.
    const killer = setTimeout(() => child.kill('SIGKILL'), limitMs + 10_000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}

/** What every run of a hostile notebook must show. */
function assertContained(attack: AttackCase, command: string, run: AttackRun, marker: string, limitMs: number): void {
  const context = `${command}: ${attack.name}\n--- stdout\n${run.stdout.slice(0, 3000)}\n--- stderr\n${run.stderr.slice(0, 3000)}`;
  assert.ok(!existsSync(marker), `the marker file was written: the cell reached the kernel's fs\n${context}`);
  assert.doesNotMatch(run.stdout + run.stderr, /LEAKED |ESCAPED via /, `a kernel object reached the cell\n${context}`);
  assert.ok(run.elapsedMs < limitMs, `took ${run.elapsedMs} ms, over ${limitMs}\n${context}`);
  assert.equal(run.signal, null, `the runner was killed by ${run.signal}\n${context}`);
  assert.ok(run.code === 0 || run.code === 1, `the runner exited with ${run.code}\n${context}`);
  assert.doesNotMatch(run.stderr, /FATAL|Aborted|Segmentation/, `the runner aborted\n${context}`);
  const ownFrames = (run.stdout + '\n' + run.stderr).split('\n').filter((line) => /^\s+at /.test(line) && !line.includes('.protocol.md'));
  assert.deepEqual(ownFrames, [], `the runner printed its own stack\n${context}`);
  if (command !== 'run') return;
  // The log line as this runner prints it (or, for a comparison run of an older build, as it printed it).
  const nextRan = /^(.*: log: )?next cell ok$/m.test(run.stdout);
  const blockedAbove = /failed when it was re-run first/.test(run.stdout);
  assert.ok(nextRan || (attack.endsKernel === true && blockedAbove), `the last cell did not run${attack.endsKernel ? ' nor report the cell above' : ''}\n${context}`);
}

describe('hostile notebooks', () => {
  before(async () => {
    cli = otherCli ?? (await kernelBundles()).cliScript;
  });
  after(() => rmSync(workDir, { recursive: true, force: true }));

  it('cover every class of attack, at least 40 notebooks', () => {
    assert.ok(attackCases.length >= 40, `${attackCases.length} cases`);
    const kinds = new Set(attackCases.map((c) => c.kind));
    assert.deepEqual([...kinds].sort(), ['after-result', 'budget', 'determinism', 'kernel-calls', 'output', 'realm', 'resources', 'throws']);
  });

  for (const attack of attackCases) {
    it(`contains ${attack.kind}: ${attack.name}`, async () => {
      const { file, marker } = notebook(attack.name, attack.cells);
      const limitMs = attack.limitMs ?? 15_000;
      const run = await runCli('run', file, attack.args ?? [], limitMs);
      assertContained(attack, 'run', run, marker, limitMs);
      attack.expect?.(run);
      if (!attack.everyCommand) return;
      for (const command of ['explore', 'check']) {
        const other = await runCli(command, file, ['--timeout', '15000'], limitMs);
        assertContained(attack, command, other, marker, limitMs);
      }
    });
  }

  it('contains handlers that try the routes while explore() and check() run them', async () => {
    const attack: AttackCase = { name: 'hostile handlers under explore and check', kind: 'realm', cells: [hostileProtocol] };
    const { file, marker } = notebook(attack.name, attack.cells);
    for (const command of ['run', 'explore', 'check']) {
      const run = await runCli(command, file, command === 'explore' ? ['--workers', '2'] : [], 30_000);
      assertContained(attack, command, run, marker, 30_000);
      if (command !== 'run') assert.match(run.stdout, command === 'explore' ? /explore 3\/3 seeds/ : /check: /, run.stdout);
    }
  });

  it('runs the cells of a 1,001-cell notebook that do not need cell 502, which runs out of memory, and names it in those that do', async () => {
    // A chain of cells (each adds one to the one above), cell 502 runs out of memory, and four cells below use what it declares.
    const hogAt = 501;
    const usersOfHog = [600, 700, 800, 900];
    const sources: string[] = [];
    let previous = '0';
    let chain = 0;
    for (let position = 0; position < 1001; position++) {
      if (position === hogAt) sources.push('const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1));');
      else if (usersOfHog.includes(position)) sources.push(`const held${position} = hog.length;`);
      else if (position === 1000) sources.push(`console.log('last', ${previous});`);
      else {
        sources.push(`const c${position} = ${previous} + 1;`);
        previous = `c${position}`;
        chain++;
      }
    }
    const file = join(workDir, 'a-thousand-and-one-cells.protocol.md');
    writeFileSync(file, sources.map((source) => '```ts\n' + source + '\n```\n').join('\n'));
    const run = await runCli('run', file, ['--memory', '64', '--step-budget', '0'], 60_000);
    const context = `${run.stdout.slice(-3000)}\n--- stderr\n${run.stderr.slice(0, 3000)}`;
    assert.equal(run.code, 1, context);
    assert.match(run.stdout, /:\d+: error: OutOfMemory: /, context);
    const blocked = run.stdout.split('\n').filter((line) => line.includes('error: DependencyFailed: This cell needs `hog` from cell 502, which ended the kernel (out of memory), so it was not run.'));
    assert.equal(blocked.length, usersOfHog.length, context);
    // Each at its line and column: where `hog` is named (`const held600 = hog.length;`, column 17), on the cell's only line.
    for (const line of blocked) assert.match(line, /\.protocol\.md:\d+:17: error: /, line);
    // The last cell needs every cell of the chain, above and below cell 502: each ran, in the old kernel or the fresh one.
    assert.match(run.stdout, new RegExp(`: log: last ${chain}$`, 'm'), context);
    assert.match(run.stdout, /^FAILED: 1001 cells, 0 simulations \(0 with violations\), 5 failing cells$/m, context);
  });

  it('gives the same output in any time zone and locale, and shows the cell none of the environment', async () => {
    const cells = [
      `console.log(new Date(2000, 0, 1).getTime(), new Date(2000, 0, 1, 12).toString(), (1234.5).toLocaleString(), new Intl.NumberFormat().format(1234567.891));
console.log(new Intl.DateTimeFormat().resolvedOptions().timeZone, new Intl.DateTimeFormat().resolvedOptions().locale, ['b', 'a', 'B', 'ä'].sort((x, y) => x.localeCompare(y)).join(''));
console.log(new Date(2000, 5, 1).getTimezoneOffset(), Intl.DateTimeFormat().format(new Date(2000, 6, 4, 23)), typeof (globalThis as any).process);`,
    ];
    const { file } = notebook('time zone and locale', cells);
    const here = await runCli('run', file, ['--json'], 15_000, { ...process.env, TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    const there = await runCli('run', file, ['--json'], 15_000, { ...process.env, TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', SECRET_TOKEN: 'hunter2' });
    assert.equal(here.code, 0, here.stdout);
    assert.equal(there.stdout, here.stdout);
    assert.match(here.stdout, /946684800000 Sat, 01 Jan 2000 12:00:00 GMT 1,234\.5 1,234,567\.891/);
    assert.match(here.stdout, /UTC en-US/);
    assert.match(here.stdout, /0 7\/4\/2000 undefined/);
  });
});
