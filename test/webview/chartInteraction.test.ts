/**
 * What a person does with the chart, in headless Chromium against the
 * renderer bundle: markup in a trace stays text, filters hide nodes and
 * message types, keys walk events and violations, exports are valid, and the
 * editor actions are posted when messaging is available.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Trace } from '../../src/common/traceFormat';
import { locate, openRenderer, recordClipboard, root, screenshots, settled, startHarness, type Harness } from './harness';

const trace = JSON.parse(readFileSync(join(root, 'test/fixtures/traces/every-kind.json'), 'utf8')) as Trace;
const XSS = '<img src=x onerror=alert(1)>';

const selected = (page: Page) => page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=chart]')!.dataset.selected);

describe('sequence chart interaction (renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  test('markup in node names, payloads, logs and verdicts shows as text', async () => {
    const page = await openRenderer(harness, 'markup.json');
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const markup = JSON.parse(readFileSync(join(root, 'test/fixtures/traces/markup.json'), 'utf8')) as Trace;
    const deliver = markup.events.find((e) => e.kind === 'deliver')!;
    const point = await locate(page, deliver.i);
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector('.pn-tooltip:not([hidden])');
    await page.mouse.click(point.x, point.y);
    await settled(page);
    const chart = page.locator('[data-testid=chart]');
    assert.equal(await chart.locator('img, script, b, i').count(), 0, 'no element was created from trace text');
    assert.equal(await page.locator('img').count(), 0);
    assert.ok((await page.textContent('.pn-tooltip'))?.includes(XSS), 'the payload is shown literally in the hover');
    assert.ok((await page.textContent('.pn-details'))?.includes(XSS), 'the payload is shown literally in the details');
    assert.ok((await page.textContent('.pn-verdicts'))?.includes(`${XSS} holds`), 'the verdict name is shown literally');
    assert.ok((await page.textContent('.pn-events'))?.includes('<b>n2</b> receives <script>alert(2)</script>'), 'node and type names are literal in the event list');
    await page.screenshot({ path: join(screenshots, 'chart-markup-as-text.png'), fullPage: true });
    assert.deepEqual(dialogs, [], 'no script ran');
    await page.close();
  });

  test('filtering by node and by message type', async () => {
    const page = await openRenderer(harness, 'every-kind.json');
    await page.click('.pn-filter summary');
    await page.uncheck('input[data-filter=node][data-name=backup]');
    await page.uncheck('input[data-filter=type][data-name=ack]');
    await settled(page);
    await page.screenshot({ path: join(screenshots, 'chart-filtered.png') });
    assert.match((await page.textContent('.pn-filter summary')) ?? '', /2 hidden/);
    const backupEvent = trace.events.find((e) => e.node === 'backup' && e.kind === 'deliver')!;
    const ackSend = trace.events.find((e) => e.kind === 'send' && trace.messages[e.msg!]!.type === 'ack')!;
    for (const event of [backupEvent, ackSend]) {
      const point = await page.evaluate((i) => {
        const detail: { index: number; point?: unknown } = { index: i };
        document.querySelector('[data-testid=chart]')!.dispatchEvent(new CustomEvent('pn-locate', { detail }));
        return detail.point;
      }, event.i);
      assert.equal(point, undefined, `#${event.i} is not drawn once filtered out`);
    }
    // Keyboard navigation walks only what is shown.
    await page.focus('.pn-stage');
    const visited: string[] = [];
    for (let k = 0; k < trace.events.length; k++) {
      await page.keyboard.press('j');
      visited.push((await selected(page)) ?? '');
    }
    const nodes = new Set(visited.map((i) => trace.events[Number(i)]!.node));
    assert.ok(!nodes.has('backup'), 'no backup event is reached');
    assert.ok(!visited.some((i) => trace.events[Number(i)]!.msg !== undefined && trace.messages[trace.events[Number(i)]!.msg!]!.type === 'ack'), 'no ack is reached');
    const items = await page.$$eval('.pn-events li', (list) => list.map((li) => li.textContent ?? ''));
    assert.ok(items.every((t) => !t.includes('backup receives')), 'the event list drops the hidden node');
    await page.check('input[data-filter=node][data-name=backup]');
    await settled(page);
    const restored = await locate(page, backupEvent.i);
    assert.ok(restored.x > 0, 'showing the node again draws it');
    await page.close();
  });

  test('keyboard: next and previous event, next and previous violation', async () => {
    const page = await openRenderer(harness, 'every-kind.json');
    const violations = trace.events.filter((e) => e.kind === 'violation').map((e) => String(e.i));
    await page.focus('.pn-stage');
    await page.keyboard.press('j');
    assert.equal(await selected(page), '0');
    await page.keyboard.press('j');
    assert.equal(await selected(page), '1');
    await page.keyboard.press('k');
    assert.equal(await selected(page), '0');
    await page.keyboard.press('n');
    assert.equal(await selected(page), violations[0]);
    assert.match((await page.textContent('[data-testid=announce]')) ?? '', /violation of "balance never exceeds deposits"/);
    await page.keyboard.press('n');
    assert.equal(await selected(page), violations[1]);
    await page.keyboard.press('p');
    assert.equal(await selected(page), violations[0]);
    await page.keyboard.press('End');
    assert.equal(await selected(page), String(trace.events[trace.events.length - 1]!.i));
    await page.keyboard.press('Escape');
    assert.equal(await selected(page), '');
    // The toolbar's violation buttons and a verdict chip do the same.
    await page.click('.pn-next-violation');
    assert.equal(await selected(page), violations[0]);
    await page.click('.pn-verdict--fail >> nth=1');
    assert.equal(await selected(page), violations[1]);
    await page.close();
  });

  test('zoom and the Lamport layout change the drawing', async () => {
    const page = await openRenderer(harness, 'every-kind.json');
    const event = trace.events.find((e) => e.kind === 'crash')!;
    const first = trace.events[2]!;
    const gap = async () => (await locate(page, event.i)).y - (await locate(page, first.i, { select: false }).catch(() => ({ y: NaN }))).y;
    await page.click('button[aria-label^="Zoom out"]');
    await page.click('button[aria-label^="Zoom out"]');
    await page.click('button[aria-label^="Zoom out"]');
    const small = await gap();
    await page.click('button[aria-label^="Zoom in"]');
    const larger = await gap();
    assert.ok(larger > small * 1.3, `zooming in spreads events apart (${small} → ${larger})`);
    await page.selectOption('select[aria-label="Vertical scale"]', 'lamport');
    await settled(page);
    await page.screenshot({ path: join(screenshots, 'chart-lamport.png') });
    const lamportGap = await gap();
    assert.ok(Number.isFinite(lamportGap) && lamportGap > 0 && lamportGap !== larger, `the Lamport layout places events differently (${lamportGap})`);
    await page.close();
  });

  test('exports a valid SVG and a valid Mermaid sequenceDiagram', async () => {
    const page = await openRenderer(harness, 'every-kind.json');
    const copied = await recordClipboard(page);
    await page.click('.pn-copy-svg');
    await page.click('.pn-copy-mermaid');
    await page.waitForFunction(() => (window as unknown as { copied: string[] }).copied.length === 2);
    const [svg, mermaid] = await copied();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        lost: doc.querySelectorAll('g.message.lost').length,
        duplicate: doc.querySelectorAll('g.message.duplicate').length,
        partition: doc.querySelectorAll('rect.partition').length,
        nodes: [...doc.querySelectorAll('text.node')].map((t) => t.textContent),
        violations: doc.querySelectorAll('g.mark.violation').length,
      };
    }, svg!);
    assert.equal(parsed.error, null, 'the SVG parses as XML');
    assert.equal(parsed.root, 'svg');
    assert.equal(parsed.lost, 3);
    assert.equal(parsed.duplicate, 1);
    assert.equal(parsed.partition, 1);
    assert.equal(parsed.violations, 2);
    assert.deepEqual(parsed.nodes, ['client', 'account', 'backup', 'auditor']);
    assert.match((await page.textContent('.pn-status')) ?? '', /Copied the chart as Mermaid/);

    assert.match(mermaid!, /^sequenceDiagram\n/);
    assert.match(mermaid!, /P1-xP2: replicate \(lost#58; partition\)/);
    assert.match(mermaid!, /P0-->>P1: deposit \(duplicate\)/);
    await page.addScriptTag({ url: '/node_modules/mermaid/dist/mermaid.min.js' });
    const parse = (text: string) =>
      page.evaluate(async (t) => {
        const m = (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
        try {
          await m.parse(t);
          return 'ok';
        } catch (e) {
          return String(e);
        }
      }, text);
    assert.notEqual(await parse('sequenceDiagram\n    P0-x->>P1 broken'), 'ok', 'the parser rejects a broken diagram');
    assert.equal(await parse(mermaid!), 'ok', 'Mermaid parses the export');
    await page.close();
  });

  test('the markup trace exports escaped SVG and Mermaid', async () => {
    const page = await openRenderer(harness, 'markup.json');
    const copied = await recordClipboard(page);
    await page.click('.pn-copy-svg');
    await page.click('.pn-copy-mermaid');
    await page.waitForFunction(() => (window as unknown as { copied: string[] }).copied.length === 2);
    const [svg, mermaid] = await copied();
    const texts = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, images: doc.querySelectorAll('img').length, text: doc.documentElement.textContent };
    }, svg!);
    assert.equal(texts.error, null);
    assert.equal(texts.images, 0);
    assert.ok(texts.text?.includes(XSS));
    assert.ok(!mermaid!.includes('<'), 'no raw angle brackets reach Mermaid');
    await page.close();
  });

  test('with messaging: reveal handler and state diff are posted', async () => {
    const page = await openRenderer(harness, 'every-kind.json', { messaging: true });
    const deliver = trace.events.find((e) => e.kind === 'deliver' && trace.messages[e.msg!]!.type === 'deposit')!;
    const point = await locate(page, deliver.i);
    await page.mouse.click(point.x, point.y);
    await page.click('[data-action=revealHandler]');
    await page.click('[data-action=openStateDiff]');
    const posted = await page.evaluate(() => (window as unknown as { posted: unknown[] }).posted);
    assert.deepEqual(posted[0], { type: 'revealHandler', handler: 'deposit', nodeKind: 'Account', location: { kind: 'Account', handler: 'deposit', cell: 1, line: 6, column: 4 } });
    const diff = posted[1] as { type: string; node: string; before: string; after: string };
    assert.equal(diff.type, 'openStateDiff');
    assert.equal(diff.node, 'account');
    assert.match(diff.before, /balance: 0/);
    assert.match(diff.after, /balance: 5/);
    await page.evaluate(() => (window as unknown as { sendToRenderer(m: unknown): void }).sendToRenderer({ type: 'requestResult', ok: false, text: 'No handler deposit found' }));
    assert.equal(await page.textContent('.pn-status'), 'No handler deposit found');
    // A timer's handler is keyed `timer:<name>`; an effect reveals the handler that caused it.
    const effect = trace.events.find((e) => e.kind === 'effect')!;
    await locate(page, effect.i);
    await page.click('[data-action=revealHandler]');
    const last = (await page.evaluate(() => (window as unknown as { posted: { handler?: string }[] }).posted)).at(-1);
    assert.equal(last?.handler, 'deposit');
    await page.close();
  });
});
