// A bug about twenty steps deep (Paxos with volatile acceptors) is out of
// breadth-first reach within a small state budget, and a random walk finds
// it; the same walks on durable acceptors report nothing, and never a pass.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../../src/check/modelCheck/check';
import { paxos } from '../../../fixtures/protocols/paxos';

describe('check: a deep bug', () => {
  it('breadth-first search within 50,000 states finds nothing and says unknown', () => {
    const result = check(paxos('volatile'), { crashes: 1, maxStates: 50_000 });
    assert.equal(result.stoppedBy, 'states');
    assert.equal(result.verdicts.find((v) => v.name === 'one value is chosen')?.status, 'unknown');
  });

  it('random walks find the two chosen values within the same budget, and the counterexample replays', () => {
    const result = check(paxos('volatile'), { crashes: 1, maxStates: 50_000, strategy: 'random-walk', walks: 1000, seed: 0 });
    const verdict = result.verdicts.find((v) => v.name === 'one value is chosen');
    assert.equal(verdict?.status, 'fail');
    assert.ok(verdict?.counterexample?.steps.some((s) => /^crash a/.test(s)), 'an acceptor crash is part of it');
    assert.ok(verdict?.counterexample?.steps.some((s) => /^restart a/.test(s)));
    assert.equal(verdict?.counterexample?.run.verdicts.find((v) => v.name === 'one value is chosen')?.status, 'fail');
  });

  it('the same walks over durable acceptors find nothing, and the verdict is unknown, not a pass', () => {
    const result = check(paxos('durable'), { crashes: 1, strategy: 'random-walk', walks: 1000, seed: 0 });
    assert.equal(result.ok, true);
    assert.deepEqual(result.verdicts.map((v) => v.status), ['unknown', 'unknown']);
  });
});
