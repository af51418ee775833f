// The "Deduplicate by message id" fix, run: before it, the engine's dynamic
// replay catches the handler applying a duplicate twice; after it, the same
// run under heavy duplication finds nothing and the balance counts each
// deposit once.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import * as engine from '../../../src/api/index';
import { idempotencyFindings } from '../../../src/analysis/idempotency/idempotencyFindings';
import { dedupeByMessageIdEdits } from '../../../src/analysis/idempotency/quickFixEdits';
import { createNotebookProgram } from '../../../src/analysis/notebookProgram';
import { applyCellEdits } from './cellEdits';

const cells = [
  `import { node } from 'protocol-notebook';
type Msg = { type: 'deposit'; id: string; amount: number } | { type: 'ack'; id: string };`,
  `export const Account = node<{ balance: number }, Msg>({
  name: 'Account',
  init: () => ({ balance: 0 }),
  on: {
    deposit(state, msg, ctx) {
      state.balance += msg.amount;
      ctx.reply(msg, { type: 'ack', id: msg.id });
    },
  },
});`,
  `export const Client = node<{ acked: number }, Msg>({
  name: 'Client',
  init: () => ({ acked: 0 }),
  start(_state, ctx) {
    for (let n = 0; n < 5; n++) ctx.send('account', { type: 'deposit', id: 'd' + n, amount: 1 });
  },
  on: {
    ack(state) {
      state.acked = 1;
    },
  },
});`,
];

/** Runs the cells as one module against the engine and simulates a lossless, heavily duplicating network. */
function run(sources: readonly string[]) {
  const { outputText } = ts.transpileModule(sources.join('\n'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const exports: Record<string, engine.NodeDefinition> = {};
  new Function('require', 'exports', outputText)((name: string) => {
    assert.equal(name, 'protocol-notebook');
    return engine;
  }, exports);
  return engine.simulate({ nodes: { account: exports.Account, client: exports.Client }, network: { latency: [1, 5], duplicate: 0.5 }, seed: 7, until: 200 });
}

describe('quick fix, run', () => {
  it('turns a handler the engine catches applying duplicates into one it does not', () => {
    const before = run(cells);
    assert.ok(before.idempotency.some((f) => f.msgType === 'deposit'), 'the replay catches the double deposit');

    const program = createNotebookProgram();
    program.update(cells.map((source, index) => ({ index, source })));
    const [finding] = idempotencyFindings(program);
    const fixed = applyCellEdits(cells, dedupeByMessageIdEdits(program, finding.handlerRange) ?? []);
    program.update(fixed.map((source, index) => ({ index, source })));
    assert.deepEqual(idempotencyFindings(program), []);

    const after = run(fixed);
    assert.deepEqual(after.idempotency, []);
    assert.equal((after.finalState.account as { balance: number }).balance, 5);
  });
});
