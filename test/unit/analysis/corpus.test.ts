// The labelled corpus (test/fixtures/handlers) and the held-out handlers
// (test/fixtures/handlers/holdout): every handler is classified as its label
// says, each finding is on a line marked `// ⚠`, and the precision and recall
// of each set are reported (and held to 90%).
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { idempotencyFindings } from '../../../src/analysis/idempotency/idempotencyFindings';
import type { IdempotencyFinding } from '../../../src/analysis/idempotency/finding';
import { createNotebookProgram } from '../../../src/analysis/notebookProgram';
import { corpusDirectory, type Fixture, holdoutDirectory, type LabelledHandler, loadCorpus } from './corpusFixtures';

const corpus = loadCorpus();
const program = createNotebookProgram();

function fileLine(fixture: Fixture, cellIndex: number, line: number): number {
  const cell = fixture.cells.find((c) => c.index === cellIndex);
  assert.ok(cell, `cell ${cellIndex} exists`);
  return cell.firstLine + line;
}

function findingsOf(fixture: Fixture, handler: LabelledHandler, findings: IdempotencyFinding[]): IdempotencyFinding[] {
  return findings.filter((f) => fileLine(fixture, f.handlerRange.cellIndex, f.handlerRange.range.start.line) === handler.line);
}

for (const [setName, directory] of [['corpus', corpusDirectory], ['held-out handlers', holdoutDirectory]] as const) {
  describe(`idempotency ${setName}`, () => {
    const tally = { truePositive: 0, falsePositive: 0, falseNegative: 0, trueNegative: 0 };
    for (const fixture of loadCorpus(directory)) {
      describe(fixture.file, () => {
        program.update(fixture.cells);
        const findings = idempotencyFindings(program);
        for (const handler of fixture.handlers) {
          const label = handler.idempotent ? 'idempotent' : 'not idempotent';
          it(`${handler.name} (line ${handler.line + 1}) is ${label}`, () => {
            const mine = findingsOf(fixture, handler, findings);
            const flagged = mine.length > 0;
            if (handler.idempotent) tally[flagged ? 'falsePositive' : 'trueNegative']++;
            else tally[flagged ? 'truePositive' : 'falseNegative']++;
            assert.equal(flagged, !handler.idempotent, mine.map((f) => f.message).join('\n') || 'no finding');
            const lines = mine.map((f) => fileLine(fixture, f.cellIndex, f.range.start.line));
            for (const expected of handler.expectedLines) assert.ok(lines.includes(expected), `a finding on line ${expected + 1} (found on ${lines.map((l) => l + 1).join(', ')})`);
            for (const line of lines) assert.ok(handler.expectedLines.includes(line), `finding on line ${line + 1} is on a line marked ⚠`);
          });
        }
      });
    }

    after(() => {
      const { truePositive: tp, falsePositive: fp, falseNegative: fn, trueNegative: tn } = tally;
      const precision = tp / (tp + fp);
      const recall = tp / (tp + fn);
      console.log(`idempotency ${setName}: ${tp + fp + fn + tn} handlers, precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}% (tp ${tp}, fp ${fp}, fn ${fn}, tn ${tn})`);
      assert.ok(precision >= 0.9, `precision ${precision}`);
      assert.ok(recall >= 0.9, `recall ${recall}`);
    });
  });
}

describe('idempotency corpus size', () => {
  it('has at least 40 labelled handlers, both kinds well represented', () => {
    const handlers = corpus.flatMap((f) => f.handlers);
    assert.ok(handlers.length >= 40, `${handlers.length} handlers`);
    assert.ok(handlers.filter((h) => h.idempotent).length >= 15);
    assert.ok(handlers.filter((h) => !h.idempotent).length >= 15);
  });
});
