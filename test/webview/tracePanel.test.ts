/**
 * The trace panel's page (its real HTML and Content-Security-Policy, the
 * panel bundle) in Chromium, with a stand-in for VS Code's webview API: it
 * asks for its trace, draws it, and after a reload (as after a window
 * reload, with the state VS Code kept) comes back where the user left it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Trace } from '../../src/common/traceFormat';
import { root, screenshots, settled, startHarness, type Harness } from './harness';

const trace = JSON.parse(readFileSync(join(root, 'test/fixtures/traces/every-kind.json'), 'utf8')) as Trace;

/** Stands in for acquireVsCodeApi: state kept in sessionStorage (it survives a reload, like VS Code's), messages recorded. */
const vscodeApi = `
  window.fromPanel = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.fromPanel.push(m),
    getState: () => JSON.parse(sessionStorage.getItem('state') || 'null') ?? undefined,
    setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
  });
  window.__name = (f) => f;
`;

async function openPanel(harness: Harness, page: Page): Promise<void> {
  await page.goto(`${harness.url}/panel.html?theme=dark`);
  await page.waitForFunction(() => (window as unknown as { fromPanel: { type: string }[] }).fromPanel.some((m) => m.type === 'panelReady'));
  await page.evaluate((t) => window.postMessage({ type: 'showTrace', id: 'trace-1', trace: JSON.parse(t), title: 'Run (seed 7)' }, '*'), JSON.stringify(trace));
  await page.waitForSelector('.pn-chart--panel canvas');
  await settled(page);
}

describe('trace panel page (panel bundle, CSP, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  test('draws under its Content-Security-Policy and keeps its place across a reload', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1300, height: 800 } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(vscodeApi);
    await openPanel(harness, page);
    assert.equal(await page.locator('.pn-verdict').count(), 3);
    const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.match(csp ?? '', /script-src 'nonce-test-nonce'/);

    // Select the second violation, zoom in, switch to Lamport time, hide a node.
    await page.focus('.pn-stage');
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await page.keyboard.press('+');
    await page.selectOption('select[aria-label="Vertical scale"]', 'lamport');
    await page.click('.pn-filter summary');
    await page.uncheck('input[data-filter=node][data-name=backup]');
    await page.click('.pn-filter summary');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500))); // the state is saved once changes settle
    const saved = await page.evaluate(() => JSON.parse(sessionStorage.getItem('state') ?? 'null'));
    const violations2 = trace.events.filter((e) => e.kind === 'violation').map((e) => e.i);
    assert.equal(saved.traceId, 'trace-1');
    assert.equal(saved.view.selected, violations2[1]);
    assert.equal(saved.view.scale, 'lamport');
    assert.deepEqual(saved.view.hiddenNodes, ['backup']);
    await page.screenshot({ path: join(screenshots, 'trace-panel-dark.png') });

    await page.reload();
    await page.waitForFunction(() => (window as unknown as { fromPanel: { type: string }[] }).fromPanel.some((m) => m.type === 'panelReady'));
    await page.evaluate((t) => window.postMessage({ type: 'showTrace', id: 'trace-1', trace: JSON.parse(t), title: 'Run (seed 7)' }, '*'), JSON.stringify(trace));
    await page.waitForSelector('.pn-chart--panel canvas');
    await settled(page);
    assert.equal(await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=chart]')!.dataset.selected), String(violations2[1]));
    assert.equal(await page.inputValue('select[aria-label="Vertical scale"]'), 'lamport');
    assert.equal(await page.isChecked('input[data-filter=node][data-name=backup]'), false);
    assert.match((await page.textContent('.pn-details-title')) ?? '', /violation of "client is acknowledged"/);
    const scrollTop = await page.evaluate(() => document.querySelector('.pn-scroller')!.scrollTop);
    assert.ok(Math.abs(scrollTop - saved.view.scrollTop) < 2, `the scroll position is restored (${scrollTop} vs ${saved.view.scrollTop})`);
    assert.deepEqual(violations, [], 'nothing was blocked by the Content-Security-Policy');
    await context.close();
  });
});
