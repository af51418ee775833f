// `protocol-notebook explore` and `check` after a cell ends the kernel: the
// cells below that do not need it run in a fresh kernel, with the command's
// own overrides (`--seeds`) set again there, and report what a run without
// that cell reports; a cell that needs it says which name from which cell.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelBundles } from '../kernel/kernelBundles';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'protocols');
/** Ends the kernel: it never returns, so the cell's time limit kills the kernel process. */
const spin = 'let spins = 0;\nwhile (true) spins++;';

interface Report {
  ok: boolean;
  entries?: unknown[];
  cellErrors: { line: number; name: string; message: string }[];
  [key: string]: unknown;
}

describe('protocol-notebook explore and check after a cell ends the kernel', () => {
  let cli: string;
  const dir = mkdtempSync(join(tmpdir(), 'pn-explore-kernel-end-'));
  const cliRun = (...args: string[]) => {
    const child = spawnSync(process.execPath, [cli, ...args, '--json', '--no-typecheck', '--timeout', '8000'], { cwd: dir, encoding: 'utf8' });
    return { code: child.status, report: JSON.parse(child.stdout || 'null') as Report, stderr: child.stderr };
  };
  /** The notebook with `cell` inserted as a code cell before its code cell at `position`. */
  const withCell = (text: string, position: number, cell: string) => {
    const starts = [...text.matchAll(/^```ts$/gm)].map((m) => m.index);
    return text.slice(0, starts[position]) + '```ts\n' + cell + '\n```\n\n' + text.slice(starts[position]);
  };

  before(async () => {
    cli = (await kernelBundles()).cliScript;
    const text = readFileSync(join(fixtures, 'dedup-bank.protocol.md'), 'utf8');
    writeFileSync(join(dir, 'plain.protocol.md'), text);
    writeFileSync(join(dir, 'spin.protocol.md'), withCell(text, 1, spin));
    writeFileSync(join(dir, 'needs.protocol.md'), withCell(withCell(text, 1, spin), 2, 'const more = spins + 1;'));
  });

  it('explore runs the sweep below a cell that ended the kernel, with --seeds, as a run without that cell does', () => {
    const plain = cliRun('explore', 'plain.protocol.md', '--seeds', '7', '--workers', '1');
    const spun = cliRun('explore', 'spin.protocol.md', '--seeds', '7', '--workers', '1');
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(spun.code, 1, spun.stderr);
    assert.deepEqual(spun.report.cellErrors.map((e) => e.name), ['Timeout']);
    // The sweep's line moved down by the inserted cell; the rest of its entry is the same, its 7 seeds included.
    const entries = (report: Report) => JSON.parse(JSON.stringify(report.entries).replace(/"line":\d+/g, '"line":0')) as unknown;
    assert.equal(spun.report.entries?.length, 1);
    assert.deepEqual(entries(spun.report), entries(plain.report));
    assert.match(JSON.stringify(spun.report), /"seedsRun":7/);
  });

  it('check runs the check below it, and a cell that needs the one that ended the kernel says so', () => {
    const checked = cliRun('check', 'needs.protocol.md');
    assert.equal(checked.code, 1, checked.stderr);
    assert.deepEqual(checked.report.cellErrors.map((e) => e.name), ['Timeout', 'DependencyFailed']);
    assert.match(checked.report.cellErrors[1].message, /needs `spins` from cell 4, which ended the kernel \(out of time\)/);
    assert.match(JSON.stringify(checked.report), /"uniqueStates":\d+/);
  });
});
