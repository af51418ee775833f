import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyseCells, textAt } from './analyseCells';

const imports = "import { node } from 'protocol-notebook';\ntype Msg = { type: 'deposit'; id: string; amount: number } | { type: 'ack'; id: string };";

const account = `export const Account = node<{ balance: number }, Msg>({
  init: () => ({ balance: 0 }),
  on: {
    deposit(state, msg, ctx) {
      state.balance += msg.amount;
      ctx.reply(msg, { type: 'ack', id: msg.id });
    },
  },
});`;

describe('idempotencyFindings', () => {
  it('warns on the exact expression, says what a duplicate does, and points at the handler', () => {
    const cells = [imports, '# prose', account];
    const [finding, ...rest] = analyseCells(...cells);
    assert.equal(rest.length, 0);
    assert.equal(finding.message, 'a duplicate `deposit` adds `msg.amount` to `balance` again');
    assert.equal(finding.code, 'non-idempotent-handler');
    assert.equal(finding.nodeKind, 'compound-assignment');
    assert.deepEqual(finding.handler, { nodeName: 'Account', messageType: 'deposit' });
    assert.equal(finding.cellIndex, 2);
    assert.deepEqual(finding.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 33 } });
    assert.equal(textAt(cells, 2, finding.range), 'state.balance += msg.amount');
    assert.deepEqual(finding.handlerRange, { cellIndex: 2, range: { start: { line: 3, character: 4 }, end: { line: 3, character: 11 } } });
    assert.deepEqual(finding.related[0].location, finding.handlerRange);
  });

  it('follows helpers defined in earlier cells and points at the expression inside them', () => {
    const helper = 'function credit(account: { balance: number }, amount: number) {\n  account.balance += amount;\n}';
    const cells = [imports, helper, account.replace('state.balance += msg.amount;', 'credit(state, msg.amount);')];
    const [finding] = analyseCells(...cells);
    assert.equal(finding.message, 'a duplicate `deposit` adds `msg.amount` to `balance` again (through `credit`)');
    assert.equal(finding.cellIndex, 2);
    assert.equal(textAt(cells, 2, finding.range), 'credit(state, msg.amount)');
    assert.equal(finding.related[1].location.cellIndex, 1);
    assert.equal(textAt(cells, 1, finding.related[1].location.range), 'account.balance += amount');
  });

  it('is silenced for one handler by the idempotent directive, above the handler or inside it', () => {
    const above = account.replace('    deposit(state, msg, ctx) {', '    // protocol-notebook: idempotent\n    deposit(state, msg, ctx) {');
    assert.deepEqual(analyseCells(imports, above), []);
    const inside = account.replace('    deposit(state, msg, ctx) {', '    deposit(state, msg, ctx) {\n      // protocol-notebook: idempotent (amounts are deduplicated upstream)');
    assert.deepEqual(analyseCells(imports, inside), []);
    const other = above.replace('on: {', 'on: {\n    ack(state) { state.balance++; },');
    assert.deepEqual(analyseCells(imports, other).map((f) => f.handler.messageType), ['ack']);
  });

  it('no longer warns once a deduplication guard keyed by the message is in place and a duplicate is still answered', () => {
    const guarded = account
      .replace('{ balance: number }', '{ balance: number; seen: Set<string> }')
      .replace('state.balance += msg.amount;', 'if (!state.seen.has(msg.id)) {\n        state.seen.add(msg.id);\n        state.balance += msg.amount;\n      }');
    assert.deepEqual(analyseCells(imports, guarded), []);
  });

  it('a guard that returns before the reply leaves a retry unanswered, and says so on the reply', () => {
    const cells = [imports, account
      .replace('{ balance: number }', '{ balance: number; seen: Set<string> }')
      .replace('state.balance += msg.amount;', 'if (state.seen.has(msg.id)) return;\n      state.seen.add(msg.id);\n      state.balance += msg.amount;')];
    const [finding, ...rest] = analyseCells(...cells);
    assert.equal(rest.length, 0);
    assert.equal(finding.nodeKind, 'dropped-reply');
    assert.match(finding.message, /^a duplicate `deposit` is not answered: this reply is behind the deduplication guard/);
    assert.equal(textAt(cells, 1, finding.range), "ctx.reply(msg, { type: 'ack', id: msg.id })");
  });

  it('reads a returned object as the next state', () => {
    const functional = (value: string) => `export const A = node<{ balance: number }, Msg>({
  init: () => ({ balance: 0 }),
  on: { deposit: (state, msg) => ({ ...state, balance: ${value} }) },
});`;
    const [finding] = analyseCells(imports, functional('state.balance + msg.amount'));
    assert.equal(finding.message, 'a duplicate `deposit` adds `msg.amount` to `balance` again');
    assert.deepEqual(analyseCells(imports, functional('msg.amount')), []);
  });

  it('treats durable storage as state and the clock as fresh', () => {
    const durable = `export const A = node<{ last: number }, Msg, { count: number }>({
  init: () => ({ last: 0 }),
  durable: () => ({ count: 0 }),
  on: {
    deposit(state, _msg, ctx) {
      ctx.durable.count++;
      state.last = ctx.now;
    },
  },
});`;
    assert.deepEqual(analyseCells(imports, durable).map((f) => f.message), [
      'a duplicate `deposit` increments `durable.count` again',
      'a duplicate `deposit` stores a new `ctx.now` in `last`',
    ]);
  });

  it('leaves timers alone: the network does not duplicate them', () => {
    const timers = account.replace('on: {', 'timers: { tick(state) { state.balance++; } },\n  on: {').replace('state.balance += msg.amount;', 'state.balance = msg.amount;');
    assert.deepEqual(analyseCells(imports, timers), []);
  });

  it('names the node by its name field, and ignores a node() the notebook defines itself', () => {
    const named = account.replace('init:', "name: 'Bank',\n  init:");
    assert.equal(analyseCells(imports, named)[0].handler.nodeName, 'Bank');
    const own = 'function node(spec: { on: Record<string, (s: { n: number }) => void> }) { return spec; }\nnode({ on: { tick(s) { s.n++; } } });';
    assert.deepEqual(analyseCells(own), []);
  });
});
