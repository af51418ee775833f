// The time model against the simulator: every run `simulate` makes with a
// latency drawn from [min, max] is a path of check()'s time model, so a
// violation some seed finds must be found by check(), and a pass of check()
// means no seed can fail. Drawn over heartbeat and Two Generals settings on
// both sides of their bounds, so both verdicts are exercised.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { check } from '../../../../src/check/modelCheck/check';
import { simulate, type SimulationConfig } from '../../../../src/api/index';
import { heartbeat, twoGenerals } from '../../../fixtures/protocols/timed';

const SEEDS = 40;

function seedsFailing(config: SimulationConfig, min: number, max: number, until: number): number[] {
  const failing: number[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const run = simulate({ ...config, network: { latency: [min, max] }, seed, until });
    if (run.verdicts.some((v) => v.status === 'fail')) failing.push(seed);
  }
  return failing;
}

describe('check({ time }) agrees with simulated runs', () => {
  it('no simulated run fails where check() passes, and check() fails where some run does', () => {
    const settings = fc.record({
      protocol: fc.constantFrom('heartbeat' as const, 'generals' as const),
      min: fc.integer({ min: 0, max: 2 }),
      spread: fc.integer({ min: 0, max: 2 }),
      period: fc.integer({ min: 2, max: 4 }),
      slack: fc.integer({ min: -1, max: 2 }),
    });
    let passed = 0;
    let failed = 0;
    fc.assert(
      fc.property(settings, ({ protocol, min, spread, period, slack }) => {
        const max = Math.max(1, min + spread);
        // Around each protocol's bound: heartbeat timeout vs period + max − min, generals timeout vs 2·max.
        const config = protocol === 'heartbeat' ? heartbeat(period, Math.max(1, period + max - min + slack)) : twoGenerals(Math.max(1, 2 * max + slack));
        const result = check(config, { time: { delay: [min, max] } });
        assert.equal(result.time?.clock, 'relative');
        const failing = seedsFailing(config, min, max, 60);
        if (result.verdicts.every((v) => v.status === 'pass')) {
          assert.equal(result.complete, true);
          assert.deepEqual(failing, [], 'a pass of check() means no seed fails');
          passed++;
        } else {
          assert.ok(result.verdicts.some((v) => v.status === 'fail'), 'a complete search passes or fails');
          failed++;
        }
        if (failing.length > 0) assert.ok(result.verdicts.some((v) => v.status === 'fail'), `seeds ${failing.join(', ')} fail, so check() must`);
      }),
      { numRuns: 40, seed: 7 },
    );
    assert.ok(passed > 5 && failed > 5, `both verdicts drawn (${passed} passes, ${failed} failures)`);
  });
});
