import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { idempotencyFindings } from '../../../src/analysis/idempotency/idempotencyFindings';
import { dedupeByMessageIdEdits, ignoreHandlerEdits } from '../../../src/analysis/idempotency/quickFixEdits';
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

function fixFirst(cells: readonly string[], fix: typeof dedupeByMessageIdEdits): string[] {
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
  it('deduplicate by message id: guards the handler and adds a seen set to the state and its type', () => {
    const fixed = fixFirst([imports, account], dedupeByMessageIdEdits);
    assert.equal(fixed[1], `export const Account = node<{ balance: number; seen: Set<string> }, Msg>({
  init: () => ({ balance: 0, seen: new Set<string>() }),
  on: {
    deposit(state, msg, ctx) {
      if (state.seen.has(msg.id)) return;
      state.seen.add(msg.id);
      state.balance += msg.amount;
      ctx.reply(msg, { type: 'ack', id: msg.id });
    },
  },
});`);
    assert.deepEqual(analyse(fixed), []);
    assert.deepEqual(typeErrors(fixed), []);
  });

  it('edits a state type declared in another cell, and reuses a seen set already there', () => {
    const state = 'type Bank = {\n  balance: number;\n  count: number\n};';
    const bank = account.replace('{ balance: number }', 'Bank').replace('({ balance: 0 })', '({\n    balance: 0,\n    count: 0,\n  })').replace('on: {', 'on: {\n    ack(state) {\n      state.count++;\n    },');
    const once = fixFirst([imports, state, bank], dedupeByMessageIdEdits);
    assert.equal(once[1], 'type Bank = {\n  balance: number;\n  count: number; seen: Set<string>\n};');
    assert.match(once[2], /count: 0, seen: new Set<string>\(\),\n/);
    assert.deepEqual(typeErrors(once), []);
    const remaining = analyse(once);
    assert.equal(remaining.length, 1);
    const twice = applyCellEdits(once, dedupeByMessageIdEdits(program, remaining[0].handlerRange) ?? []);
    assert.equal(twice[1], once[1], 'the seen set is reused');
    assert.deepEqual(analyse(twice), []);
    assert.deepEqual(typeErrors(twice), []);
  });

  it('adds the message parameter when the handler has none, and blocks an expression body', () => {
    const terse = `export const Counter = node<{ hits: number }, Msg>({
  init: () => ({ hits: 0 }),
  on: { deposit: (state) => state.hits++ },
});`;
    const fixed = fixFirst([imports, terse], dedupeByMessageIdEdits);
    assert.match(fixed[1], /deposit: \(state, msg\) => \{\n {4}if \(state\.seen\.has\(msg\.id\)\) return;\n {4}state\.seen\.add\(msg\.id\);\n {4}state\.hits\+\+;\n {2}\}/);
    assert.deepEqual(analyse(fixed), []);
  });

  it('keys by the whole message when messages have no id', () => {
    const noId = imports.replace(/id: string; /g, '');
    const fixed = fixFirst([noId, account.replace(", id: msg.id", '')], dedupeByMessageIdEdits);
    assert.match(fixed[1], /if \(state\.seen\.has\(JSON\.stringify\(msg\)\)\) return;/);
    assert.deepEqual(analyse(fixed), []);
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
        const fixed = applyCellEdits(dense, dedupeByMessageIdEdits(program, target.handlerRange) ?? []);
        const left = analyse(fixed).filter((f) => f.handlerRange.cellIndex === target.handlerRange.cellIndex && f.handler.messageType === handler.name);
        assert.deepEqual(left.map((f) => f.message), [], `${fixture.file}: ${handler.name}`);
        assert.ok(typeErrors(fixed).length <= errorsBefore, `${fixture.file}: ${handler.name}: ${typeErrors(fixed).join('; ')}`);
      }
    }
  });
});
