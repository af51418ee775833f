/**
 * The sequence chart at scale, in headless Chromium against the built
 * renderer bundle: first paint (trace in hand → first frame on screen) and
 * scroll frame times at 1,000, 10,000 and 100,000 events. Maelstrom stops
 * drawing at 10,000 events; our target is a 100,000-event trace open in
 * under a second and scrolling smoothly. Run: npm run bench chart
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigTrace } from '../test/fixtures/traces/bigTrace';
import { mainThreadCpuMs } from './chartCpuTime';
import { screenshots, settled, startHarness } from '../test/webview/harness';

/** Trace sizes to measure; CHART_BENCH_EVENTS=1000 (a comma-separated list) measures fewer, for a quick check that the bench runs. */
const SIZES = process.env.CHART_BENCH_EVENTS ? process.env.CHART_BENCH_EVENTS.split(',').map(Number) : [1_000, 10_000, 100_000];
const MAELSTROM_LIMIT = 10_000;
const FIRST_PAINT_TARGET_MS = 1_000;
const SCROLL_FRAMES = 120;
const OPENS = 5;

interface Figures {
  events: number;
  megabytes: number;
  parseMs: number;
  firstPaintMs: number;
  firstPaintMedianMs: number;
  firstPaintCpuMs: number;
  parseCpuMs: number;
  scroll: { p50: number; p95: number; max: number };
  jump: { p50: number; p95: number; max: number };
  drawP95: number;
  fitDrawMs: number;
}

async function main(): Promise<void> {
const generated = mkdtempSync(join(tmpdir(), 'pn-chart-bench-'));
const harness = await startHarness({ generated });
const results: Figures[] = [];
try {
  for (const size of SIZES) {
    const text = JSON.stringify(bigTrace(size));
    writeFileSync(join(generated, `${size}.json`), text);
    // The machine may be shared: each size is opened several times and the best and median runs are reported.
    const opens: { firstPaint: number; parse: number; cpu: number; parseCpu: number }[] = [];
    let page = await harness.browser.newPage({ viewport: { width: 1100, height: 900 } });
    for (let attempt = 0; attempt < OPENS; attempt++) {
      if (attempt > 0) {
        await page.close();
        page = await harness.browser.newPage({ viewport: { width: 1100, height: 900 } });
      }
      await page.addInitScript('window.__name = (f) => f');
      await harness.browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'toplevel', 'disabled-by-default-devtools.timeline'] });
      await page.goto(`${harness.url}/renderer.html?fixture=generated/${size}.json&theme=dark`);
      await page.waitForFunction(() => 'firstFrame' in window, undefined, { timeout: 120_000 });
      const trace = await harness.browser.stopTracing();
      const wall = await page.evaluate(() => {
        const w = window as unknown as { firstFrame: number; renderStart: number; parseMs: number };
        return { firstPaint: w.firstFrame - w.renderStart, parse: w.parseMs };
      });
      opens.push({ ...wall, cpu: mainThreadCpuMs(trace, 'pn-render-start', 'pn-first-frame'), parseCpu: mainThreadCpuMs(trace, 'pn-parse-start', 'pn-render-start') });
    }
    const firstPaints = opens.map((o) => o.firstPaint).sort((a, b) => a - b);
    const parses = opens.map((o) => o.parse).sort((a, b) => a - b);
    const cpus = opens.map((o) => o.cpu).sort((a, b) => a - b);
    const parseCpus = opens.map((o) => o.parseCpu).sort((a, b) => a - b);
    await settled(page);
    await page.screenshot({ path: join(screenshots, `chart-${size}-events.png`) });
    const measured = await page.evaluate(async (frames) => {
      const root = document.querySelector('[data-testid=chart]')!;
      const scroller = document.querySelector<HTMLElement>('.pn-scroller')!;
      const draws: number[] = [];
      root.addEventListener('pn-drawn', (e) => draws.push((e as CustomEvent<{ ms: number }>).detail.ms));
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
      const run = async (move: (i: number) => void) => {
        const intervals: number[] = [];
        let last = await frame();
        for (let i = 0; i < frames; i++) {
          move(i);
          const now = await frame();
          intervals.push(now - last);
          last = now;
        }
        return intervals;
      };
      // Smooth scrolling (wheel-like steps), then jumps across the whole trace (scrollbar drags).
      const scroll = await run(() => (scroller.scrollTop += 60));
      const max = scroller.scrollHeight - scroller.clientHeight;
      const jump = await run((i) => (scroller.scrollTop = ((i * 7919) % frames) / frames * max));
      const drawnWhileScrolling = draws.slice();
      const fitButton = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Fit')!;
      draws.length = 0;
      fitButton.click();
      await frame();
      await frame();
      return { scroll, jump, draws: drawnWhileScrolling, fit: draws[0] ?? NaN };
    }, SCROLL_FRAMES);
    const stats = (xs: number[]) => {
      const s = xs.slice().sort((a, b) => a - b);
      const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
      return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
    };
    await page.screenshot({ path: join(screenshots, `chart-${size}-events-fit.png`) });
    results.push({
      events: size,
      megabytes: text.length / 1e6,
      parseMs: parses[0]!,
      firstPaintCpuMs: cpus[Math.floor(cpus.length / 2)]!,
      parseCpuMs: parseCpus[Math.floor(parseCpus.length / 2)]!,
      firstPaintMs: firstPaints[0]!,
      firstPaintMedianMs: firstPaints[Math.floor(firstPaints.length / 2)]!,
      scroll: stats(measured.scroll),
      jump: stats(measured.jump),
      drawP95: stats(measured.draws).p95,
      fitDrawMs: measured.fit,
    });
    await page.close();
  }
} finally {
  await harness.close();
  rmSync(generated, { recursive: true, force: true });
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const load = loadavg()[0]!;
console.log(`Load average during the run: ${load.toFixed(1)} on ${availableParallelism()} cores${load > availableParallelism() ? ' — the machine was busy; figures are pessimistic' : ''}.`);
console.log('Sequence chart in headless Chromium (renderer bundle, canvas + virtual scrolling), dark theme, 1100x900');
console.log('events    JSON MB  JSON.parse  first paint (best/median)  first paint CPU  parse CPU  scroll frame p50/p95/max     jump frame p50/p95/max       draw p95  fit-all draw');
for (const r of results) {
  console.log(
    [
      r.events.toLocaleString('en-US').padStart(7),
      r.megabytes.toFixed(1).padStart(7),
      ms(r.parseMs).padStart(10),
      `${ms(r.firstPaintMs)} / ${ms(r.firstPaintMedianMs)}`.padStart(26),
      ms(r.firstPaintCpuMs).padStart(15),
      ms(r.parseCpuMs).padStart(9),
      `${ms(r.scroll.p50)} / ${ms(r.scroll.p95)} / ${ms(r.scroll.max)}`.padStart(28),
      `${ms(r.jump.p50)} / ${ms(r.jump.p95)} / ${ms(r.jump.max)}`.padStart(28),
      ms(r.drawP95).padStart(9),
      ms(r.fitDrawMs).padStart(12),
    ].join('  '),
  );
}
console.log(`Reference: Maelstrom stops drawing at ${MAELSTROM_LIMIT.toLocaleString('en-US')} events (SVG). A frame at 60 Hz is 16.7 ms.`);
const biggest = results.find((r) => r.events === 100_000);
if (biggest) {
  const total = biggest.firstPaintCpuMs + biggest.parseCpuMs;
  const ok = total < FIRST_PAINT_TARGET_MS;
  console.log(
    `Target: 100,000 events open in under ${FIRST_PAINT_TARGET_MS} ms — ${ok ? 'met' : 'NOT met'}: ${ms(total)} of main-thread CPU from output JSON to first frame (parse ${ms(biggest.parseCpuMs)} + chart ${ms(biggest.firstPaintCpuMs)}); wall clock best ${ms(biggest.parseMs + biggest.firstPaintMs)}, median chart ${ms(biggest.firstPaintMedianMs)} on this machine's load.`,
  );
  console.log(`Scrolling 100,000 events: p95 frame ${ms(biggest.scroll.p95)} (smooth at ≤ 16.7 ms + jitter); p95 draw ${ms(biggest.drawP95)}.`);
}
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
