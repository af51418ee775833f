// The deduplicating quick fixes, run: before a fix, the engine's dynamic
// replay catches the handler applying a duplicate twice; after it, the same
// run under heavy duplication finds nothing, every deposit is acknowledged
// (the fix keeps the replies) and the balance counts each deposit once. Under
// crashes and restarts only the durable fix keeps each credit to one.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import * as engine from '../../../src/api/index';
import { idempotencyFindings } from '../../../src/analysis/idempotency/idempotencyFindings';
import { dedupeFix } from '../../../src/analysis/idempotency/dedupeFix';
import type { DedupeStorage } from '../../../src/analysis/idempotency/fixTitles';
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
      ctx.effect('credit', { id: msg.id });
      ctx.reply(msg, { type: 'ack', id: msg.id });
    },
  },
});`,
  `export const Client = node<{ acked: Set<string> }, Msg>({
  name: 'Client',
  init: () => ({ acked: new Set() }),
  start(_state, ctx) {
    ctx.setTimer('retry', 1);
  },
  timers: {
    retry(state, ctx) {
      for (let n = 0; n < 5; n++) if (!state.acked.has('d' + n)) ctx.send('account', { type: 'deposit', id: 'd' + n, amount: 1 });
      if (state.acked.size < 5) ctx.setTimer('retry', 20);
    },
  },
  on: {
    ack(state, msg) {
      state.acked.add(msg.id);
    },
  },
});`,
];

/** Runs the cells as one module against the engine. */
function run(sources: readonly string[], config: Partial<engine.SimulationConfig>) {
  const { outputText } = ts.transpileModule(sources.join('\n'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const exports: Record<string, engine.NodeDefinition> = {};
  new Function('require', 'exports', outputText)((name: string) => {
    assert.equal(name, 'protocol-notebook');
    return engine;
  }, exports);
  return engine.simulate({
    nodes: { account: exports.Account, client: exports.Client },
    properties: {
      'each deposit credited once': engine.exactlyOnce<{ id: string }>('credit', (c) => c.id),
      'every deposit acknowledged': engine.eventually<{ client: { acked: Set<string> } }>((w) => w.state.client.acked.size === 5),
    },
    seed: 7,
    until: 400,
    ...config,
  });
}

function fixed(storage: DedupeStorage): string[] {
  const program = createNotebookProgram();
  program.update(cells.map((source, index) => ({ index, source })));
  const [finding] = idempotencyFindings(program);
  const fix = dedupeFix(program, finding.handlerRange, storage);
  assert.ok(fix && 'edits' in fix);
  const result = applyCellEdits(cells, fix.edits);
  program.update(result.map((source, index) => ({ index, source })));
  assert.deepEqual(idempotencyFindings(program), [], 'the warning is gone');
  return result;
}

const duplicating = { network: { latency: [1, 5] as [number, number], duplicate: 0.5, loss: 0.2 } };
const crashing = { ...duplicating, faults: [engine.crash('account', { at: 4, restart: 15 })] };

describe('quick fix, run', () => {
  it('turns a handler the engine catches applying duplicates into one it does not, and every deposit is still acknowledged', () => {
    const before = run(cells, duplicating);
    assert.ok(before.idempotency.some((f) => f.msgType === 'deposit'), 'the replay catches the double deposit');
    assert.equal(before.verdicts.find((v) => v.name === 'each deposit credited once')?.status, 'fail');

    for (const storage of ['memory', 'durable'] as const) {
      const after = run(fixed(storage), duplicating);
      assert.deepEqual(after.idempotency, [], `${storage}: no finding`);
      assert.deepEqual(after.verdicts.map((v) => [v.name, v.status]), [['each deposit credited once', 'pass'], ['every deposit acknowledged', 'pass']], storage);
      assert.equal((after.finalState.account as { balance: number }).balance, 5);
    }
  });

  it('over a sweep of seeds with crashes and restarts, the in-memory fix credits again after a restart and the durable one does not', () => {
    const credits = (storage: DedupeStorage) => {
      const sources = fixed(storage);
      let fails = 0;
      for (let seed = 1; seed <= 20; seed++) if (run(sources, { ...crashing, seed }).verdicts.find((v) => v.name === 'each deposit credited once')?.status === 'fail') fails++;
      return fails;
    };
    assert.ok(credits('memory') > 0, 'a restarted account forgets the ids it had seen');
    assert.equal(credits('durable'), 0);
  });
});
