// Talks to the harness that drives the browser around the workbench
// (scripts/test-vscode.mjs): screenshots at a chosen moment, and reading or
// clicking inside webviews (where notebook outputs are rendered) and in the
// workbench itself (dialogs, the Problems panel), which the vscode API cannot reach.
//
// The request is a console line `@@driver {"id","action",...}`: the
// extension host's console reaches the page, where the harness sees it, acts
// and writes its answer to <PROTOCOL_NOTEBOOK_TEST_DRIVER>/<id>.json, which
// this side (on the same machine) polls for.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

export const driverMarker = '@@driver';

const answers = process.env.PROTOCOL_NOTEBOOK_TEST_DRIVER;

/** True when a browser harness is listening (not under @vscode/test-electron). */
export const harnessAvailable = Boolean(answers);

/** An element found in a webview: its text and attributes. */
export interface WebviewElement {
  text: string;
  attributes: Record<string, string>;
}

/**
 * Saves a screenshot of the whole workbench as
 * test-results/screenshots/<run>-<name>.png and resolves once it is written;
 * without a harness, does nothing. Returns the file's path, if any.
 */
export async function screenshot(name: string): Promise<string | undefined> {
  if (!harnessAvailable) return undefined;
  return request<string>('screenshot', { name }, 20_000);
}

/** Elements matching a CSS selector in every webview (notebook outputs, panels), in page order. */
export async function webviewElements(selector: string): Promise<WebviewElement[]> {
  requireHarness('webviewElements');
  return request<WebviewElement[]>('webviewElements', { selector });
}

/** Clicks the first element matching `selector` in any webview; fails if there is none. */
export async function clickInWebview(selector: string): Promise<void> {
  requireHarness('clickInWebview');
  await request<true>('webviewClick', { selector });
}

/**
 * Clicks, with the mouse, where the first chart matching the CSS selector
 * `chart` draws event `index` (an arrowhead or a mark); fails if it is not in view.
 */
export async function clickChartEvent(chart: string, index: number): Promise<void> {
  requireHarness('clickChartEvent');
  await request<true>('webviewClickChartEvent', { chart, index });
}

/** Where an element was in the page (its top) and how far it had scrolled itself. */
export interface ScrollPlace {
  top: number;
  scrollTop: number;
}

/**
 * Turns the mouse wheel by `deltaY` over the middle of the first element
 * matching `selector` in any webview, as a person would; says where the
 * element was and how far it had scrolled, before and after.
 */
export async function wheelInWebview(selector: string, deltaY: number): Promise<{ before: ScrollPlace; after: ScrollPlace }> {
  requireHarness('wheelInWebview');
  return request('webviewWheel', { selector, deltaY });
}

/** An element of the workbench page itself; `value` is an input's current value. */
export interface WorkbenchElement extends WebviewElement {
  value?: string;
}

/** Elements matching a CSS selector in the workbench page (not inside webviews), in page order. */
export async function workbenchElements(selector: string): Promise<WorkbenchElement[]> {
  requireHarness('workbenchElements');
  return request<WorkbenchElement[]>('workbenchElements', { selector });
}

/** Clicks, with the mouse, the first workbench element matching `selector` (and containing `text`, if given). */
export async function clickInWorkbench(selector: string, text?: string): Promise<void> {
  requireHarness('clickInWorkbench');
  await request<true>('workbenchClick', { selector, text });
}

/** Presses a key in the workbench, as Playwright names keys ("Enter", "Control+S"). */
export async function pressKey(key: string): Promise<void> {
  requireHarness('pressKey');
  await request<true>('workbenchPress', { key });
}

function requireHarness(what: string): void {
  if (!harnessAvailable) throw new Error(`${what} needs the browser harness (npm test / scripts/test-vscode.mjs)`);
}

async function request<T>(action: string, args: Record<string, unknown>, timeoutMs = 60_000): Promise<T> {
  const id = randomUUID();
  const answerFile = join(answers as string, `${id}.json`);
  console.log(`${driverMarker} ${JSON.stringify({ id, action, ...args })}`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(answerFile)) {
    if (Date.now() > deadline) throw new Error(`the harness did not answer ${action} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const answer = JSON.parse(readFileSync(answerFile, 'utf8')) as { ok: true; value: T } | { ok: false; error: string };
  if (!answer.ok) throw new Error(`${action}: ${answer.error}`);
  return answer.value;
}
