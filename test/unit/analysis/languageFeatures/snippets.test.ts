import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { typeDiagnostics } from '../../../../src/analysis/languageFeatures';
import { notebookOf } from './notebookFixture';

interface Snippet {
  prefix: string[];
  body: string[];
}

const snippets = JSON.parse(readFileSync(join(__dirname, '../../../../snippets/protocol-typescript.code-snippets'), 'utf8')) as Record<string, Snippet>;
const packageJson = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };

/** The snippet as inserted when the user accepts every default, with `typed` in place of the placeholders numbered in it. */
function expand(name: string, typed: Record<number, string> = {}): string {
  const snippet = snippets[name];
  assert.ok(snippet, `snippet ${name}`);
  return snippet.body
    .join('\n')
    .replace(/\$\{(\d+):([^}]*)\}/g, (_all, n: string, value: string) => typed[Number(n)] ?? value)
    .replace(/\$\d+/g, '');
}

describe('snippets', () => {
  it('are contributed for the code cell language', () => {
    assert.deepEqual(packageJson.contributes.snippets, [{ language: 'protocol-typescript', path: './snippets/protocol-typescript.code-snippets' }]);
    assert.deepEqual(Object.keys(snippets).sort(), ['Handler', 'Node', 'Simulate', 'Timer']);
  });

  it('expand to cells that type-check together: a node with a handler and a timer, and a simulate cell', () => {
    const header = "import { node, simulate, always } from 'protocol-notebook';";
    const withMore = expand('Node').replace('  on: {\n', `  on: {\n${indent(expand('Handler', { 1: 'response' }), 4)}\n`).replace('\n});', `\n${indent(expand('Timer'), 2)}\n});`);
    const notebook = notebookOf([
      { index: 0, source: `${header}\n${withMore}` },
      { index: 1, source: expand('Simulate') },
    ]);
    assert.match(notebook.cellMap().text, /response\(state, msg, ctx\)/);
    assert.match(notebook.cellMap().text, /timers: \{\n {4}retry\(state, ctx, data\)/);
    assert.deepEqual(typeDiagnostics(notebook).map((d) => `${d.cellIndex}:${d.range.start.line}: ${d.message}`), []);
  });
});

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => (line ? ' '.repeat(spaces) + line : line))
    .join('\n');
}
