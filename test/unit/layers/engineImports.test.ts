// The layers point one way: src/engine never imports src/check or src/api
// (the module cells import, which re-exports both). The lint rule that keeps
// it so is exercised here on imports written as an engine file would.
import { ESLint } from 'eslint';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourcesUnder(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('layering of src/engine', () => {
  it('lint refuses an import of src/check or src/api from any depth of src/engine', async () => {
    const cases: [string, string][] = [
      ['src/engine/simulate.ts', "import { explore } from '../check/explore/explore';"],
      ['src/engine/simulate.ts', "import { always } from '../api/index';"],
      ['src/engine/model/world.ts', "import type { Property } from '../../check/properties/temporal';"],
      ['src/engine/trace/recorder.ts', "import * as api from '../../api/index';"],
    ];
    for (const [file, source] of cases) assert.equal((await restricted(file, source)).length, 1, `${file}: ${source}`);
  });

  it('lint lets the engine import itself and src/common', async () => {
    assert.deepEqual(await restricted('src/engine/model/world.ts', "import type { Message } from '../api/types';\nimport type { Trace } from '../../common/traceFormat';"), []);
    assert.deepEqual(await restricted('src/engine/simulate.ts', "import type { Message } from './api/types';\nimport type { Trace } from '../common/traceFormat';"), []);
  });

  it('no file of src/engine imports from outside src/engine and src/common', () => {
    const engine = join(root, 'src', 'engine');
    for (const file of sourcesUnder(engine)) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(join(root, 'src'), join(file, '..', spec)).split(/[\\/]/)[0];
        assert.ok(target === 'engine' || target === 'common', `${relative(root, file)} imports ${spec}`);
      }
    }
  });
});
