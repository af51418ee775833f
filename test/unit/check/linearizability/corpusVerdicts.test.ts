/**
 * Every history of the Jepsen corpus gets its known verdict: the 102 etcd
 * register histories (expected.json leaves out the empty etcd_095), and the
 * key–value histories split per key and whole.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkHistory, type LinearizabilityResult } from '../../../../src/check/linearizability';
import { readHistoryText } from '../../../../src/cli/historyFormats';
import { corpusText, readCorpus } from './corpusFiles';

const corpus = readCorpus();
const verdictOf = (linearizable: boolean) => (linearizable ? 'linearizable' : 'not-linearizable');

describe('the Jepsen etcd corpus (one register)', () => {
  const entries = corpus.etcd.filter((e) => !e.file.endsWith('etcd_095.log'));

  it('lists 102 non-empty histories, 23 of them linearizable', () => {
    assert.equal(entries.length, 102);
    assert.equal(entries.filter((e) => e.linearizable).length, 23);
  });

  it('gives every history its expected verdict, with an explanation for each failure', () => {
    const wrong: string[] = [];
    for (const entry of entries) {
      const { history } = readHistoryText(corpusText(entry.file), entry.file);
      const result = checkHistory(history, 'register');
      if (result.verdict !== verdictOf(entry.linearizable)) wrong.push(`${entry.file}: ${result.verdict}`);
      if (result.verdict === 'not-linearizable') assertExplained(result, history.length);
    }
    assert.deepEqual(wrong, []);
  });
});

describe('the Jepsen key–value corpus', () => {
  for (const entry of corpus.kv) {
    const split = entry.partitionByKey !== false;
    it(`${entry.file} ${split ? 'split per key' : 'as a whole'}: ${verdictOf(entry.linearizable)}`, () => {
      const { history } = readHistoryText(corpusText(entry.file), entry.file);
      const result = checkHistory(history, 'kv', { noPartition: !split });
      assert.equal(result.verdict, verdictOf(entry.linearizable));
      if (split) assert.ok(result.partitions.length > 1, 'split into one partition per key');
      else assert.equal(result.partitions.length, 1);
      if (result.verdict === 'not-linearizable') assertExplained(result, history.length);
    });
  }
});

/** The explanation names real operations of the failing partition, and the prefix leaves out the one that cannot be placed. */
function assertExplained(result: LinearizabilityResult, historyLength: number): void {
  const explanation = result.explanation;
  assert.ok(explanation, 'a failure comes with an explanation');
  const partition = result.partitions[explanation.partition];
  assert.equal(partition.verdict, 'not-linearizable');
  const inPartition = new Set(partition.operations);
  assert.ok(explanation.cannotPlace >= 0 && explanation.cannotPlace < historyLength);
  assert.ok(inPartition.has(explanation.cannotPlace));
  assert.ok(explanation.candidates.includes(explanation.cannotPlace));
  assert.ok(explanation.longestPrefix.every((op) => inPartition.has(op) && !explanation.candidates.includes(op)));
}
