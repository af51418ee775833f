// One test run in the workbench: opens the page, relays the extension host's
// test output (which reaches the page console) to stdout, answers the tests'
// requests (screenshots, webview queries; see test/integration/support/harness.ts)
// and resolves with the exit code the workbench reports and mocha's counts.
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

const driverMarker = '@@driver ';
const resultsMarker = '@@results ';
const testMarker = '@@test ';
const runnerStart = /^Running \d+ integration suite file/;
const webviewFrame = '/contrib/webview/browser/pre/';

/**
 * @param {object} options
 * @param {import('playwright-core').BrowserContext} options.context
 * @param {string} options.url  the workbench URL (with the test payload)
 * @param {string} options.label  names this run's screenshots and logs
 * @param {string} options.answersDir  where answers to the tests' requests go
 * @param {string} options.resultsDir  test-results/: screenshots/ and vscode/ logs
 * @param {number} options.timeoutMs  the whole run, page load included
 * @param {number} options.startTimeoutMs  from page load to the first suite
 * @param {boolean} [options.verbose]  relay every console line, not just the tests'
 * @returns {Promise<{ exitCode: number | undefined, counts: { passed: number, failed: number, pending: number }, complete: boolean, timedOut: boolean }>}
 */
export async function runTestsInWorkbench({ context, url, label, answersDir, resultsDir, timeoutMs, startTimeoutMs, verbose = false }) {
  const screenshotsDir = join(resultsDir, 'screenshots');
  const consoleLog = join(resultsDir, 'vscode', `${label}-console.log`);
  mkdirSync(screenshotsDir, { recursive: true });
  mkdirSync(join(resultsDir, 'vscode'), { recursive: true });
  mkdirSync(answersDir, { recursive: true });
  writeFileSync(consoleLog, '');

  const page = await context.newPage();
  let counts;
  const seen = { passed: 0, failed: 0, pending: 0 }; // test by test, for a run cut short
  let testsRunning = false;
  let closing = false;
  let resolveStarted;
  const started = new Promise((resolve) => (resolveStarted = resolve));
  let resolveExit;
  const exit = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));

  const requests = {
    async screenshot({ name }) {
      const path = join(screenshotsDir, `${label}-${String(name).replace(/[^\w.-]+/g, '_')}.png`);
      await page.waitForTimeout(300); // let the last layout and webview paint settle
      try {
        await page.screenshot({ path, timeout: 10_000 });
      } catch (error) {
        // Playwright's screenshot prepares every frame first; the DevTools
        // protocol's capture does not, so it still works while a frame hangs.
        console.error(`[${label}] screenshot ${name}: ${error.message.split('\n')[0]}; capturing through CDP`);
        const session = await context.newCDPSession(page);
        const { data } = await session.send('Page.captureScreenshot', { format: 'png' });
        writeFileSync(path, Buffer.from(data, 'base64'));
        await session.detach();
      }
      return path;
    },
    async webviewElements({ selector }) {
      const found = [];
      for (const frame of webviewFrames(page)) {
        found.push(...(await frame.locator(selector).evaluateAll((elements) =>
          elements.map((e) => ({ text: e.textContent ?? '', attributes: Object.fromEntries([...e.attributes].map((a) => [a.name, a.value])) })),
        )));
      }
      return found;
    },
    async webviewClick({ selector }) {
      // A notebook editor closed and opened again can leave a webview of the old one,
      // laid out away from the editor area: click the first match inside the editor area.
      const editorBox = await page.locator('.part.editor').first().boundingBox();
      let fallback;
      for (const frame of webviewFrames(page)) {
        const target = frame.locator(selector).first();
        if ((await target.count()) === 0) continue;
        fallback ??= target;
        const box = await target.boundingBox();
        const centre = box && box.x + box.width / 2;
        if (editorBox && (centre === null || centre < editorBox.x || centre > editorBox.x + editorBox.width)) continue;
        await bringIntoEditorView(page, target);
        await clickThroughOverlays(target);
        return true;
      }
      if (fallback) {
        await bringIntoEditorView(page, fallback);
        await clickThroughOverlays(fallback);
        return true;
      }
      throw new Error(`no webview element matches ${selector}`);
    },
    // The workbench itself (outside webviews): what the vscode API cannot reach, such as
    // the save dialog's proposed name or a row of the Problems panel.
    async workbenchElements({ selector }) {
      return page.locator(selector).evaluateAll((elements) =>
        elements.map((e) => ({ text: e.textContent ?? '', value: 'value' in e ? String(e.value) : undefined, attributes: Object.fromEntries([...e.attributes].map((a) => [a.name, a.value])) })),
      );
    },
    async workbenchClick({ selector, text }) {
      const matches = page.locator(selector);
      const target = (text ? matches.filter({ hasText: text }) : matches).first();
      if ((await target.count()) === 0) throw new Error(`no workbench element matches ${selector}${text ? ` with text ${JSON.stringify(text)}` : ''}`);
      await target.click({ timeout: 5_000 });
      return true;
    },
    async workbenchPress({ key }) {
      await page.keyboard.press(key);
      return true;
    },
    // A real mouse click where the first chart matching `chart` draws event `index` (see webview/README.md, pn-locate).
    async webviewClickChartEvent({ chart, index }) {
      for (const frame of webviewFrames(page)) {
        const root = frame.locator(chart).first();
        if ((await root.count()) === 0) continue;
        await root.scrollIntoViewIfNeeded();
        // The stage takes the click: under a cell the scroller lets pointer events through until the chart has focus.
        const scroller = root.locator('.pn-stage');
        const point = await scroller.evaluate((element, i) => {
          const detail = { index: i };
          const { CustomEvent } = element.ownerDocument.defaultView; // the page's, not Node's
          element.closest('[data-testid=chart]').dispatchEvent(new CustomEvent('pn-locate', { detail }));
          const box = element.getBoundingClientRect();
          return detail.point && { x: detail.point.x - box.left, y: detail.point.y - box.top };
        }, index);
        if (!point) throw new Error(`event #${index} is not in view in ${chart}`);
        await scroller.click({ position: point, timeout: 5_000 });
        return true;
      }
      throw new Error(`no webview element matches ${chart}`);
    },
    // The mouse wheel turned over the middle of the first element matching `selector` (scrolled into view
    // first if need be): where the element was in the page and how far it had scrolled itself, before and after.
    async webviewWheel({ selector, deltaY }) {
      for (const frame of webviewFrames(page)) {
        const target = frame.locator(selector).first();
        if ((await target.count()) === 0) continue;
        const viewport = page.viewportSize();
        let box = await target.boundingBox();
        if (!box || box.y < 0 || box.y + box.height > (viewport?.height ?? Infinity)) {
          await target.scrollIntoViewIfNeeded();
          box = await target.boundingBox();
        }
        if (!box) throw new Error(`${selector} is not drawn`);
        const where = async () => ({ top: (await target.boundingBox())?.y ?? NaN, scrollTop: await target.evaluate((e) => e.scrollTop) });
        const before = await where();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, deltaY);
        await page.waitForTimeout(600); // the notebook may scroll smoothly
        return { before, after: await where() };
      }
      throw new Error(`no webview element matches ${selector}`);
    },
  };

  const answer = async (line) => {
    let request;
    try {
      request = JSON.parse(line.slice(driverMarker.length));
      const handler = requests[request.action];
      if (!handler) throw new Error(`unknown request ${request.action}`);
      writeAnswer(answersDir, request.id, { ok: true, value: await handler(request) });
    } catch (error) {
      if (request?.id) writeAnswer(answersDir, request.id, { ok: false, error: String(error?.message ?? error) });
      else console.error(`[${label}] bad request: ${line}`);
    }
  };

  // Console events are handled one at a time, in order, though each needs awaits.
  let queue = Promise.resolve();
  const inFlight = new Set(); // the tests' requests being answered
  page.on('console', (message) => {
    if (closing) return;
    queue = queue.then(async () => {
      const { text, error, fromLogService } = await consoleText(message);
      appendFileSync(consoleLog, `${text}\n`);
      // Answered beside the queue: a slow request must not hold back the
      // test output that follows it.
      if (text.startsWith(driverMarker)) {
        const answering = answer(text);
        inFlight.add(answering);
        void answering.finally(() => inFlight.delete(answering));
        return;
      }
      if (text.startsWith(testMarker)) {
        const outcome = text.slice(testMarker.length).split(' ', 1)[0];
        if (outcome in seen) seen[outcome] += 1;
        return;
      }
      if (text.startsWith(resultsMarker)) {
        counts = JSON.parse(text.slice(resultsMarker.length));
        testsRunning = false;
        return;
      }
      if (runnerStart.test(text)) {
        testsRunning = true;
        resolveStarted();
      }
      // The extension host's console reaches the page through the workbench's
      // log service; the page's own chatter (webview frames, the tokenizer) does not.
      const relay = verbose || (testsRunning && fromLogService) || (error && !isNoise(text));
      if (relay) console.log(text.replace(/^/gm, `[${label}] `));
    });
  });
  page.on('pageerror', (error) => appendFileSync(consoleLog, `page error: ${error.message}\n`));

  // Two bounds: the workbench must start the tests within startTimeoutMs, and
  // the whole run end within timeoutMs (mocha bounds each test on its own).
  const timers = [];
  const timeout = new Promise((resolve) => {
    timers.push(setTimeout(() => resolve(`no result within ${timeoutMs / 1000} s`), timeoutMs));
    const startTimer = setTimeout(() => resolve(`the tests did not start within ${startTimeoutMs / 1000} s`), startTimeoutMs);
    timers.push(startTimer);
    started.then(() => clearTimeout(startTimer));
  });
  await page.goto(url);
  const outcome = await Promise.race([exit, timeout]);
  timers.forEach(clearTimeout);
  await queue;
  await Promise.allSettled([...inFlight]);
  const timedOut = typeof outcome === 'string';
  if (timedOut) {
    console.error(`[${label}] ${outcome}; screenshot: ${label}-timeout.png, console: ${consoleLog}`);
    await page.screenshot({ path: join(screenshotsDir, `${label}-timeout.png`) }).catch(() => {});
  }
  closing = true; // what the workbench logs while it is torn down is no news
  await page.close();
  // Without the closing counts (a run cut short), what was seen test by test.
  return { exitCode: timedOut ? undefined : Number(outcome), counts: counts ?? seen, complete: Boolean(counts), timedOut };
}

/** Frames that hold webview content (notebook outputs, panels). */
/**
 * Scrolls the notebook, with the mouse wheel as a person would, until the
 * middle of `target` (in a webview) lies inside the editor area. Notebook
 * outputs live in one tall webview that the notebook moves under its own
 * view, so the frame's own scrollIntoView cannot bring them into sight.
 */
async function bringIntoEditorView(page, target) {
  const editorBox = await page.locator('.part.editor').first().boundingBox();
  const viewport = page.viewportSize();
  const top = Math.max(0, editorBox?.y ?? 0);
  const bottom = Math.min(viewport?.height ?? Infinity, editorBox ? editorBox.y + editorBox.height : Infinity);
  if (!Number.isFinite(bottom)) return;
  const middle = (top + bottom) / 2;
  for (let attempt = 0; attempt < 12; attempt += 1) {
    const box = await target.boundingBox();
    if (!box) return;
    const centre = box.y + box.height / 2;
    if (centre > top + 20 && centre < bottom - 20) return;
    await page.mouse.move((editorBox?.x ?? 0) + (editorBox?.width ?? 0) / 2, middle);
    await page.mouse.wheel(0, Math.max(-800, Math.min(800, centre - middle)));
    await page.waitForTimeout(400); // the notebook may scroll smoothly
  }
}

function webviewFrames(page) {
  return page.frames().filter((frame) => frame.url().includes(webviewFrame));
}

/**
 * The workbench logs through its log service, which prefixes a CSS-styled
 * level ('%c INFO', 'color: …') and passes the original arguments on
 * unformatted; apply the format here.
 */
async function consoleText(message) {
  const error = message.type() === 'error';
  let args;
  try {
    args = await Promise.all(message.args().map((arg) => arg.jsonValue()));
  } catch {
    return { text: message.text(), error, fromLogService: false };
  }
  if (typeof args[0] === 'string' && args[0].startsWith('%c')) {
    const level = args[0].slice(2).trim();
    args = args.slice(2);
    return { text: format(...args), error: error || level === 'ERR', fromLogService: true };
  }
  return { text: args.length ? format(...args) : message.text(), error, fromLogService: false };
}

/** Errors a fresh, offline workbench always logs. */
function isNoise(text) {
  return /Failed to load resource|Manifest fetch|ServiceWorker|bad HTTP response code \(404\)|ENOTFOUND|ERR_NAME_NOT_RESOLVED|net::ERR_|Long running operations during shutdown/.test(text);
}

function writeAnswer(dir, id, answer) {
  const file = join(dir, `${String(id).replace(/[^\w-]/g, '')}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(answer));
  renameSync(`${file}.tmp`, file);
}

/**
 * A mouse click on a webview element; when the workbench draws over it (the
 * notebook's sticky headers of the cells above can cover an output scrolled
 * to the top of the editor), the element gets the click as an event instead.
 */
async function clickThroughOverlays(target) {
  try {
    await target.click({ timeout: 5_000 });
  } catch (error) {
    if (!/intercepts pointer events/.test(String(error?.message))) throw error;
    console.error(`webviewClick: the workbench covers the element (${String(error.message).split('\n')[0]}); dispatching the click to it`);
    await target.dispatchEvent('click');
  }
}
