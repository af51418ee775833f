import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exploreReplayed as explore } from './printedReplay';
import { junitReport } from '../../../../src/check/explore/junitReport';
import { mergeExploreResults } from '../../../../src/check/explore/mergeResults';
import { mergeSweepReports, parseSweepReport, sweepReport } from '../../../../src/check/explore/sweepReport';
import { check } from '../../../../src/check/modelCheck/check';
import { Account, bank } from '../../../fixtures/protocols/bank';
import { twoPhaseCommit } from '../../../fixtures/protocols/twoPhaseCommit';

describe('sweep reports: merging shards, JUnit', () => {
  const shards = [1, 2, 3].map((index) => explore(bank(Account), { seeds: 24, shard: { index, count: 3 }, maxShrinkRuns: 60 }));
  const whole = explore(bank(Account), { seeds: 24, maxShrinkRuns: 60 });

  it('merges shard results into the whole sweep\'s result, in any order', () => {
    const merged = mergeExploreResults(shards);
    const reversed = mergeExploreResults([...shards].reverse());
    assert.equal(merged.seedsRun, 24);
    assert.deepEqual(merged.failures.map((f) => [f.property, f.seeds]), whole.failures.map((f) => [f.property, f.seeds]));
    assert.deepEqual(merged.failures[0].counterexample?.replay, whole.failures[0].counterexample?.replay, 'the smallest failing seed\'s counterexample');
    assert.deepEqual(reversed.failures, merged.failures);
    assert.equal(merged.ok, whole.ok);
  });

  it('round-trips reports through JSON and merges them by cell position', () => {
    const reports = shards.map((result, k) => sweepReport('explore', 'bank.protocol.md', [{ index: k + 1, count: 3 }], [{ line: 10, ordinal: 0, result }], []));
    const parsed = reports.map((r, k) => parseSweepReport(JSON.stringify(r), `shard${k}.json`));
    const merged = mergeSweepReports(parsed);
    assert.equal(merged.ok, false);
    assert.deepEqual(merged.shards.map((s) => s.index), [1, 2, 3]);
    assert.equal(merged.entries.length, 1);
    assert.throws(() => parseSweepReport('{"format":"other"}', 'x.json'), /not a protocol-notebook explore\/check report/);
    assert.throws(() => parseSweepReport('nope', 'x.json'), /x\.json is not JSON/);
  });

  it('writes one JUnit test case per property, failures with their seeds and replay, escaped', () => {
    const checked = check(twoPhaseCommit(3, { commitAfter: 2 }));
    const report = sweepReport('explore', 'a<b>.protocol.md', [], [{ line: 3, ordinal: 0, result: whole }, { line: 9, ordinal: 0, result: checked }], [{ line: 20, name: 'TypeError', message: 'x is "undefined"' }]);
    const xml = junitReport(report);
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    assert.match(xml, /<testsuite name="a&lt;b&gt;\.protocol\.md:3 explore" tests="1" failures="1"/);
    assert.match(xml, /<testcase classname="a&lt;b&gt;\.protocol\.md:3 explore" name="no double credit">\s*<failure message="[^"]+">failing seeds \(\d+\): /);
    assert.match(xml, /shrunk counterexample: simulate/);
    assert.match(xml, /name="consistent">\s*<failure message="the predicate became false">path of 6 steps:/);
    assert.match(xml, /<error message="TypeError: x is &quot;undefined&quot;"\/>/);
  });
});
