/**
 * The notebook renderer bundle in headless Chromium, on the hand-made trace
 * that holds every element kind: each kind is drawn (checked on the canvas's
 * pixels and in the accessible event list), screenshots in three themes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Trace, TraceEvent } from '../../src/common/traceFormat';
import { colorsNear, hasColor, locate, openRenderer, root, screenshots, settled, startHarness, type Harness } from './harness';
import { THEMES } from './themes';

const trace = JSON.parse(readFileSync(join(root, 'test/fixtures/traces/every-kind.json'), 'utf8')) as Trace;
const light = THEMES.light.vars;
const find = (pred: (e: TraceEvent) => boolean) => {
  const event = trace.events.find(pred);
  assert.ok(event, 'fixture holds the event');
  return event;
};

describe('sequence chart drawing (renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  test('draws each element kind in its colour', async () => {
    const page = await openRenderer(harness, 'every-kind.json');
    const expectations: [string, TraceEvent, string][] = [
      ['a lost message ends in a cross (loss)', find((e) => e.kind === 'drop' && e.reason === 'loss'), light['--vscode-charts-red']!],
      ['a message lost to the partition', find((e) => e.kind === 'drop' && e.reason === 'partition'), light['--vscode-charts-red']!],
      ['a message lost to a crashed receiver', find((e) => e.kind === 'drop' && e.reason === 'crashed-receiver'), light['--vscode-charts-red']!],
      ['a timer firing', find((e) => e.kind === 'timer'), light['--vscode-charts-purple']!],
      ['a crash', find((e) => e.kind === 'crash'), light['--vscode-charts-red']!],
      ['a recovery', find((e) => e.kind === 'recover'), light['--vscode-charts-green']!],
      ['an effect', find((e) => e.kind === 'effect'), light['--vscode-charts-green']!],
      ['a log line', find((e) => e.kind === 'log'), light['--vscode-descriptionForeground']!],
      ['a violation', find((e) => e.kind === 'violation'), light['--vscode-errorForeground']!],
    ];
    for (const [what, event, color] of expectations) {
      const point = await locate(page, event.i);
      const colors = await colorsNear(page, point);
      assert.ok(hasColor(colors, color), `${what} (#${event.i}) is drawn in ${color}; saw ${[...colors].slice(0, 12).join(' ')}`);
    }
    const duplicate = find((e) => e.kind === 'deliver' && trace.messages[e.msg!]!.deliveries.some((d) => d.event === e.i && d.duplicate));
    const end = await locate(page, duplicate.i);
    const start = await locate(page, trace.messages[duplicate.msg!]!.sendEvent, { select: false });
    const middle = await colorsNear(page, { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 }, 4);
    assert.ok(hasColor(middle, light['--vscode-charts-orange']!), `a duplicate delivery is drawn in orange; saw ${[...middle].join(' ')}`);
    await page.close();
  });

  test('shades the partition over the nodes and time it cuts off', async () => {
    const page = await openRenderer(harness, 'every-kind.json');
    const partition = trace.partitions[0]!;
    // A point on the backup's lane in the middle of the partition, beside the lifeline.
    await page.click('button[aria-label^="Zoom out"]');
    await locate(page, find((e) => e.kind === 'crash').i);
    const start = await locate(page, partition.startEvent, { select: false });
    const end = await locate(page, partition.endEvent!, { select: false });
    assert.ok(end.y > start.y + 100, 'the band spans the partition');
    const background = light['--vscode-editor-background']!;
    const inside = await colorsNear(page, { x: start.x + 40, y: (start.y + end.y) / 2 }, 2);
    assert.ok(![...inside].includes(background), `the band is shaded (saw ${[...inside].join(' ')})`);
    const outside = await colorsNear(page, { x: start.x + 40, y: end.y + 10 }, 2);
    assert.ok([...outside].includes(background), 'after the partition heals the lane is not shaded');
    const otherLane = await colorsNear(page, { x: start.x - 120, y: (start.y + end.y) / 2 }, 2);
    assert.ok([...otherLane].includes(background), 'lanes on the majority side are not shaded');
    const labels = await page.$$eval('.pn-events li', (items) => items.map((li) => li.textContent ?? ''));
    assert.ok(labels.some((l) => l.includes('lost (partition)')), 'the accessible list names the partition loss');
    await page.close();
  });

  test('lists the events in view with accessible labels', async () => {
    const page = await openRenderer(harness, 'every-kind.json');
    await page.evaluate(() => document.querySelector('[data-testid=chart]')!.dispatchEvent(new CustomEvent('pn-select', { detail: { index: 0 } })));
    await page.waitForFunction(() => document.querySelectorAll('.pn-events li').length > 5);
    const items = await page.$$eval('.pn-events li', (list) => list.map((li) => ({ kind: li.getAttribute('data-kind'), text: li.textContent ?? '' })));
    const kinds = new Set(items.map((i) => i.kind));
    for (const kind of ['start', 'send', 'deliver', 'timer-set', 'invoke', 'complete']) assert.ok(kinds.has(kind), `lists a ${kind} event`);
    assert.ok(items.some((i) => /account receives deposit #0 from client/.test(i.text)));
    const stage = await page.getAttribute('.pn-stage', 'aria-label');
    assert.match(stage ?? '', /sequence chart of 4 nodes/);
    const verdicts = await page.$$eval('.pn-verdict', (list) => list.map((v) => v.getAttribute('aria-label')));
    assert.deepEqual(verdicts.map((v) => v?.split(':')[0]), trace.properties.map((p) => p.name));
    assert.match(verdicts[0] ?? '', /failed at t=13/);
    await page.close();
  });

  test('hovering an arrow shows its payload and times', async () => {
    const page = await openRenderer(harness, 'every-kind.json');
    const deliver = find((e) => e.kind === 'deliver' && trace.messages[e.msg!]!.type === 'deposit');
    const point = await locate(page, deliver.i);
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector('.pn-tooltip:not([hidden])');
    const text = await page.textContent('.pn-tooltip');
    assert.match(text ?? '', /account receives deposit #0 from client/);
    assert.match(text ?? '', /sent t=1, delivered t=4/);
    assert.match(text ?? '', /amount: 5/);
    await page.close();
  });

  test('clicking an event shows the state before and after', async () => {
    const page = await openRenderer(harness, 'every-kind.json');
    const first = find((e) => e.kind === 'deliver' && trace.messages[e.msg!]!.deliveries.some((d) => d.event === e.i) && trace.messages[e.msg!]!.deliveries.length === 2);
    const point = await locate(page, first.i);
    await page.evaluate(() => document.querySelector('[data-testid=chart]')!.dispatchEvent(new CustomEvent('pn-select', { detail: {} })));
    await settled(page);
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction((i) => document.querySelector<HTMLElement>('[data-testid=chart]')!.dataset.selected === String(i), first.i);
    assert.match((await page.textContent('.pn-details-title')) ?? '', /account receives deposit #3 from client/);
    assert.match((await page.textContent('pre[data-state=before]')) ?? '', /balance: 5,/);
    assert.match((await page.textContent('pre[data-state=after]')) ?? '', /balance: 10,/);
    assert.equal(await page.isDisabled('[data-action=openStateDiff]'), true, 'without messaging the diff button is off');
    await page.close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    test(`renders in the ${theme} theme (screenshot)`, async () => {
      const page = await openRenderer(harness, 'every-kind.json', { theme });
      const violation = trace.properties[0]!.violatingEvent!;
      const point = await locate(page, violation);
      await page.mouse.move(point.x, point.y);
      await page.waitForSelector('.pn-tooltip:not([hidden])');
      const background = await colorsNear(page, { x: 30, y: 500 }, 1);
      await page.screenshot({ path: join(screenshots, `chart-every-kind-${theme}.png`), fullPage: true });
      const canvasBg = await page.evaluate(() => {
        const c = document.querySelector('canvas')!;
        const d = c.getContext('2d')!.getImageData(c.width - 4, c.height - 4, 1, 1).data;
        return `#${[d[0]!, d[1]!, d[2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
      });
      assert.equal(canvasBg, THEMES[theme].vars['--vscode-editor-background'], 'the canvas takes the editor background');
      assert.ok(background.size > 0);
      await page.close();
    });
  }
});
