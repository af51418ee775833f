// The held-out handlers (test/fixtures/handlers/heldout, labelled before
// either check was run on them): prints the precision and recall of the
// static analysis and of the dynamic check, and holds both to their targets
// (static ≥ 95% / ≥ 90%; dynamic, over the handlers a run exercises, ≥ 98% / ≥ 95%).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatMeasurement, heldoutLabels, measureHeldout } from './heldoutMeasure';

describe('held-out idempotency set', () => {
  it('is large and covers both kinds', () => {
    const labels = heldoutLabels();
    assert.ok(labels.length >= 80, `${labels.length} handlers`);
    assert.ok(labels.filter((l) => l.idempotent).length >= 25);
    assert.ok(labels.filter((l) => !l.idempotent).length >= 25);
  });

  it('meets the targets: static ≥ 95% precision and ≥ 90% recall; dynamic ≥ 98% and ≥ 95% over what a run exercises', () => {
    const measured = measureHeldout();
    console.log(formatMeasurement(measured));
    assert.ok(measured.static.score.precision >= 0.95, `static precision ${measured.static.score.precision}`);
    assert.ok(measured.static.score.recall >= 0.9, `static recall ${measured.static.score.recall}`);
    assert.ok(measured.dynamic.score.precision >= 0.98, `dynamic precision ${measured.dynamic.score.precision}`);
    assert.ok(measured.dynamic.score.recall >= 0.95, `dynamic recall ${measured.dynamic.score.recall}`);
    assert.ok(measured.dynamic.verdicts.length >= 0.9 * measured.static.verdicts.length, 'the runs exercise nearly every handler');
  });
});
