/**
 * A run with `healAt`, written by the real engine and drawn by the renderer
 * bundle in Chromium: the heal is a dashed rule across the lanes at its time,
 * with its mark on the first lane, and the partition before it is shaded.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { simulate } from '../../src/api/index';
import { joinConfig, WELCOMED } from '../fixtures/protocols/joiner';
import { colorsNear, hasColor, locate, openRenderer, screenshots, startHarness, type Harness } from './harness';
import { THEMES } from './themes';

describe('the heal of a run (engine trace, renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  test('draws a rule across the lanes where the faults stop, and the run that converges after it passes', async () => {
    const run = simulate({ ...joinConfig(10, { healAt: 100, until: 200 }) });
    assert.equal(run.verdicts.find((v) => v.name === WELCOMED)?.status, 'pass');
    const heal = run.trace.events.find((e) => e.kind === 'heal');
    assert.ok(heal, 'the trace records the heal');
    const page = await openRenderer(harness, 'heal.json', { json: run.trace });
    const point = await locate(page, heal.i);
    // The rule runs across the lanes: away from the mark, at the heal's height, it is there (green, drawn at 70%); a little above it, it is not.
    const green = THEMES.light.vars['--vscode-charts-green']!;
    const background = THEMES.light.vars['--vscode-editor-background']!;
    const rgb = (h: string) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
    const blended = `#${rgb(green).map((v, i) => Math.round(0.7 * v + 0.3 * rgb(background)[i]!).toString(16).padStart(2, '0')).join('')}`;
    const away = { x: point.x + 150, y: point.y };
    // A 10-pixel square holds at least one dash of the 6-on, 4-off rule.
    assert.ok(hasColor(await colorsNear(page, away, 5), blended, 40), `the rule is drawn at the heal (${[...(await colorsNear(page, away, 5))].join(' ')})`);
    assert.ok(!hasColor(await colorsNear(page, { x: away.x, y: away.y - 14 }, 3), blended, 40), 'and only there');
    await page.screenshot({ path: join(screenshots, 'chart-heal.png'), fullPage: true });
    await page.close();
  });
});
