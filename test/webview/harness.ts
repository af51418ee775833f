/**
 * Serves the built webview bundles to Debian's Chromium (driven by
 * playwright-core) in pages that stand in for VS Code's webviews: themed with
 * the `--vscode-*` variables, the renderer given a renderer context, the panel
 * given `acquireVsCodeApi`. Screenshots go to test-results/screenshots/.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { tracePanelHtml } from '../../src/notebook/tracePanelHtml';
import { THEMES, themeCss, type ThemeKind } from './themes';

export const root = join(import.meta.dirname, '..', '..');
export const screenshots = join(root, 'test-results', 'screenshots');
const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.html': 'text/html', '.map': 'application/json' };
const served = ['dist/webview/', 'test/fixtures/traces/', 'node_modules/mermaid/dist/'];

export interface Harness {
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

/** `generated`: a folder served as /generated/ (the benchmark's big traces). */
export async function startHarness(options: { generated?: string } = {}): Promise<Harness> {
  if (!existsSync(join(root, 'dist', 'webview', 'renderer.js'))) throw new Error('dist/webview is not built: run `node esbuild.mjs` first');
  mkdirSync(screenshots, { recursive: true });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const page = url.pathname === '/renderer.html' ? rendererPage(url.searchParams) : url.pathname === '/panel.html' ? panelPage(url.searchParams) : undefined;
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
      return;
    }
    const path = normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, '');
    if (options.generated && path.startsWith('generated/') && !path.includes('..') && existsSync(join(options.generated, path.slice('generated/'.length)))) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(readFileSync(join(options.generated, path.slice('generated/'.length))));
      return;
    }
    if (!served.some((prefix) => path.startsWith(prefix)) || !existsSync(join(root, path))) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(join(root, path)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return { browser, url: `http://127.0.0.1:${port}`, close: () => closeAll(browser, server) };
}

async function closeAll(browser: Browser, server: Server): Promise<void> {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
}

function theme(params: URLSearchParams): ThemeKind {
  const kind = params.get('theme');
  return kind === 'dark' || kind === 'high-contrast' ? kind : 'light';
}

/** A page like VS Code's notebook output webview: the renderer module activated with a context. */
function rendererPage(params: URLSearchParams): string {
  const kind = theme(params);
  const width = Number(params.get('width') ?? 980);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${themeCss(kind)}</style></head>
<body class="${THEMES[kind].bodyClass}" data-vscode-theme-kind="${THEMES[kind].bodyClass}">
<div id="out" style="width:${width}px"></div>
<script type="module">
const params = new URLSearchParams(location.search);
const messaging = params.get('messaging') === '1';
window.posted = [];
const listeners = [];
window.sendToRenderer = (message) => listeners.forEach((l) => l(message));
const { activate } = await import('/dist/webview/renderer.js');
// The renderer's state lives as long as the page, as it does for the life of a notebook's webview.
window.rendererState = undefined;
const context = {
  getState: () => window.rendererState, setState: (state) => { window.rendererState = structuredClone(state); }, workspace: { isTrusted: true }, settings: { lineLimit: 30 },
  getRenderer: async () => undefined,
  ...(messaging ? { postMessage: (m) => window.posted.push(m), onDidReceiveMessage: (l) => { listeners.push(l); return { dispose() {} }; } } : {}),
};
const api = await activate(context);
const source = params.get('fixture');
// Or the output's data inline, under another MIME type (\`mime\`).
const inline = params.get('json');
const mime = params.get('mime') ?? 'application/vnd.protocol-notebook.run+json';
const text = inline ?? await (await fetch(source.startsWith('generated/') ? '/' + source : '/test/fixtures/traces/' + source)).text();
const parseStart = performance.now();
performance.mark('pn-parse-start');
const data = JSON.parse(text);
window.parseMs = performance.now() - parseStart;
const payload = params.get('wrap') === '0' || inline ? data : { trace: data, stats: data.stats };
performance.mark('pn-render-start');
window.renderStart = performance.now();
const item = { id: 'output-1', mime, metadata: {}, json: () => payload, text: () => JSON.stringify(payload), blob: () => new Blob([JSON.stringify(payload)]), data: () => new TextEncoder().encode(JSON.stringify(payload)) };
api.renderOutputItem(item, document.getElementById('out'), new AbortController().signal);
// Draws the same output again, as VS Code does when it shows the notebook's outputs anew.
window.rerender = () => api.renderOutputItem(item, document.getElementById('out'), new AbortController().signal);
window.rendered = performance.now();
requestAnimationFrame(() => { window.firstFrame = performance.now(); performance.mark('pn-first-frame'); });
</script></body></html>`;
}

/** The real panel page (its CSP included), with a stand-in for VS Code's webview API. */
function panelPage(params: URLSearchParams): string {
  const kind = theme(params);
  const html = tracePanelHtml({ cspSource: 'http://127.0.0.1:*', nonce: 'test-nonce', scriptUri: '/dist/webview/panel.js', styleUri: '/dist/webview/chart.css', title: 'Run' });
  return html
    .replace('</head>', `<style nonce="test-nonce">${themeCss(kind)}</style></head>`)
    .replace(`style-src http://127.0.0.1:*`, `style-src http://127.0.0.1:* 'nonce-test-nonce'`)
    .replace('<body>', `<body class="${THEMES[kind].bodyClass}">`);
}

/** Waits until the chart has drawn its latest frame. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 150)))));
}

/**
 * `json`: the output's data itself (a run output or a bare trace), served
 * under the name `fixture`; `init`: runs before the page loads (init scripts).
 */
export async function openRenderer(harness: Harness, fixture: string, options: { theme?: ThemeKind; messaging?: boolean; width?: number; json?: unknown; init?: (page: Page) => Promise<void> } = {}): Promise<Page> {
  const page = await harness.browser.newPage({ viewport: { width: (options.width ?? 980) + 40, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // tsx compiles test code with esbuild's keepNames; functions passed to page.evaluate may call its helper.
  await page.addInitScript('window.__name = (f) => f');
  await options.init?.(page);
  // Inline data is served as if it were a fixture file (a URL could not hold a whole trace), and passed on as it is.
  if (options.json !== undefined) await page.route(`**/test/fixtures/traces/${fixture}`, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(options.json) }));
  const query = new URLSearchParams({ fixture, theme: options.theme ?? 'light', messaging: options.messaging ? '1' : '0', width: String(options.width ?? 980), ...(options.json !== undefined ? { wrap: '0' } : {}) });
  await page.goto(`${harness.url}/renderer.html?${query}`);
  await page.waitForSelector('[data-testid=chart] canvas');
  await settled(page);
  if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
  return page;
}

/** Where event `index` is drawn (client coordinates), after scrolling it into view. */
export async function locate(page: Page, index: number, options: { select?: boolean } = {}): Promise<{ x: number; y: number }> {
  if (options.select !== false) {
    await page.evaluate((i) => document.querySelector('[data-testid=chart]')!.dispatchEvent(new CustomEvent('pn-select', { detail: { index: i } })), index);
    await settled(page);
  }
  const point = await page.evaluate((i) => {
    const detail: { index: number; point?: { x: number; y: number } } = { index: i };
    document.querySelector('[data-testid=chart]')!.dispatchEvent(new CustomEvent('pn-locate', { detail }));
    return detail.point;
  }, index);
  if (!point) throw new Error(`event #${index} is not drawn`);
  return point;
}

/** A line of text the chart drew on its canvas, with its box in client (page) coordinates. */
export interface DrawnText {
  text: string;
  color: string;
  font: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Records the text the canvas draws from now on (install before the page loads); read it with `drawnTexts`. */
export async function recordCanvasText(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const texts: unknown[] = [];
    (window as unknown as { drawnTexts: unknown[] }).drawnTexts = texts;
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
      const m = this.getTransform();
      const width = this.measureText(text).width;
      const size = Number.parseFloat(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? '12');
      const left = this.textAlign === 'center' ? x - width / 2 : this.textAlign === 'right' || this.textAlign === 'end' ? x - width : x;
      const top = this.textBaseline === 'middle' ? y - size / 2 : this.textBaseline === 'top' ? y : y - size;
      const canvas = this.canvas;
      const box = canvas.getBoundingClientRect();
      const scale = box.width / canvas.width;
      texts.push({ text, color: String(this.fillStyle), font: this.font, left: box.left + (m.a * left + m.e) * scale, top: box.top + (m.d * top + m.f) * scale, width: m.a * width * scale, height: m.d * size * scale });
      return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
    };
  });
}

/** The text drawn since the last call (the canvas redraws it all each frame: call after `settled`, then redraw). */
export async function drawnTexts(page: Page): Promise<DrawnText[]> {
  return page.evaluate(() => {
    const texts = (window as unknown as { drawnTexts: DrawnText[] }).drawnTexts;
    return texts.splice(0, texts.length);
  });
}

/** Redraws the chart once (as a scroll does) and resolves with the text of that frame. */
export async function redrawnTexts(page: Page): Promise<DrawnText[]> {
  await settled(page);
  await drawnTexts(page);
  await page.evaluate(() => document.querySelector('.pn-scroller')!.dispatchEvent(new Event('scroll')));
  await settled(page);
  return drawnTexts(page);
}

/** The canvas colours around a point, as hex strings. */
export async function colorsNear(page: Page, point: { x: number; y: number }, radius = 6): Promise<Set<string>> {
  const colors = await page.evaluate(({ x, y, r }) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=chart] canvas')!;
    const box = canvas.getBoundingClientRect();
    const scale = canvas.width / box.width;
    const data = canvas.getContext('2d')!.getImageData(Math.round((x - box.left - r) * scale), Math.round((y - box.top - r) * scale), Math.round(2 * r * scale), Math.round(2 * r * scale)).data;
    const out: string[] = [];
    for (let i = 0; i < data.length; i += 4) out.push(`#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`);
    return out;
  }, { x: point.x, y: point.y, r: radius });
  return new Set(colors);
}

/** True when `colors` holds `hex` or a colour within `tolerance` of it per channel (antialiasing). */
export function hasColor(colors: Set<string>, hex: string, tolerance = 12): boolean {
  const rgb = (h: string) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
  const want = rgb(hex);
  return [...colors].some((c) => rgb(c).every((v, i) => Math.abs(v - want[i]!) <= tolerance));
}

/** Replaces the clipboard with a recorder and returns a reader of what was copied. */
export async function recordClipboard(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const copied: string[] = [];
    (window as unknown as { copied: string[] }).copied = copied;
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (text: string) => void copied.push(text) }, configurable: true });
  });
  return () => page.evaluate(() => (window as unknown as { copied: string[] }).copied);
}
