/**
 * The outcome each notebook states it demonstrates, read from the notebook
 * itself: an HTML comment right after a code cell (invisible when the
 * Markdown is rendered, next to the prose that explains it) lists, for each
 * simulation, explore() or check() the cell shows, in order, what every
 * property must come to:
 *
 *     <!-- expect
 *     simulate:
 *       ✓ all nodes decide alike (agreement)
 *       ✗ every live node decides (termination) — not reached when the run ended
 *       ⚠ Account.deposit
 *     explore:
 *       ✗ the generals attack together
 *     -->
 *
 * `✓` pass, `✗` fail (for explore: some seed broke it), `?` unknown (check
 * only), `⚠ Kind.handler` an idempotency finding of a simulation. Text after
 * ` — ` must occur in the verdict's message. Every property of a result is
 * listed, so a property that appears, disappears or changes verdict fails
 * the test; so does a result without an expectation.
 */
import { parseNotebookText } from '../../../src/document';
import { notebookCells } from '../../../src/kernel/notebookFile';

export type ResultKind = 'simulate' | 'explore' | 'check';

export interface ExpectedVerdict {
  name: string;
  status: 'pass' | 'fail' | 'unknown';
  /** Text the verdict's message must contain. */
  messageIncludes?: string;
}

/** What one result of a cell must show. */
export interface ExpectedResult {
  kind: ResultKind;
  verdicts: ExpectedVerdict[];
  /** Handlers an idempotency finding must name (simulate only), exactly these. */
  notIdempotent: string[];
}

/** The expectations of one code cell. */
export interface CellExpectations {
  /** 1-based file line of the cell's first source line (the `line` of the CLI's report). */
  line: number;
  results: ExpectedResult[];
}

const MARKS: Record<string, ExpectedVerdict['status']> = { '✓': 'pass', '✗': 'fail', '?': 'unknown' };
const OPENING = /^\s*<!--\s*expect\s*\n([\s\S]*?)-->/;

/** Every code cell of a notebook with what it must show (an empty list: no result at all). */
export function notebookExpectations(text: string): CellExpectations[] {
  const parsed = parseNotebookText(text);
  const { cells, firstLineOf } = notebookCells(text);
  return cells.map((cell) => {
    const next = parsed.cells[cell.index + 1];
    const block = next?.kind === 'markdown' ? OPENING.exec(next.source) : null;
    const line = firstLineOf(cell.index) + 1;
    return { line, results: block ? parseBlock(block[1], line) : [] };
  });
}

function parseBlock(body: string, cellLine: number): ExpectedResult[] {
  const results: ExpectedResult[] = [];
  for (const raw of body.split('\n')) {
    const text = raw.trim();
    if (!text) continue;
    const header = /^(simulate|explore|check):$/.exec(text);
    if (header) {
      results.push({ kind: header[1] as ResultKind, verdicts: [], notIdempotent: [] });
      continue;
    }
    const current = results.at(-1);
    if (!current) throw new Error(`cell at line ${cellLine}: an expectation line before any "simulate:", "explore:" or "check:" header: ${text}`);
    if (text.startsWith('⚠ ')) {
      current.notIdempotent.push(text.slice(2).trim());
      continue;
    }
    const status = MARKS[text[0]];
    if (!status || text[1] !== ' ') throw new Error(`cell at line ${cellLine}: an expectation starts with ✓, ✗, ? or ⚠ and a space: ${text}`);
    const [name, messageIncludes] = text.slice(2).split(' — ');
    current.verdicts.push({ name: name.trim(), status, ...(messageIncludes ? { messageIncludes: messageIncludes.trim() } : {}) });
  }
  if (results.length === 0) throw new Error(`cell at line ${cellLine}: an expect comment with no result in it`);
  return results;
}
