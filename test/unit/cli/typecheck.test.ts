// The CLI type-checks a notebook as the editor does (one program, cells in
// order) before it runs anything: a type error is reported at its
// file:line:col and stops the run; --no-typecheck runs anyway.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createNotebookProgram } from '../../../src/analysis/notebookProgram';
import { notebookTypeErrors } from '../../../src/cli/commands/lint';

const root = join(__dirname, '..', '..', '..');
const fixtures = join(root, 'test', 'fixtures');

describe('type errors before running', () => {
  it('finds the error at its line and column of the .protocol.md file', () => {
    const file = join(fixtures, 'protocols', 'type-error.protocol.md');
    const errors = notebookTypeErrors(readFileSync(file, 'utf8'), 'type-error.protocol.md');
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^type-error\.protocol\.md:12:7: error: Type 'number' is not assignable to type 'string'\. \[TS2322\]$/);
  });

  it('finds none in the textbook notebooks', () => {
    const dir = join(fixtures, 'textbook');
    const program = createNotebookProgram();
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.protocol.md'))) {
      assert.deepEqual(notebookTypeErrors(readFileSync(join(dir, name), 'utf8'), name, program), [], name);
    }
  });

  it('run (as explore and check, which share the step) stops at a type error with exit 1 and runs nothing', () => {
    for (const command of ['run']) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), command, 'type-error.protocol.md'], { cwd: join(fixtures, 'protocols'), encoding: 'utf8' });
      assert.equal(child.status, 1, `${command}: ${child.stdout}${child.stderr}`);
      assert.match(child.stdout, /^type-error\.protocol\.md:12:7: error: .*\[TS2322\]$/m);
      assert.match(child.stdout, /^FAILED: 1 type error, nothing was run \(--no-typecheck runs anyway\)$/m);
      assert.doesNotMatch(child.stdout, /simulation seed/);
    }
  });
});
