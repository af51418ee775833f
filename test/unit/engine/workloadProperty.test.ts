import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, node, client, workload, type Message } from '../../../src/api/index';

type Msg = { type: 'generate'; id: string } | { type: 'generate_ok'; id: string; value: string };

/** A unique-id server: `counter` ids when `clash` is false, one id for everybody when true. */
const idServer = (clash: boolean) =>
  node<{ next: number }, Msg>({
    init: () => ({ next: 0 }),
    on: {
      generate(state, msg, ctx) {
        const value = clash ? 'same' : `${ctx.self}-${state.next++}`;
        ctx.reply(msg, { type: 'generate_ok', id: msg.id, value });
      },
    },
  });

const generator = client<Msg>({
  server: 'n1',
  ops: 3,
  request: (_i, id) => ({ f: 'generate', msg: { type: 'generate', id } }),
  response: (msg: Message & Partial<Msg>) => (msg.type === 'generate_ok' ? { id: msg.id as string, output: (msg as { value: string }).value } : undefined),
});

test('workload() checks the run\'s history when the run ends, failing with the checker\'s summary', () => {
  const good = simulate({ nodes: { n1: idServer(false), c: generator }, properties: { unique: workload('unique-ids') } });
  assert.equal(good.verdicts[0].status, 'pass');
  const bad = simulate({ nodes: { n1: idServer(true), c: generator }, properties: { unique: workload('unique-ids') } });
  assert.equal(bad.verdicts[0].status, 'fail');
  assert.match(bad.verdicts[0].message ?? '', /id "same" was handed out 3 times/);
  // It points at the last completion that handed the id out, not at the end of the run.
  const last = bad.history[2];
  assert.equal(bad.verdicts[0].violatingEvent, last.returnEvent);
  assert.equal(bad.verdicts[0].at, last.return);
});

test('a client records the server each operation went to, for the per-node final reads of the workload checkers', () => {
  const run = simulate({ nodes: { n1: idServer(false), c: generator }, properties: {} });
  assert.deepEqual(run.history.map((op) => op.node), ['n1', 'n1', 'n1']);
});

test('workload() refuses a name it does not know', () => {
  assert.throws(() => workload('no-such' as 'lin-kv'), /unknown workload 'no-such'/);
});
