import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { type AnalysisPrograms, answerAnalysisRequest } from '../../../../src/analysis/analysisRequests';
import { clientCell, messagesCell, positionAfter } from './notebookFixture';

const cells = [{ index: 1, source: messagesCell }, { index: 3, source: clientCell }];

describe('language feature requests to the analysis service', () => {
  it('are answered from the program the idempotency analysis uses', () => {
    const programs: AnalysisPrograms = new Map();
    const findings = answerAnalysisRequest(programs, { id: 1, kind: 'findings', notebook: 'nb', cells });
    assert.equal(findings.kind, 'findings');
    const program = programs.get('nb');
    const position = positionAfter(clientCell, 'account: Acc');
    const answer = answerAnalysisRequest(programs, { id: 2, kind: 'language-feature', notebook: 'nb', cells, query: { feature: 'definitions', cellIndex: 3, position } });
    assert.deepEqual(answer, {
      id: 2,
      kind: 'language-feature',
      answer: { feature: 'definitions', result: [{ kind: 'cell', cellIndex: 1, range: { start: { line: 5, character: 6 }, end: { line: 5, character: 13 } } }] },
    });
    assert.equal(programs.size, 1);
    assert.equal(programs.get('nb'), program, 'one program per notebook serves both');
  });

  it('carry the cells, so an edit is seen by the next query', () => {
    const programs: AnalysisPrograms = new Map();
    const edited = [...cells, { index: 4, source: "const wrong: Msg = { type: 'deposit', id: 'a', amount: 'ten' };" }];
    const answer = answerAnalysisRequest(programs, { id: 1, kind: 'language-feature', notebook: 'nb', cells: edited, query: { feature: 'type-diagnostics' } });
    assert.ok(answer.kind === 'language-feature' && answer.answer.feature === 'type-diagnostics');
    assert.deepEqual(answer.answer.result.map((d) => [d.cellIndex, d.code]), [[4, 2322]]);
  });
});
