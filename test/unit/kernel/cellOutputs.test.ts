import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exploreReplayed as explore } from '../check/explore/printedReplay';
import { check } from '../../../src/check/modelCheck/check';
import { MIME } from '../../../src/common/kernelMessages';
import { decodeValue, encodeValue } from '../../../src/common/valueEncoding';
import type { JsonValue } from '../../../src/common/traceFormat';
import { shownValue, toCellOutputs as outputsOfShown } from '../../../src/kernel/cellOutputs';
import { Account, bank } from '../../fixtures/protocols/bank';
import { pingPong } from '../../fixtures/protocols/pingPong';
import { twoPhaseCommit } from '../../fixtures/protocols/twoPhaseCommit';
import { togglerConfig } from '../../fixtures/protocols/toggler';
import { CHECK_BRAND } from '../../../src/check/explore/resultText';

/** What a cell's value becomes after the sandbox turned it into tagged JSON. */
const toCellOutputs = (value: unknown) => outputsOfShown(shownValue({ json: encodeValue(value) }));

describe('toCellOutputs', () => {
  it('shows an explore() result as its report, and keeps the whole result as data', () => {
    const result = explore(bank(Account), { seeds: 40, maxShrinkRuns: 30 });
    const [output] = toCellOutputs(result);
    assert.equal(output.mime, MIME.value);
    assert.deepEqual(JSON.parse(JSON.stringify(decodeValue(output.data as JsonValue))), JSON.parse(JSON.stringify(result)), 'the data is the result');
    const [headline, failure, shrunk, replay] = output.text.split('\n');
    assert.match(headline, /^explore 40\/40 seeds: FAILED — 1 property/);
    assert.match(failure, /^ {2}✗ .+ — \d+ seeds \(\d+(, \d+)*(, …)?\): /);
    assert.match(shrunk, /^ {4}shrunk: seed \d+, /);
    assert.match(replay, /^ {4}replay: simulate\(\{ \.\.\.config, /);
  });

  it("draws an explore() result's first shrunk counterexample as a chart after the report", () => {
    const result = explore(bank(Account), { seeds: 40, maxShrinkRuns: 30 });
    const outputs = toCellOutputs(result);
    assert.deepEqual(outputs.map((o) => o.mime), [MIME.value, MIME.run]);
    const failure = result.failures[0];
    assert.equal((outputs[1].data as { seed: number }).seed, failure.counterexample?.replay.seed);
    assert.match(outputs[1].markdown ?? '', new RegExp(`^\\*\\*shrunk counterexample of ${failure.property}: simulation \\(seed \\d+\\): 1 of \\d+ propert(y|ies) violated\\*\\*`));
    assert.deepEqual(toCellOutputs(explore(bank(Account), { seeds: 40, shrink: false })).map((o) => o.mime), [MIME.value], 'no chart without a counterexample');
  });

  it('shows a check() result as its report', () => {
    const [output, ...more] = toCellOutputs(check(twoPhaseCommit(3), {}));
    assert.deepEqual(more, []);
    assert.equal(output.mime, MIME.value);
    assert.match(output.text, /^check: ok — 575 states \(\d+ explored\), depth 9/);
  });

  it("draws a failed check()'s first counterexample as a chart after the report, naming it, its length and a lasso's loop", () => {
    const result = check(twoPhaseCommit(3, { commitAfter: 2 }), {});
    const verdict = result.verdicts.find((v) => v.status === 'fail');
    assert.ok(verdict?.counterexample);
    const outputs = toCellOutputs(result);
    assert.deepEqual(outputs.map((o) => o.mime), [MIME.value, MIME.run]);
    const steps = verdict.counterexample.steps.length;
    assert.match(outputs[1].markdown ?? '', new RegExp(`^\\*\\*counterexample of consistent found by check\\(\\) \\(${steps} steps\\): simulation \\(seed \\d+\\): 1 of 1 property violated\\*\\*`));
    assert.deepEqual((outputs[1].data as { trace: { events: unknown[] } }).trace.events.length, verdict.counterexample.run.trace.events.length, 'the chart is the replayed run');
    // The replay judges every property on its one path; the chart keeps only the counterexample's own verdict.
    const both = check(twoPhaseCommit(3, { commitAfter: 2, liveness: true }), {});
    const drawn = toCellOutputs(both)[1].data as { verdicts: { name: string; status: string }[]; trace: { properties: { name: string; status: string }[] } };
    assert.deepEqual(drawn.verdicts.map((v) => [v.name, v.status]), [['consistent', 'fail'], ['all decided', 'unknown']]);
    assert.deepEqual(drawn.trace.properties.map((v) => [v.name, v.status]), [['consistent', 'fail'], ['all decided', 'unknown']]);
    assert.notEqual(both.verdicts.find((v) => v.name === 'consistent')?.counterexample?.run.verdicts.find((v) => v.name === 'all decided')?.status, 'unknown', 'the result itself is left as it is');
    const lasso = toCellOutputs(check(togglerConfig));
    assert.deepEqual(lasso.map((o) => o.mime), [MIME.value, MIME.run]);
    assert.match(lasso[1].markdown ?? '', /^\*\*lasso of .+ found by check\(\) \(2 steps, from step 1 on repeating forever\): simulation/);
  });

  it('draws no chart for a check() that passed or is bounded, nor for a value that only claims to be a failed check()', () => {
    assert.equal(toCellOutputs(check(twoPhaseCommit(3), { depth: 3 })).length, 1);
    const forged = { kind: CHECK_BRAND, ok: false, verdicts: [{ name: 'x', status: 'fail', counterexample: { kind: 'path', steps: [], run: { kind: 'protocol-notebook/run', trace: 'not a trace' } } }] };
    const outputs = toCellOutputs(forged);
    assert.deepEqual(outputs.map((o) => o.mime), [MIME.value]);
    assert.deepEqual(toCellOutputs({ kind: CHECK_BRAND, verdicts: 'none' }).map((o) => o.mime), [MIME.value]);
  });

  it('shows the coverage of an explore() result, and of a check() that counted it, under the report', () => {
    const swept = toCellOutputs(explore(pingPong(), { seeds: 5 }))[0].text.split('\n');
    assert.match(swept[1], /^ {2}coverage: longest run \d+ events \(seed 1\); judged one ping in 5 runs, settles in 5 runs$/);
    assert.equal(swept.at(-1), '  never ran: Pinger.timer:retry, Ponger.never');
    const checked = toCellOutputs(check(pingPong(), { coverage: true }))[0].text.split('\n');
    assert.deepEqual(checked.slice(-3), ['    Ponger.never           0           0', '    Ponger.ping            1           1', '  never ran: Pinger.timer:retry, Ponger.never']);
  });
});
