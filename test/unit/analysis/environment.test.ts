// What expressions in a handler refer to and what values are made of, and which
// conditions are deduplication guards: the pieces the handler walk is built from.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { addMark, guardSense, type Marks, memberMark, removalMark } from '../../../src/analysis/idempotency/dedupeGuards';
import { canonicalText, type Environment, pathOf, pathText, valueInfo } from '../../../src/analysis/idempotency/environment';
import { findHandlers } from '../../../src/analysis/idempotency/handlers';
import { handlerBindings } from '../../../src/analysis/idempotency/handlerWalk';
import { createNotebookProgram } from '../../../src/analysis/notebookProgram';

const program = createNotebookProgram();

/** The expressions of a handler's body (one per statement), with the handler's environment. */
function expressions(...lines: string[]): { env: Environment; at: (i: number) => ts.Expression } {
  program.update([
    {
      index: 0,
      source: `import { node } from 'protocol-notebook';
type S = { x: number; on: boolean; xs: number[]; q: number[]; s: Set<string>; seen: Set<string>; m: Map<string, number>;
  accounts: Map<string, { balance: number }>; status: string; lastSeq: number; pending: Set<string> };
type M = { type: 'h'; id: string; v: number; to: string; seq: number };
node<S, M, { n: number }>({ init: () => ({}) as S, on: { h(state, msg, ctx) {
${lines.map((l) => `  ${l};`).join('\n')}
} } });`,
    },
  ]);
  const [site] = findHandlers(program.sourceFile(), program.checker());
  const env = handlerBindings(site.fn, program.checker());
  const body = site.fn.body as ts.Block;
  return { env, at: (i) => (body.statements[i] as ts.ExpressionStatement).expression };
}

const sorted = (s: Set<string>) => [...s].sort();

describe('environment', () => {
  it('names places reached from state, msg and ctx canonically', () => {
    const { env, at } = expressions('state.accounts.get(msg.to)!.balance', 'ctx.durable.n', 'msg.v', '(state.xs as number[])[0]');
    assert.equal(pathText(pathOf(env, at(0))!), 'state.accounts[msg.to].balance');
    assert.equal(pathText(pathOf(env, at(1))!), 'state.durable.n');
    assert.equal(canonicalText(env, at(2)), 'msg.v');
    assert.equal(pathText(pathOf(env, at(3))!), 'state.xs[0]');
  });

  it('tells values grown from the old state from merges and copies', () => {
    const cases: [string, string[], string[]][] = [
      ['state.x + 1', ['state.x'], ['state.x']],
      ['!state.on', ['state.on'], ['state.on']],
      ['Math.max(state.x, msg.v)', ['state.x'], []],
      ['[...state.xs, msg.v]', ['state.xs'], ['state.xs']],
      ['[...state.xs]', ['state.xs'], []],
      ['new Set([...state.s, msg.to])', ['state.s'], []],
      ['state.q.slice(1)', ['state.q'], ['state.q']],
      ['state.q.slice(-3)', ['state.q'], []],
      ['state.xs.concat([msg.v])', ['state.xs'], ['state.xs']],
      ['(state.m.get(msg.to) ?? 0) + 1', ['state.m[msg.to]'], ['state.m[msg.to]']],
    ];
    const { env, at } = expressions(...cases.map(([code]) => code));
    cases.forEach(([code, reads, derived], i) => {
      const info = valueInfo(env, at(i));
      assert.deepEqual(sorted(info.reads), reads, `reads of ${code}`);
      assert.deepEqual(sorted(info.derived), derived, `derived of ${code}`);
    });
  });

  it('knows which values are fresh on every delivery', () => {
    const { env, at } = expressions('ctx.random()', 'ctx.now', '`${msg.id}-${ctx.randomInt(1, 9)}`', 'msg.id');
    assert.equal(valueInfo(env, at(0)).fresh, 'ctx.random()');
    assert.equal(valueInfo(env, at(1)).fresh, 'ctx.now');
    assert.equal(valueInfo(env, at(2)).fresh, 'ctx.randomInt()');
    assert.equal(valueInfo(env, at(3)).fresh, undefined);
  });
});

describe('dedupeGuards', () => {
  const noHelpers = () => undefined;

  it('recognises a membership test only when the handler records that key', () => {
    const { env, at } = expressions('state.seen.has(msg.id)', '!state.seen.has(msg.id)', 'state.seen.has(msg.to)');
    const marks: Marks = new Map();
    assert.equal(guardSense(env, at(0), marks, noHelpers), undefined, 'nothing recorded: not a guard');
    addMark(marks, 'state.seen[msg.id]', memberMark);
    assert.equal(guardSense(env, at(0), marks, noHelpers), 'seen');
    assert.equal(guardSense(env, at(1), marks, noHelpers), 'first');
    assert.equal(guardSense(env, at(2), marks, noHelpers), undefined, 'another key');
  });

  it('reads a pending entry the handler removes as true on the first delivery only', () => {
    const { env, at } = expressions('state.pending.has(msg.id)');
    const marks: Marks = new Map();
    addMark(marks, 'state.pending[msg.id]', removalMark);
    assert.equal(guardSense(env, at(0), marks, noHelpers), 'first');
  });

  it('accepts a sequence check only when a duplicate fails it', () => {
    const { env, at } = expressions('msg.seq <= state.lastSeq', 'msg.seq < state.lastSeq', 'state.lastSeq < msg.seq');
    const marks: Marks = new Map();
    addMark(marks, 'state.lastSeq', 'msg.seq');
    assert.equal(guardSense(env, at(0), marks, noHelpers), 'seen');
    assert.equal(guardSense(env, at(1), marks, noHelpers), undefined, 'a duplicate has seq === lastSeq and passes');
    assert.equal(guardSense(env, at(2), marks, noHelpers), 'first');
  });

  it('accepts state-machine checks on the state written or the state left', () => {
    const { env, at } = expressions("state.status === 'done'", "state.status !== 'open'", "state.status === 'open'");
    const marks: Marks = new Map();
    addMark(marks, 'state.status', '"done"');
    assert.equal(guardSense(env, at(0), marks, noHelpers), 'seen');
    assert.equal(guardSense(env, at(1), marks, noHelpers), 'seen', 'the first delivery leaves "open" for good');
    assert.equal(guardSense(env, at(2), marks, noHelpers), 'first');
  });
});
