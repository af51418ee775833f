import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explore } from '../../../src/check/explore/explore';
import { check } from '../../../src/check/modelCheck/check';
import { MIME } from '../../../src/common/kernelMessages';
import { decodeValue } from '../../../src/common/valueEncoding';
import type { JsonValue } from '../../../src/common/traceFormat';
import { toCellOutput } from '../../../src/kernel/cellOutputs';
import { Account, bank } from '../../fixtures/protocols/bank';
import { twoPhaseCommit } from '../../fixtures/protocols/twoPhaseCommit';

describe('toCellOutput', () => {
  it('shows an explore() result as its report, and keeps the whole result as data', () => {
    const result = explore(bank(Account), { seeds: 40, maxShrinkRuns: 30 });
    const output = toCellOutput(result);
    assert.equal(output.mime, MIME.value);
    assert.deepEqual(JSON.parse(JSON.stringify(decodeValue(output.data as JsonValue))), JSON.parse(JSON.stringify(result)), 'the data is the result');
    const [headline, failure, shrunk, replay] = output.text.split('\n');
    assert.match(headline, /^explore 40\/40 seeds: FAILED — 1 property/);
    assert.match(failure, /^ {2}✗ .+ — \d+ seeds \(\d+(, \d+)*(, …)?\): /);
    assert.match(shrunk, /^ {4}shrunk: seed \d+, /);
    assert.match(replay, /^ {4}replay: simulate\(\{ \.\.\.config, /);
  });

  it('shows a check() result as its report', () => {
    const output = toCellOutput(check(twoPhaseCommit(3), {}));
    assert.equal(output.mime, MIME.value);
    assert.match(output.text, /^check: ok — 575 states \(\d+ explored\), depth 9/);
  });
});
