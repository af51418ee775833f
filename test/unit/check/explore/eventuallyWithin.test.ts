/**
 * `eventually(p, { within })`: liveness after the faults stop. A joiner cut
 * off from its host for the whole run is welcomed within 50 of the heal when
 * it retries, never when it does not, and a run that ends before the deadline
 * says so.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually, node, simulate, type PropertyVerdict } from '../../../../src/api/index';
import { joinConfig, WELCOMED } from '../../../fixtures/protocols/joiner';

const verdict = (retry: number | undefined, extra: Parameters<typeof joinConfig>[1] = {}): PropertyVerdict => simulate(joinConfig(retry, extra)).verdicts[0];

describe('eventually(p, { within })', () => {
  it('passes for a protocol that converges after the heal, and fails for it without one', () => {
    assert.deepEqual(verdict(10, { healAt: 200 }), { name: WELCOMED, kind: 'eventually', status: 'pass' });
    const unhealed = verdict(10);
    assert.equal(unhealed.status, 'fail');
    assert.equal(unhealed.message, 'not reached within 50 of the start of the run (the run ended at t=400)');
  });

  it('fails for a protocol that never converges, pointing at the first step past the deadline', () => {
    const result = simulate(joinConfig(undefined, { healAt: 200 }));
    const v = result.verdicts[0];
    assert.equal(v.status, 'fail');
    assert.equal(v.message, 'not reached within 50 after the network healed at t=200 (the run ended at t=400)');
    assert.equal(v.at, 300, "the host's heartbeat at t=300 is the first step past t=250");
    assert.equal(result.trace.events.find((e) => e.i === v.violatingEvent)?.t, 300);
  });

  it('fails a run that ends before the deadline as too short to tell, and passes one that reached it already', () => {
    assert.deepEqual(verdict(undefined, { healAt: 200, until: 230 }), {
      name: WELCOMED,
      kind: 'eventually',
      status: 'fail',
      violatingEvent: 11,
      at: 230,
      message: 'the run ended too early to tell: it ended at t=230, before the deadline t=250 (50 after the network healed at t=200), not reached by then; run until at least t=250',
    });
    assert.match(verdict(10, { healAt: 200, until: 150 }).message ?? '', /^the run ended too early to tell: it ended at t=150, before the network healed at t=200, /);
    assert.equal(verdict(10, { healAt: 200, until: 230 }).status, 'pass', 'welcomed at about t=210, before the run ended');
  });

  it('counts from the heal, not from the start: a predicate true only before the heal does not count', () => {
    const config = joinConfig(10, { healAt: 200 });
    const early = eventually((w) => w.now < 100, { within: 50 });
    const [v] = simulate({ ...config, properties: { early } }).verdicts;
    assert.equal(v.status, 'fail');
    assert.equal(v.message, 'not reached within 50 after the network healed at t=200 (the run ended at t=400)');
  });

  it('without healAt counts from the start, and a run with nothing left to happen before the deadline fails as not reached', () => {
    assert.equal(verdict(10, { faults: [] }).status, 'pass', 'no partition: welcomed at once');
    const Idle = node<Record<string, never>>({ name: 'Idle', init: () => ({}), on: {} });
    const [v] = simulate({ nodes: { idle: Idle }, properties: { never: eventually(() => false, { within: 50 }) }, until: 400 }).verdicts;
    assert.equal(v.message, 'not reached within 50 of the start of the run (the run ended at t=0, with nothing left to happen)');
  });

  it("carries the predicate's reason, and refuses a bad deadline", () => {
    const config = joinConfig(undefined, { healAt: 200 });
    const why = eventually((w) => (w.state.joiner as { welcomed: boolean }).welcomed || 'the hello was lost', { within: 50 });
    assert.equal(simulate({ ...config, properties: { why } }).verdicts[0].message, 'not reached within 50 after the network healed at t=200 (the run ended at t=400): the hello was lost');
    for (const within of [-1, Number.NaN]) assert.throws(() => eventually(() => true, { within }), /`within` must be a time >= 0/);
  });

  it('gives the same verdicts and trace for the same configuration', () => {
    const config = joinConfig(10, { healAt: 200, network: { latency: [1, 20], loss: 0.3, duplicate: 0.2 } });
    assert.equal(JSON.stringify(simulate(config).trace), JSON.stringify(simulate(config).trace));
  });
});
