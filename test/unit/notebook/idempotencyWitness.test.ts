import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../../src/api/index';
import type { IdempotencyFinding } from '../../../src/analysis/idempotency/finding';
import { runEvidenceOf, type RunEvidence } from '../../../src/notebook/idempotencyWitnessEvidence';
import { rankFindings } from '../../../src/notebook/idempotencyWitnessMerge';
import { Account, DedupAccount, depositor } from '../engine/protocols';

/** A run as the kernel posts it: plain data, with the handlers' cells and lines in the trace. */
function postedRun(run: ReturnType<typeof simulate>, handlers: { kind: string; handler: string; cell: number; line: number; column: number }[]): unknown {
  const data = structuredClone({ ...run }) as { trace: { handlers?: unknown } };
  data.trace.handlers = handlers;
  return data;
}

function staticFinding(cellIndex: number, handlerLine: number, nodeName = 'Account', messageType = 'deposit'): IdempotencyFinding {
  const at = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 30 } });
  return {
    cellIndex,
    range: at(handlerLine + 1),
    message: 'a duplicate `deposit` adds `msg.amount` to `balance` again',
    code: 'non-idempotent-handler',
    nodeKind: 'compound-assignment',
    handler: { nodeName, messageType },
    handlerRange: { cellIndex, range: at(handlerLine) },
    related: [],
  };
}

test('a run that shows a handler not idempotent yields the witness at the handler\'s cell and line', () => {
  const run = simulate({ nodes: { account: Account, client: depositor(3) }, seed: 1 });
  const evidence = runEvidenceOf(postedRun(run, [{ kind: 'Account', handler: 'deposit', cell: 1, line: 6, column: 4 }]));
  assert.ok(evidence);
  assert.equal(evidence.seed, 1);
  assert.equal(evidence.witnesses.length, 1);
  const [witness] = evidence.witnesses;
  assert.match(witness!.witness, /^delivering `deposit` #\d+ twice changed `balance` from 1 to 2 — seed 1, t=\d+/);
  assert.deepEqual(witness!.place, { cell: 1, line: 6, column: 4 });
  assert.equal(run.trace.events.find((e) => e.i === witness!.event)?.kind, 'deliver');
  assert.deepEqual(evidence.heldUp.filter((h) => h.msgType === 'deposit'), [], 'a refuted handler did not hold up');
});

test('a run whose replays all held up says how many it replayed', () => {
  const run = simulate({ nodes: { account: DedupAccount, client: depositor(4) }, seed: 3 });
  const evidence = runEvidenceOf(postedRun(run, []));
  assert.ok(evidence);
  assert.deepEqual(evidence.witnesses, []);
  const deposit = evidence.heldUp.find((h) => h.msgType === 'deposit');
  assert.equal(deposit?.replays, 4);
  assert.equal(deposit?.place, undefined, 'no location when the trace has none');
});

test('outputs that are not runs, or runs with the check off, carry no evidence', () => {
  assert.equal(runEvidenceOf(42), undefined);
  assert.equal(runEvidenceOf({ kind: 'something else' }), undefined);
  assert.equal(runEvidenceOf(postedRun(simulate({ nodes: { account: Account, client: depositor(2) }, idempotency: false }), [])), undefined);
});

test('a static warning on a handler a run found idempotent becomes a hint that says why', () => {
  const runs: RunEvidence[] = [{ seed: 7, witnesses: [], heldUp: [{ nodeKind: 'Account', msgType: 'deposit', replays: 12, place: { cell: 2, line: 5, column: 4 } }] }];
  const [ranked] = rankFindings([staticFinding(2, 5)], runs);
  assert.equal(ranked!.severity, 'hint');
  assert.equal(ranked!.message, 'a duplicate `deposit` adds `msg.amount` to `balance` again (but the run with seed 7 replayed 12 deliveries twice and saw no change)');
});

test('the handler is matched by where it is: another line or cell, or another message type, keeps its warning', () => {
  const runs: RunEvidence[] = [{ seed: 1, witnesses: [], heldUp: [{ nodeKind: 'Account', msgType: 'deposit', replays: 3, place: { cell: 2, line: 5, column: 4 } }] }];
  assert.deepEqual(
    rankFindings([staticFinding(2, 9), staticFinding(3, 5), staticFinding(2, 5, 'Account', 'withdraw')], runs).map((r) => r.severity),
    ['warning', 'warning', 'warning'],
  );
  const unplaced: RunEvidence[] = [{ seed: 1, witnesses: [], heldUp: [{ nodeKind: 'Account', msgType: 'deposit', replays: 3 }] }];
  assert.deepEqual(rankFindings([staticFinding(0, 1), staticFinding(0, 1, 'Ledger')], unplaced).map((r) => r.severity), ['hint', 'warning'], 'without a place, by name');
});

test('a witness from any run keeps the warning, even when another run saw no change', () => {
  const place = { cell: 1, line: 2, column: 4 };
  const runs: RunEvidence[] = [
    { seed: 1, witnesses: [], heldUp: [{ nodeKind: 'Account', msgType: 'deposit', replays: 64, place }] },
    { seed: 2, witnesses: [{ nodeKind: 'Account', msgType: 'deposit', witness: 'delivering `deposit` #3 twice …', event: 9, place }], heldUp: [] },
  ];
  const [ranked] = rankFindings([staticFinding(1, 2)], runs);
  assert.equal(ranked!.severity, 'warning');
  assert.equal(ranked!.message, 'a duplicate `deposit` adds `msg.amount` to `balance` again');
  assert.deepEqual(rankFindings([staticFinding(1, 2)], []).map((r) => r.severity), ['warning'], 'no run, no change');
});
