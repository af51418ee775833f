// An explore() counterexample reads in a CI log: its report carries a compact
// timeline, one line per event in Lamport order, with message contents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exploreText } from '../../../../src/check/explore/resultText';
import { traceTimeline } from '../../../../src/check/explore/traceTimeline';
import { blockingCommit } from '../../../fixtures/protocols/blockingCommit';
import { exploreReplayed as explore } from './printedReplay';

describe('explore: text timeline of a counterexample', () => {
  const result = explore(blockingCommit(8), { seeds: 2 });
  const trace = result.failures[0].counterexample?.run.trace;

  it('lists every event of a short run, one line each, in Lamport order', () => {
    assert.ok(trace);
    const lines = traceTimeline(trace, 10_000);
    assert.equal(lines.length, trace.events.length);
    const clocks = lines.filter((l) => !/ violation of /.test(l)).map((l) => Number(/^L(\d+) /.exec(l)?.[1]));
    assert.deepEqual(clocks, [...clocks].sort((a, b) => a - b));
    assert.ok(lines.some((l) => / tm +crash$/.test(l)), 'the crash that caused the failure');
    assert.ok(lines.some((l) => /p1 +deliver prepare #\d+ from tm$/.test(l)));
    assert.ok(lines.some((l) => /p1 +send vote\{yes: true\} #\d+ → tm$/.test(l)));
  });

  it('keeps the start and the end of a long run, and says how much it left out', () => {
    assert.ok(trace && trace.events.length > 30);
    const lines = traceTimeline(trace, 30);
    assert.equal(lines.length, 31);
    assert.match(lines[10], new RegExp(`^… ${trace.events.length - 30} events left out …$`));
    assert.ok(lines.slice(11).some((l) => /violation of 'participants decide': p1, p2, p3 never decided/.test(l)), 'the failure, near the end');
  });

  it('is printed under the shrunk counterexample by the command line (a cell draws the chart instead)', () => {
    assert.ok(!exploreText(result).some((l) => l.startsWith('    timeline (')));
    const text = exploreText(result, { timeline: true });
    const at = text.findIndex((l) => l.startsWith('    timeline ('));
    assert.ok(at > 0, text.join('\n'));
    assert.match(text[at], /^ {4}timeline \(\d+ events, Lamport order\):$/);
    assert.match(text[at + 1], /^ {6}L\d+ t=\d+ /);
  });
});
