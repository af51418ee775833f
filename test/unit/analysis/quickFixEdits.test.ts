import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { idempotencyFindings } from '../../../src/analysis/idempotency/idempotencyFindings';
import { dedupeFix } from '../../../src/analysis/idempotency/dedupeFix';
import type { DedupeStorage } from '../../../src/analysis/idempotency/fixTitles';
import { type CellEdit, ignoreHandlerEdits } from '../../../src/analysis/idempotency/quickFixEdits';
import type { CellRange } from '../../../src/analysis/cellMap';
import type { NotebookProgram } from '../../../src/analysis/notebookProgram';
import { createNotebookProgram } from '../../../src/analysis/notebookProgram';
import { applyCellEdits } from './cellEdits';
import { loadCorpus } from './corpusFixtures';

const program = createNotebookProgram();

function analyse(cells: readonly string[]) {
  program.update(cells.map((source, index) => ({ index, source })));
  return idempotencyFindings(program);
}

function typeErrors(cells: readonly string[]): string[] {
  program.update(cells.map((source, index) => ({ index, source })));
  return program.program().getSemanticDiagnostics(program.sourceFile()).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

type Fix = (notebook: NotebookProgram, handlerRange: CellRange) => CellEdit[] | undefined;

/** The dedupe fix's edits; fails the test when the fix says it does not apply. */
function dedupe(storage: DedupeStorage = 'memory'): Fix {
  return (notebook, handlerRange) => {
    const fix = dedupeFix(notebook, handlerRange, storage);
    assert.ok(fix && 'edits' in fix, fix && 'unavailable' in fix ? fix.unavailable : 'a handler there');
    return fix.edits;
  };
}

/** Why the dedupe fix does not apply to the first finding's handler. */
function unavailable(cells: readonly string[], storage: DedupeStorage = 'memory'): string {
  const [finding] = analyse(cells);
  assert.ok(finding, 'a finding');
  const fix = dedupeFix(program, finding.handlerRange, storage);
  assert.ok(fix && 'unavailable' in fix, 'no fix offered');
  return fix.unavailable;
}

function fixFirst(cells: readonly string[], fix: Fix): string[] {
  const [finding] = analyse(cells);
  assert.ok(finding, 'a finding to fix');
  const edits = fix(program, finding.handlerRange);
  assert.ok(edits && edits.length > 0);
  return applyCellEdits(cells, edits);
}

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

describe('quick fixes', () => {
  it('deduplicate in memory keeps the reply: the work goes behind the guard, the reply (which depends only on the message) after it', () => {
    const fixed = fixFirst([imports, account], dedupe());
    assert.equal(fixed[1], `export const Account = node<{ balance: number; seen: Set<string> }, Msg>({
  init: () => ({ balance: 0, seen: new Set<string>() }),
  on: {
    deposit(state, msg, ctx) {
      if (!state.seen.has(msg.id)) {
        state.seen.add(msg.id);
        state.balance += msg.amount;
      }
      ctx.reply(msg, { type: 'ack', id: msg.id });
    },
  },
});`);
    assert.deepEqual(analyse(fixed), []);
    assert.deepEqual(typeErrors(fixed), []);
  });

  it('a reply that depends on the state is remembered per id and sent again to a duplicate', () => {
    const stateful = account.replace("ctx.reply(msg, { type: 'ack', id: msg.id });", "ctx.reply(msg, { type: 'ack', id: msg.id, balance: state.balance });").replace("{ type: 'ack'; id: string }", "{ type: 'ack'; id: string; balance: number }");
    const types = imports.replace("{ type: 'ack'; id: string }", "{ type: 'ack'; id: string; balance?: number }");
    const fixed = fixFirst([types, stateful], dedupe());
    assert.equal(fixed[1], `export const Account = node<{ balance: number; replies: Map<string, Msg> }, Msg>({
  init: () => ({ balance: 0, replies: new Map<string, Msg>() }),
  on: {
    deposit(state, msg, ctx) {
      const earlier = state.replies.get(msg.id);
      if (earlier !== undefined) return ctx.reply(msg, earlier);
      state.balance += msg.amount;
      const reply: Msg = { type: 'ack', id: msg.id, balance: state.balance };
      state.replies.set(msg.id, reply);
      ctx.reply(msg, reply);
    },
  },
});`);
    assert.deepEqual(analyse(fixed), []);
    assert.deepEqual(typeErrors(fixed), []);
  });

  it('deduplicate durably keeps the seen set in ctx.durable, with its type and initial value', () => {
    const fixed = fixFirst([imports, account], dedupe('durable'));
    assert.equal(fixed[1], `export const Account = node<{ balance: number }, Msg, { seen: Set<string> }>({
  init: () => ({ balance: 0 }),
  durable: () => ({ seen: new Set<string>() }),
  on: {
    deposit(state, msg, ctx) {
      if (!ctx.durable.seen.has(msg.id)) {
        ctx.durable.seen.add(msg.id);
        state.balance += msg.amount;
      }
      ctx.reply(msg, { type: 'ack', id: msg.id });
    },
  },
});`);
    assert.deepEqual(analyse(fixed), []);
    assert.deepEqual(typeErrors(fixed), []);
  });

  it('the seen set has the type of the id: numbers stay numbers', () => {
    const numbered = imports.replace(/id: string/g, 'id: number');
    const fixed = fixFirst([numbered, account.replace("ctx.reply(msg, { type: 'ack', id: msg.id });\n", '')], dedupe());
    assert.match(fixed[1], /seen: Set<number>/);
    assert.match(fixed[1], /seen: new Set<number>\(\)/);
    assert.deepEqual(typeErrors(fixed), []);
  });

  it('a lookup by the id that is not a check (an account keyed by the id) does not stop the fix', () => {
    const keyed = account.replace('{ balance: number }', '{ balance: number; accounts: Map<string, { total: number }> }').replace('({ balance: 0 })', '({ balance: 0, accounts: new Map() })').replace('state.balance += msg.amount;', 'const acct = state.accounts.get(msg.id);\n      if (acct) acct.total = 0;\n      state.balance += msg.amount;');
    assert.match(unavailable([imports, keyed]), /already checks `state\.accounts\.get\(msg\.id\)`/, 'a lookup tested in a condition counts as a check');
    const unchecked = keyed.replace('if (acct) acct.total = 0;', 'void acct;');
    const fixed = fixFirst([imports, unchecked], dedupe());
    assert.match(fixed[1], /if \(!state\.seen\.has\(msg\.id\)\) \{/);
  });

  it('never a second dedupe: a handler that already checks the id gets no fix, and is told why', () => {
    const checked = account.replace('state.balance += msg.amount;', 'if (state.seen.has(msg.id)) return;\n      state.balance += msg.amount;').replace('{ balance: number }', '{ balance: number; seen: Set<string> }').replace('({ balance: 0 })', '({ balance: 0, seen: new Set<string>() })');
    assert.match(unavailable([imports, checked]), /already checks `state\.seen\.has\(msg\.id\)`: a second deduplication would not help/);
  });

  it('edits a state type declared in another cell, and reuses a seen set already there', () => {
    const state = 'type Bank = {\n  balance: number;\n  count: number\n};';
    const bank = account.replace('{ balance: number }', 'Bank').replace('({ balance: 0 })', '({\n    balance: 0,\n    count: 0,\n  })').replace('on: {', 'on: {\n    ack(state) {\n      state.count++;\n    },');
    const once = fixFirst([imports, state, bank], dedupe());
    assert.equal(once[1], 'type Bank = {\n  balance: number;\n  count: number; seen: Set<string>\n};');
    assert.match(once[2], /count: 0, seen: new Set<string>\(\),\n/);
    assert.match(once[2], /ack\(state, msg\) \{\n {6}if \(state\.seen\.has\(msg\.id\)\) return;/, 'a handler without replies is guarded at the top');
    assert.deepEqual(typeErrors(once), []);
    const remaining = analyse(once);
    assert.equal(remaining.length, 1);
    const twice = applyCellEdits(once, dedupe()(program, remaining[0].handlerRange) ?? []);
    assert.equal(twice[1], once[1], 'the seen set is reused');
    assert.deepEqual(analyse(twice), []);
    assert.deepEqual(typeErrors(twice), []);
  });

  it('adds the message parameter when the handler has none, and blocks an expression body', () => {
    const terse = `export const Counter = node<{ hits: number }, Msg>({
  init: () => ({ hits: 0 }),
  on: { deposit: (state) => state.hits++ },
});`;
    const fixed = fixFirst([imports, terse], dedupe());
    assert.match(fixed[1], /deposit: \(state, msg\) => \{\n {4}if \(state\.seen\.has\(msg\.id\)\) return;\n {4}state\.seen\.add\(msg\.id\);\n {4}state\.hits\+\+;\n {2}\}/);
    assert.deepEqual(analyse(fixed), []);
  });

  it('offers no fix when messages have no id, says why, and never keys by JSON.stringify(msg)', () => {
    const noId = imports.replace(/id: string; /g, '');
    const reason = unavailable([noId, account.replace(", id: msg.id", '')]);
    assert.match(reason, /messages have no `id` field to deduplicate by\. Add a unique `id` to the message type and have the sender set it/);
  });

  it('ignore: writes the directive above the handler, which silences it', () => {
    const fixed = fixFirst([imports, account], ignoreHandlerEdits);
    assert.match(fixed[1], /\n {4}\/\/ protocol-notebook: idempotent\n {4}deposit\(state, msg, ctx\) \{/);
    assert.deepEqual(analyse(fixed), []);
  });

  it('removes every finding of every non-idempotent handler in the corpus without adding type errors', () => {
    for (const fixture of loadCorpus()) {
      const cells: string[] = [];
      for (const cell of fixture.cells) cells[cell.index] = cell.source;
      const dense = Array.from(cells, (c) => c ?? '');
      const errorsBefore = typeErrors(dense).length;
      for (const handler of fixture.handlers.filter((h) => !h.idempotent)) {
        const findings = analyse(dense);
        const target = findings.find((f) => fixture.cells.find((c) => c.index === f.handlerRange.cellIndex)!.firstLine + f.handlerRange.range.start.line === handler.line);
        assert.ok(target, `${fixture.file}: ${handler.name} is flagged`);
        const fix = dedupeFix(program, target.handlerRange, 'memory');
        assert.ok(fix, `${fixture.file}: ${handler.name} has a handler`);
        if ('unavailable' in fix) {
          // Only where a check is already there (a second dedupe would not help) or there is no id to key by.
          assert.match(fix.unavailable, /already checks|no `id` field|replies in/, `${fixture.file}: ${handler.name}`);
          continue;
        }
        const fixed = applyCellEdits(dense, fix.edits);
        const left = analyse(fixed).filter((f) => f.handlerRange.cellIndex === target.handlerRange.cellIndex && f.handler.messageType === handler.name);
        assert.deepEqual(left.map((f) => f.message), [], `${fixture.file}: ${handler.name}`);
        assert.ok(typeErrors(fixed).length <= errorsBefore, `${fixture.file}: ${handler.name}: ${typeErrors(fixed).join('; ')}`);
      }
    }
  });
});
