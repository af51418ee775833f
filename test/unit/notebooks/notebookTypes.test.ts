// A reader who opens a notebook or a sample sees no type error: every one
// type-checks as the editor checks it (all code cells as one program, with
// the protocol-notebook API), so the prose never has to explain a red squiggle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { typeDiagnostics } from '../../../src/analysis/languageFeatures';
import { createNotebookProgram } from '../../../src/analysis/notebookProgram';
import { notebookCells } from '../../../src/kernel/notebookFile';

const root = join(__dirname, '..', '..', '..');
const files = ['notebooks', 'samples'].flatMap((folder) =>
  existsSync(join(root, folder)) ? readdirSync(join(root, folder)).filter((n) => n.endsWith('.protocol.md')).sort().map((n) => `${folder}/${n}`) : [],
);

describe('notebooks and samples type-check as the editor checks them', () => {
  for (const file of files) {
    it(`${file} has no type error`, () => {
      const { cells, firstLineOf } = notebookCells(readFileSync(join(root, file), 'utf8'));
      const program = createNotebookProgram();
      try {
        program.update(cells.map((c) => ({ index: c.index, source: c.source })));
        const errors = typeDiagnostics(program).map((d) => `${file}:${firstLineOf(d.cellIndex) + d.range.start.line + 1}: ${d.message}`);
        assert.deepEqual(errors, []);
      } finally {
        program.dispose();
      }
    });
  }
});
