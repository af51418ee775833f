import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../../src/check/modelCheck/check';
import { checkText } from '../../../../src/check/explore/resultText';
import { pingPong } from '../../../fixtures/protocols/pingPong';
import { twoPhaseCommit } from '../../../fixtures/protocols/twoPhaseCommit';

describe('check: coverage', () => {
  it('counts each handler, message type and property on a lossless ping-pong', () => {
    // a sends ping (state 0); b handles it and replies (state 1); a handles the pong (state 2, no step left).
    const result = check(pingPong(), { coverage: true });
    assert.equal(result.stats.uniqueStates, 3);
    assert.deepEqual(result.coverage, {
      handlers: [
        { handler: 'Pinger.pong', runs: 1, newStates: 1 },
        { handler: 'Pinger.timer:retry', runs: 0, newStates: 0 },
        { handler: 'Ponger.never', runs: 0, newStates: 0 },
        { handler: 'Ponger.ping', runs: 1, newStates: 1 },
      ],
      messages: [
        { type: 'ping', deliveries: 1, newStates: 1 },
        { type: 'pong', deliveries: 1, newStates: 1 },
      ],
      properties: [
        { name: 'one ping', judged: 'states', states: 3 },
        { name: 'settles', judged: 'end states', states: 1 },
      ],
      depth: 2,
      neverRan: ['Pinger.timer:retry', 'Ponger.never'],
    });
  });

  it('counts drops as no handler run, and every state with no step left as an end state', () => {
    // 0 -deliver ping-> 1 -deliver pong-> 3; 0 -drop ping-> 2 (end); 1 -drop pong-> 4 (end): ends 2, 3, 4.
    const result = check(pingPong({ loss: 0.1 }), { coverage: true });
    assert.equal(result.stats.uniqueStates, 5);
    assert.equal(result.stats.statesExplored, 4);
    const coverage = result.coverage;
    assert.ok(coverage);
    assert.deepEqual(coverage.handlers.filter((h) => h.runs > 0), [
      { handler: 'Pinger.pong', runs: 1, newStates: 1 },
      { handler: 'Ponger.ping', runs: 1, newStates: 1 },
    ]);
    assert.deepEqual(coverage.properties, [
      { name: 'one ping', judged: 'states', states: 5 },
      { name: 'settles', judged: 'end states', states: 3 },
    ]);
  });

  it('counts transitions and new states that add up to the search statistics', () => {
    const result = check(twoPhaseCommit(3), { coverage: true });
    const coverage = result.coverage;
    assert.ok(coverage);
    const runs = coverage.handlers.reduce((n, h) => n + h.runs, 0);
    const found = coverage.handlers.reduce((n, h) => n + h.newStates, 0);
    // No loss, no duplication, no crashes: every transition is a delivery or a timer; every state but the first is found by one.
    assert.equal(runs, result.stats.statesExplored);
    assert.equal(found, result.stats.uniqueStates - 1);
    assert.equal(coverage.depth, result.stats.depth);
    assert.deepEqual(coverage.properties, [{ name: 'consistent', judged: 'states', states: result.stats.uniqueStates }]);
  });

  it('leaves the search as it is: same states, verdicts and counterexamples, with or without coverage', () => {
    for (const config of [twoPhaseCommit(3), twoPhaseCommit(3, { commitAfter: 2 }), twoPhaseCommit(3, { liveness: true })]) {
      for (const options of [{}, { symmetry: true }, { loss: true, keepGoing: true }]) {
        const plain = check(config, options);
        const { coverage, ...covered } = check(config, { ...options, coverage: true });
        assert.ok(coverage);
        assert.equal(plain.coverage, undefined);
        assert.deepEqual(JSON.parse(JSON.stringify({ ...covered, stats: { ...covered.stats, wallMs: 0, statesPerSecond: 0 } })), JSON.parse(JSON.stringify({ ...plain, stats: { ...plain.stats, wallMs: 0, statesPerSecond: 0 } })));
      }
    }
  });

  it('is the same bytes on every run', () => {
    const once = JSON.stringify(check(twoPhaseCommit(4), { coverage: true, crashes: 1 }).coverage);
    assert.equal(JSON.stringify(check(twoPhaseCommit(4), { coverage: true, crashes: 1 }).coverage), once);
  });

  it('shows a table of handlers and calls out the ones that never ran', () => {
    const text = checkText(check(pingPong(), { coverage: true }));
    assert.deepEqual(text.slice(-7), [
      '  coverage: depth 2; judged one ping in 3 states, settles in 1 end state',
      '    handler             runs  new states',
      '    Pinger.pong            1           1',
      '    Pinger.timer:retry     0           0',
      '    Ponger.never           0           0',
      '    Ponger.ping            1           1',
      '  never ran: Pinger.timer:retry, Ponger.never',
    ]);
    assert.ok(!checkText(check(pingPong())).some((line) => line.includes('coverage')));
  });
});
