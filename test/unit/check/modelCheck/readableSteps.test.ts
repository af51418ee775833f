// A check() counterexample is read in CI logs: each step shows the message's
// contents, and a delivery to a crashed node says that it was dropped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, eventually, node, type NodeDefinition } from '../../../../src/api/index';

type Msg = { type: 'ping'; n: number; from: string };

const Pinger = node<{ got: boolean }, Msg>({
  init: () => ({ got: false }),
  start(_state, ctx) {
    if (ctx.self === 'a') ctx.send('b', { type: 'ping', n: 7, from: 'a' });
  },
  on: {
    ping(state, _msg, ctx) {
      state.got = true;
      ctx.effect('got');
    },
  },
});

describe('check: readable steps', () => {
  it('shows message contents and says a delivery to a crashed node was dropped', () => {
    const result = check({ nodes: { a: Pinger as NodeDefinition, b: Pinger as NodeDefinition }, properties: { 'b hears a': eventually((w) => w.effects.length > 0) } }, { crashes: 1, restart: false });
    const verdict = result.verdicts.find((v) => v.name === 'b hears a');
    assert.equal(verdict?.status, 'fail');
    assert.deepEqual(verdict?.counterexample?.steps, ['crash b', 'deliver ping{n: 7, from: "a"} a→b (dropped: b is crashed)']);
  });
});
