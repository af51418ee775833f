/** Without the time model check() has no time: it refuses `healAt` and `eventually(…, { within })` rather than judge them on another model. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, eventually } from '../../../../src/api/index';
import { joinConfig } from '../../../fixtures/protocols/joiner';

describe('check() and time', () => {
  it('refuses healAt without the time model', () => {
    const config = { ...joinConfig(10), properties: { welcomed: eventually((w) => (w.state.joiner as { welcomed: boolean }).welcomed) }, faults: [], healAt: 200 };
    assert.throws(() => check(config), /^Error: check\(\) has no time unless asked, so it cannot heal the network at `healAt`: give it the time model, check\(config, \{ time: \{ delay: \[min, max\] \} \}\), or use simulate\(\) or explore\(\)/);
  });

  it('refuses a deadline, naming the property', () => {
    assert.throws(() => check({ ...joinConfig(10), faults: [] }), /check\(\) has no time, so the property 'joiner welcomed within 50' cannot have a deadline \(eventually\(…, \{ within: 50 \}\)\)/);
  });

  it('still checks eventually() without a deadline', () => {
    const config = { ...joinConfig(10), properties: { welcomed: eventually((w) => (w.state.joiner as { welcomed: boolean }).welcomed) }, faults: [] };
    assert.equal(check(config, { maxStates: 10_000 }).verdicts[0].name, 'welcomed');
  });
});
