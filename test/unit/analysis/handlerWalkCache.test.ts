// Reusing handler walks between edits must never change what is reported: a
// warm program, edited step by step, reports exactly what a fresh one does.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { idempotencyFindings } from '../../../src/analysis/idempotency/idempotencyFindings';
import { createNotebookProgram } from '../../../src/analysis/notebookProgram';

const types = (text: string) => `import { node } from 'protocol-notebook';\ntype Msg = { type: 'credit'; id: string; amount: number } | { type: 'note'; id: string; text: string };\ntype S = { balance: number; note: ${text}; seen: Set<string> };`;
const helpers = (credit: string, extra = '') => `function credit(s: S, amount: number) {\n  ${credit}\n}\n${extra}`;
const account = `export const A = node<S, Msg>({
  init: () => ({ balance: 0, note: '', seen: new Set() }),
  on: {
    credit(state, msg) {
      credit(state, msg.amount);
    },
    note(state, msg) {
      if (alreadySeen(state, msg.id)) return;
      state.note += msg.text;
    },
  },
});`;

const guarded = account.replace('state.note += msg.text;', 'remember(state, msg.id);\n      state.note += msg.text;');
const guardHelpers = 'function alreadySeen(s: S, id: string) {\n  return s.seen.has(id);\n}\nfunction remember(s: S, id: string) {\n  s.seen.add(id);\n}';

describe('handler walk cache', () => {
  it('reports after each edit exactly what a fresh analysis reports', () => {
    const steps: string[][] = [
      [types('string'), helpers('s.balance += amount;'), account],
      [types('string'), helpers('s.balance += amount;'), account.replace('credit(state, msg.amount);', 'credit(state, msg.amount);\n      state.balance = msg.amount;')],
      [types('string'), helpers('s.balance = amount;'), account],
      // Guard helpers the handler calls do not exist yet, then appear with the handler unchanged: it becomes guarded.
      [types('string'), helpers('s.balance = amount;'), guarded],
      [types('string'), helpers('s.balance = amount;', guardHelpers), guarded],
      // The state type changes under an unchanged handler: the wording follows it.
      [types('string[]'), helpers('s.balance += amount;'), account],
      // A helper changes under an unchanged handler.
      [types('string[]'), helpers('s.balance -= amount;'), account],
      [types('number'), helpers('s.balance += amount;'), '// a new first line moves everything down\n' + account],
    ];
    const warm = createNotebookProgram();
    for (const [i, cells] of steps.entries()) {
      const programCells = cells.map((source, index) => ({ index, source }));
      warm.update(programCells);
      const fresh = createNotebookProgram();
      fresh.update(programCells);
      assert.deepEqual(idempotencyFindings(warm), idempotencyFindings(fresh), `step ${i + 1}`);
      fresh.dispose();
    }
  });
});
