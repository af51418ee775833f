/**
 * A cell's error as the renderer bundle draws it (MIME
 * application/vnd.protocol-notebook.error+json): long lines wrap at the
 * output's width instead of running off its right edge, and a link in the
 * message is a real link.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CellErrorOutput } from '../../src/common/cellErrorOutput';
import { screenshots, startHarness, type Harness } from './harness';

const longMessage =
  'A cell above (cell 3) failed when it was re-run first: TypeError: Cannot read properties of undefined (reading \'balance\') while the account handled deposit #12 from client-2 at t=48, after the partition between account and replica-1 healed';
const longFrame = `    at cell 3, line 14, col 9 (${'handlers.deposit.'.repeat(12)}apply)`;

async function openError(harness: Harness, error: CellErrorOutput, width: number) {
  const page = await harness.browser.newPage({ viewport: { width: width + 40, height: 400 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const query = new URLSearchParams({ json: JSON.stringify(error), mime: 'application/vnd.protocol-notebook.error+json', theme: 'dark', width: String(width) });
  await page.goto(`${harness.url}/renderer.html?${query}`);
  await page.waitForSelector('[data-testid=cell-error]');
  assert.deepEqual(errors, []);
  return page;
}

describe('a cell error in the output (renderer bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness.close());

  test('wraps long message and stack lines at the output width, showing all of the text', async () => {
    const width = 520;
    const page = await openError(harness, { name: 'TypeError', message: longMessage, frames: `${longFrame}\n    at cell 4, line 1, col 1` }, width);
    const shown = await page.$eval('[data-testid=cell-error]', (el) => {
      const headline = el.querySelector('.pn-error-headline') as HTMLElement;
      const stack = el.querySelector('.pn-error-stack') as HTMLElement;
      const lineHeight = Number.parseFloat(getComputedStyle(headline).lineHeight) || 16;
      return {
        text: el.textContent,
        widest: Math.max(el.scrollWidth, headline.scrollWidth, stack.scrollWidth),
        headlineLines: headline.getBoundingClientRect().height / lineHeight,
        stackWidth: stack.scrollWidth,
        outer: (el.parentElement as HTMLElement).clientWidth,
      };
    });
    assert.ok(shown.text?.includes(longMessage), 'the whole message is there');
    assert.ok(shown.text?.includes(longFrame.trim()), 'the whole frame is there');
    assert.ok(shown.widest <= shown.outer, `nothing runs past the ${shown.outer} px output (widest ${shown.widest} px)`);
    assert.ok(shown.headlineLines >= 2, `the message wraps over ${shown.headlineLines.toFixed(1)} lines`);
    await page.screenshot({ path: join(screenshots, 'cell-error-wrapped.png') });
    await page.close();
  });

  test('makes a link of the text the error links, and nothing of the rest', async () => {
    const page = await openError(harness, { name: 'Error', message: longMessage, links: [{ text: 'cell 3', href: 'vscode-notebook-cell:/n.protocol.md#W2sZmlsZQ%3D%3D' }] }, 600);
    const links = await page.$$eval('[data-testid=cell-error] a', (anchors) => anchors.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
    assert.deepEqual(links, [{ text: 'cell 3', href: 'vscode-notebook-cell:/n.protocol.md#W2sZmlsZQ%3D%3D' }]);
    await page.close();
  });

  test('shows markup in a message as text', async () => {
    const page = await openError(harness, { name: 'Error', message: '<img src=x onerror=alert(1)> is not a node' }, 600);
    assert.equal(await page.$$eval('[data-testid=cell-error] img', (images) => images.length), 0);
    assert.match((await page.textContent('[data-testid=cell-error]')) ?? '', /<img src=x onerror=alert\(1\)> is not a node/);
    await page.close();
  });
});
