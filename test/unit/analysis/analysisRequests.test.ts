import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { type AnalysisPrograms, answerAnalysisRequest } from '../../../src/analysis/analysisRequests';

const cells = [
  { index: 0, source: "import { node } from 'protocol-notebook';\ntype Msg = { type: 'hit'; id: string };" },
  { index: 1, source: 'export const C = node<{ n: number }, Msg>({\n  init: () => ({ n: 0 }),\n  on: { hit(state) { state.n++; } },\n});' },
];

describe('analysisRequests', () => {
  it('answers findings and quick fixes for a notebook, and forgets it when closed', () => {
    const programs: AnalysisPrograms = new Map();
    const findings = answerAnalysisRequest(programs, { id: 1, kind: 'findings', notebook: 'a', cells });
    assert.equal(findings.kind, 'findings');
    assert.deepEqual(findings.kind === 'findings' && findings.findings.map((f) => f.message), ['a duplicate `hit` increments `n` again']);
    const handlerRange = findings.kind === 'findings' ? findings.findings[0].handlerRange : undefined;
    assert.ok(handlerRange);
    const fix = answerAnalysisRequest(programs, { id: 2, kind: 'quick-fix', notebook: 'a', cells, handlerRange, fix: 'ignore-handler' });
    assert.deepEqual(fix, { id: 2, kind: 'quick-fix', edits: [{ cellIndex: 1, range: { start: { line: 2, character: 8 }, end: { line: 2, character: 8 } }, newText: '// protocol-notebook: idempotent\n  ' }] });
    assert.equal(programs.size, 1);
    assert.deepEqual(answerAnalysisRequest(programs, { id: 3, kind: 'close', notebook: 'a' }), { id: 3, kind: 'closed' });
    assert.equal(programs.size, 0);
  });

  it('answers no edits for a handler that is not in the notebook', () => {
    const programs: AnalysisPrograms = new Map();
    const bad = { index: 0, source: 'x' };
    const response = answerAnalysisRequest(programs, { id: 4, kind: 'quick-fix', notebook: 'b', cells: [bad], handlerRange: { cellIndex: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, fix: 'dedupe-in-memory' });
    assert.deepEqual(response, { id: 4, kind: 'quick-fix', edits: [] });
  });

  it('answers a dedupe request without edits and with the reason when the messages have no id', () => {
    const programs: AnalysisPrograms = new Map();
    const noId = [{ index: 0, source: cells[0].source.replace('; id: string', '') }, cells[1]];
    const findings = answerAnalysisRequest(programs, { id: 5, kind: 'findings', notebook: 'c', cells: noId });
    const handlerRange = findings.kind === 'findings' ? findings.findings[0].handlerRange : undefined;
    assert.ok(handlerRange);
    for (const fix of ['dedupe-in-memory', 'dedupe-durably'] as const) {
      const response = answerAnalysisRequest(programs, { id: 6, kind: 'quick-fix', notebook: 'c', cells: noId, handlerRange, fix });
      assert.ok(response.kind === 'quick-fix');
      assert.deepEqual(response.edits, []);
      assert.match(response.unavailable ?? '', /^`hit` messages have no `id` field to deduplicate by/);
    }
  });
});
