/**
 * Message colours (renderer bundle, headless Chromium): a message type has
 * the same colour in every chart, from the fixed palette of the theme kind,
 * whatever other types a run sends.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Trace } from '../../src/common/traceFormat';
import { MESSAGE_PALETTES, messageTypeColor } from '../../webview/chart/messagePalette';
import { colorsNear, hasColor, locate, openRenderer, root, startHarness, type Harness } from './harness';

const trace = JSON.parse(readFileSync(join(root, 'test/fixtures/traces/every-kind.json'), 'utf8')) as Trace;
/** The same run, but its `ping` is called `abort`: a type that sorts before all the others. */
const renamed: Trace = { ...trace, messages: trace.messages.map((m) => (m.type === 'ping' ? { ...m, type: 'abort' } : m)) };

/** The colours halfway along the arrow of the first plain delivery of a message of `type`. */
async function arrowColors(page: Page, run: Trace, type: string): Promise<Set<string>> {
  const msg = run.messages.find((m) => m.type === type && m.deliveries.length === 1 && !m.deliveries[0]!.duplicate && m.drops.length === 0);
  assert.ok(msg, `the run delivers a ${type}`);
  const end = await locate(page, msg.deliveries[0]!.event);
  const start = await locate(page, msg.sendEvent, { select: false });
  // Deselect, so the selection's halo does not tint the arrow.
  await page.evaluate(() => document.querySelector('[data-testid=chart]')!.dispatchEvent(new CustomEvent('pn-select', { detail: {} })));
  await page.waitForTimeout(100);
  return colorsNear(page, { x: start.x + (end.x - start.x) * 0.25, y: start.y + (end.y - start.y) * 0.25 }, 3);
}

describe('message colours (renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  for (const theme of ['light', 'dark'] as const) {
    test(`a message type has its one colour in every chart (${theme})`, async () => {
      const first = await openRenderer(harness, 'every-kind.json', { theme });
      const second = await openRenderer(harness, 'every-kind-renamed.json', { theme, json: renamed });
      for (const type of ['deposit', 'ack']) {
        const color = messageTypeColor(MESSAGE_PALETTES[theme], type);
        const one = await arrowColors(first, trace, type);
        const other = await arrowColors(second, renamed, type);
        assert.ok(hasColor(one, color), `${type} is ${color} in the first chart; saw ${[...one].join(' ')}`);
        assert.ok(hasColor(other, color), `${type} is ${color} in a chart whose run sends other types too; saw ${[...other].join(' ')}`);
      }
      await first.close();
      await second.close();
    });
  }
});
