// `protocol-notebook run` after a cell ends the kernel: the cells below that do
// not need it run in a fresh kernel and report what a run without that cell
// reports, byte for byte; the cells that need it say which name from which cell.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelBundles } from '../kernel/kernelBundles';

const root = join(__dirname, '..', '..', '..');
const hog = 'const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1));';

interface CellReport {
  line: number;
  ok: boolean;
  error?: { name: string; message: string; location?: string };
}

describe('protocol-notebook run after a cell ends the kernel', () => {
  let cli: string;
  const dir = mkdtempSync(join(tmpdir(), 'pn-kernel-end-'));
  const run = (file: string) => {
    const child = spawnSync(process.execPath, [cli, 'run', file, '--json', '--no-typecheck', '--memory', '256'], { cwd: dir, encoding: 'utf8' });
    return { code: child.status, report: JSON.parse(child.stdout) as { ok: boolean; cells: CellReport[] }, stderr: child.stderr };
  };
  /** The notebook with `cell` inserted as a code cell before its code cell at `position`. */
  const withCell = (text: string, position: number, cell: string) => {
    const starts = [...text.matchAll(/^```ts$/gm)].map((m) => m.index);
    const at = starts[position];
    return text.slice(0, at) + '```ts\n' + cell + '\n```\n\n' + text.slice(at);
  };
  const withoutLine = ({ line: _, ...rest }: CellReport) => rest;

  before(async () => {
    cli = (await kernelBundles()).cliScript;
  });

  it('runs every cell of the bank-account notebook below a cell that runs out of memory, with the report of a run without it', () => {
    const text = readFileSync(join(root, 'notebooks', 'bank-account.protocol.md'), 'utf8');
    writeFileSync(join(dir, 'plain.protocol.md'), text);
    writeFileSync(join(dir, 'hog.protocol.md'), withCell(text, 3, hog));
    const plain = run('plain.protocol.md');
    const hogged = run('hog.protocol.md');
    assert.equal(hogged.code, 1, hogged.stderr);
    assert.equal(hogged.report.cells[3].error?.name, 'OutOfMemory');
    const others = hogged.report.cells.filter((_, i) => i !== 3);
    assert.deepEqual(others.map(withoutLine), plain.report.cells.map(withoutLine));
  });

  it('names the cell and the name a cell below needs, at the line and column where it uses it', () => {
    const cells = ['const base = 20;', hog, 'const size = hog.length;', "console.log('independent', base + 22);", 'console.log(size * 2);'];
    writeFileSync(join(dir, 'chain.protocol.md'), cells.map((cell) => '```ts\n' + cell + '\n```\n').join('\n'));
    const { code, report } = run('chain.protocol.md');
    assert.equal(code, 1);
    assert.deepEqual(
      report.cells.map((c) => c.error?.name ?? 'ok'),
      ['ok', 'OutOfMemory', 'DependencyFailed', 'ok', 'DependencyFailed'],
    );
    assert.equal(report.cells[2].error?.message, 'This cell needs `hog` from cell 2, which ended the kernel (out of memory), so it was not run.');
    // `const size = hog.length;` is line 11 of the file; `hog` starts at column 14.
    assert.equal(report.cells[2].error?.location, 'chain.protocol.md:11:14');
    assert.equal(report.cells[4].error?.message, 'This cell needs `size` from cell 3, which needs `hog` from cell 2, which ended the kernel (out of memory), so it was not run.');
    assert.equal(report.cells[4].error?.location, 'chain.protocol.md:19:13');
  });
});
