import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { notebookTextCells } from '../../../src/analysis/notebookTextCells';
import { lintNotebookText } from '../../../src/cli/commands/lint';
import { corpusDirectory } from './corpusFixtures';

const notebook = [
  '# Bank',
  '',
  'Prose with a quoted fence:',
  '',
  '````markdown',
  '```ts',
  'state.balance += 1;',
  '```',
  '````',
  '',
  '```ts',
  "import { node } from 'protocol-notebook';",
  "type Msg = { type: 'deposit'; id: string; amount: number };",
  '```',
  '',
  'The account:',
  '',
  '```ts',
  'export const Account = node<{ balance: number }, Msg>({',
  '  init: () => ({ balance: 0 }),',
  '  on: {',
  '    deposit(state, msg) {',
  '      state.balance += msg.amount;',
  '    },',
  '  },',
  '});',
  '```',
  '',
].join('\n');

describe('protocol-notebook lint', () => {
  it('finds the file line each code cell starts on, past fences quoted in prose', () => {
    const { cells, firstLineOf } = notebookTextCells(notebook);
    assert.deepEqual(cells.map((c) => firstLineOf(c.index)), [11, 18]);
    assert.ok(cells[1].source.startsWith('export const Account'));
  });

  it('prints each finding at its file line and column, and the fix in words below it', () => {
    assert.deepEqual(lintNotebookText(notebook, 'bank.protocol.md'), [
      'bank.protocol.md:23:7: warning: a duplicate `deposit` adds `msg.amount` to `balance` again [non-idempotent-handler]\n' +
        '  fix: deduplicate by message id: do the work only when `msg.id` is not recorded yet (`if (!state.seen.has(msg.id)) { state.seen.add(msg.id); … }`, or in `ctx.durable` to survive a crash) and still reply to a duplicate; or assign from the message instead of updating the old value',
    ]);
  });

  it('keeps CRLF files on the same lines', () => {
    assert.deepEqual(lintNotebookText(notebook.replace(/\n/g, '\r\n'), 'bank.protocol.md').map((l) => l.split(': warning')[0]), ['bank.protocol.md:23:7']);
  });

  it('runs headless: exits 1 with findings, 0 without, 2 on a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pn-lint-'));
    const bad = join(dir, 'bank.protocol.md');
    const good = join(dir, 'ok.protocol.md');
    writeFileSync(bad, notebook);
    writeFileSync(good, notebook.replace('state.balance += msg.amount;', 'state.balance = msg.amount;'));
    const cli = (...files: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'runLintCli.ts'), ...files], { encoding: 'utf8' });
    const withFindings = cli(bad, good);
    assert.equal(withFindings.status, 1, withFindings.stderr);
    assert.match(withFindings.stdout, new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:23:7: warning: a duplicate \`deposit\` adds \`msg\\.amount\` to \`balance\` again \\[non-idempotent-handler\\]\n  fix: deduplicate by message id: .*\n$`));
    assert.equal(cli(good).status, 0);
    assert.equal(cli(join(dir, 'missing.protocol.md')).status, 2);
  });

  it('reports every non-idempotent handler of the corpus, on its marked lines', () => {
    const file = join(corpusDirectory, 'counters.protocol.md');
    const text = readFileSync(file, 'utf8');
    const marked = text.split('\n').flatMap((line, i) => (line.includes('// ⚠') ? [i + 1] : []));
    const reported = lintNotebookText(text, 'counters.protocol.md').map((l) => Number(l.split(':')[1]));
    assert.deepEqual(reported, marked);
  });
});
