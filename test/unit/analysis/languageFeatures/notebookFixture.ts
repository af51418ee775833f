/**
 * A small protocol notebook for the language-feature tests: the message union
 * and a node in cell 1, a client in cell 3 (cells 0 and 2 are prose), and a
 * way to find a position by the text around it.
 */
import type { CellPosition, ProgramCell } from '../../../../src/analysis/cellMap';
import { createNotebookProgram, type NotebookProgram } from '../../../../src/analysis/notebookProgram';

export const messagesCell = [
  "import { node, simulate } from 'protocol-notebook';",
  '',
  '/** What the account and its clients say. */',
  "type Msg = { type: 'deposit'; id: string; amount: number } | { type: 'ack'; id: string };",
  '',
  'const Account = node<{ balance: number }, Msg>({',
  '  init: () => ({ balance: 0 }),',
  '  on: {',
  '    deposit(state, msg, ctx) {',
  '      state.balance += msg.amount;',
  "      ctx.reply(msg, { type: 'ack', id: msg.id });",
  '    },',
  '  },',
  '});',
].join('\n');

export const clientCell = [
  'const Client = node<{ sent: number }, Msg>({',
  '  init: () => ({ sent: 0 }),',
  '  on: {',
  '    ack(state) {',
  '      state.sent += 1;',
  '    },',
  '  },',
  '});',
  "simulate({ nodes: { account: Account, client: Client }, seed: 1, until: 10 });",
].join('\n');

/** The notebook program of these cells, at their notebook indices. */
export function notebookOf(cells: readonly ProgramCell[]): NotebookProgram {
  const notebook = createNotebookProgram();
  notebook.update(cells);
  return notebook;
}

/** The standard fixture: messages and node in cell 1, client in cell 3, and optionally more cells after. */
export function protocolNotebook(...more: string[]): NotebookProgram {
  return notebookOf([{ index: 1, source: messagesCell }, { index: 3, source: clientCell }, ...more.map((source, i) => ({ index: 4 + i, source }))]);
}

/** The position just after the first `marker` in `source` (or at its start with `atStart`). */
export function positionAfter(source: string, marker: string, atStart = false): CellPosition {
  const at = source.indexOf(marker);
  if (at < 0) throw new Error(`${JSON.stringify(marker)} is not in the cell`);
  const offset = atStart ? at : at + marker.length;
  const before = source.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
