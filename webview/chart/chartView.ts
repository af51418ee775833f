/**
 * The sequence chart as a page component, shared by the notebook renderer
 * and the trace panel: toolbar (verdicts, violation navigation, scale, zoom,
 * filters, export), the canvas over a virtual scroller, hover text, keyboard
 * navigation, an accessible list of the events in view, and the details of
 * the selected event.
 */
import type { ChartRequest, ChartViewState } from '../../src/common/chartMessages';
import type { Trace, TraceEvent } from '../../src/common/traceFormat';
import { renderDetails } from './chartDetails';
import { hiddenCount, visibleEvents, type ChartFilter } from './chartFilter';
import { basePixelsPerTime, HEADER_HEIGHT, layoutChart, type TimeScale } from './chartLayout';
import { buildChartModel } from './chartModel';
import { ChartScene } from './chartScene';
import { readTheme, type ChartTheme } from './chartTheme';
import { buildToolbar } from './chartToolbar';
import { el } from './dom';
import { drawChart, type DrawnFrame } from './drawChart';
import { renderTooltip, summaryText } from './chartTooltip';
import { describeEvent, describeTimes, formatCount } from './eventText';
import { exportMermaid } from './exportMermaid';
import { exportSvg, SVG_ELEMENT_LIMIT } from './exportSvg';
import { hitTest, type Hit } from './hitTest';
import { outputBox } from './outputBox';

export interface ChartHost {
  /** Sends a request to the extension; absent where messaging is unavailable. */
  post?: (request: ChartRequest) => void;
  /** Remembers the view (panel state); called after changes settle. */
  saveState?: (state: ChartViewState) => void;
  /** `output`: a bounded height under a notebook cell; `panel`: fills the page. */
  mode: 'output' | 'panel';
  title?: string;
  /** The run output's key (`RUN_OUTPUT_KEY` in its metadata), so the extension can tell which cell a request is about. */
  outputKey?: string;
}

export interface ChartHandle {
  readonly root: HTMLElement;
  state(): ChartViewState;
  /** Selects an event (undefined clears) and scrolls it into view. */
  select(index: number | undefined): void;
  /** Where an event is drawn, in client (page) coordinates; undefined when hidden or out of view. */
  locate(index: number): { x: number; y: number } | undefined;
  showStatus(text: string, ok?: boolean): void;
  dispose(): void;
}

/** Browsers cap element heights (Chrome near 33M px); scroll distances past this are scaled. */
const MAX_SPACER = 8_000_000;
const OUTPUT_MAX_HEIGHT = 460;
const MIN_ZOOM = 1e-4;
const MAX_ZOOM = 40;

export function mountChart(container: HTMLElement, trace: Trace, host: ChartHost, initial?: Partial<ChartViewState>): ChartHandle {
  const model = buildChartModel(trace);
  const basePx = basePixelsPerTime(model);
  const violationEvents = [...new Set([...model.violations.map((v) => v.i), ...trace.properties.flatMap((p) => (p.status === 'fail' && p.violatingEvent !== undefined ? [p.violatingEvent] : []))])].sort((a, b) => a - b);
  let scale: TimeScale = initial?.scale ?? 'time';
  let zoom = initial?.zoom ?? 1;
  let filter: ChartFilter = { hiddenNodes: new Set(initial?.hiddenNodes ?? []), hiddenTypes: new Set(initial?.hiddenTypes ?? []), hiddenTimers: new Set(initial?.hiddenTimers ?? []) };
  let selected: number | undefined = initial?.selected;
  let hovered: Hit | undefined;
  let frame: DrawnFrame = { arrows: [], marks: [], labels: [], dense: false };
  let theme: ChartTheme;
  let scene: ChartScene;
  let navigable: TraceEvent[] = visibleEvents(filter, model);

  const root = el('div', { className: `pn-chart pn-chart--${host.mode}`, attrs: { 'data-testid': 'chart' } });
  const canvas = el('canvas', { className: 'pn-canvas', attrs: { 'aria-hidden': 'true' } });
  const spacer = el('div', { className: 'pn-spacer' });
  const scroller = el('div', { className: 'pn-scroller' }, [spacer]);
  const tooltip = el('div', { className: 'pn-tooltip', attrs: { role: 'tooltip', hidden: '' } });
  const stage = el('div', {
    className: 'pn-stage',
    attrs: {
      tabindex: '0',
      role: 'application',
      'aria-roledescription': 'message sequence chart',
      'aria-label': `Message sequence chart of ${trace.nodes.length} nodes and ${trace.events.length} events. J and K move to the next and previous event, N and P to the next and previous violation, plus and minus zoom, Escape clears the selection.`,
    },
  }, [canvas, scroller, tooltip]);
  const eventList = el('ol', { className: 'pn-visually-hidden pn-events', attrs: { 'aria-label': 'Events in view' } });
  const live = el('div', { className: 'pn-visually-hidden', attrs: { 'aria-live': 'polite', 'data-testid': 'announce' } });
  const details = el('section', { className: 'pn-details', attrs: { 'aria-label': 'Selected event' } });
  const status = el('div', { className: 'pn-status', attrs: { role: 'status' } });
  const ctx = canvas.getContext('2d', { alpha: false })!;

  // ---- toolbar
  const { verdicts, tools, filterCount } = buildToolbar(model, filter, scale, {
    selectEvent: (index) => select(index, true),
    stepViolation: (direction) => stepViolation(direction),
    setScale: (next) => setScale(next),
    zoomBy: (factor) => zoomBy(factor),
    fit: () => fit(),
    toggle: (which, names, shown) => updateFilter(which, names, shown),
    copy: (format) => void copy(format),
    ...(host.mode === 'output' && host.post ? { openPanel: () => host.post?.({ type: 'openTracePanel', trace, title: host.title ?? `Run (seed ${trace.seed})`, ...(host.outputKey ? { outputKey: host.outputKey } : {}) }) } : {}),
  });
  const summary = el('div', { className: 'pn-summary', text: summaryText(model) });
  // Under a cell the chart is a box in the notebook: a handle sets its height, and it takes the wheel only with focus.
  const box = host.mode === 'output'
    ? outputBox(stage, initial?.height, {
        resize: () => relayout(),
        commit: () => {
          relayout();
          requestDraw();
          save();
        },
      })
    : undefined;
  root.append(el('div', { className: 'pn-bar' }, [verdicts, tools]), summary, el('div', { className: 'pn-body' }, [box?.element ?? stage, details]), status, eventList, live);
  container.append(root);

  // ---- layout and drawing
  let ratio = 1;
  let contentHeight = 0;
  const shownLanes = () => model.lanes.filter((l) => !filter.hiddenNodes.has(l.id)).map((l) => l.index);
  const relayout = () => {
    const width = scroller.clientWidth || container.clientWidth || 800;
    scene = new ChartScene(model, layoutChart(model, { scale, zoom, viewWidth: width, shownLanes: shownLanes() }, basePx), filter);
    contentHeight = scene.layout.contentHeight;
    if (host.mode === 'output') {
      const height = box?.height() ?? Math.min(OUTPUT_MAX_HEIGHT, Math.max(260, contentHeight + 16));
      stage.style.height = `${height}px`;
      // The details column beside the chart is as tall as the chart and scrolls inside.
      root.style.setProperty('--pn-stage-height', `${height}px`);
    }
    const spacerHeight = Math.min(contentHeight, MAX_SPACER);
    spacer.style.height = `${spacerHeight}px`;
    spacer.style.width = `${scene.layout.contentWidth}px`;
    const view = scroller.clientHeight;
    ratio = contentHeight > MAX_SPACER ? (contentHeight - view) / Math.max(1, spacerHeight - view) : 1;
  };
  const contentTop = () => scroller.scrollTop * ratio;
  const scrollToContent = (y: number) => {
    scroller.scrollTop = y / ratio;
  };

  let drawPending = false;
  let listTimer: ReturnType<typeof setTimeout> | undefined;
  const draw = () => {
    drawPending = false;
    const width = scroller.clientWidth;
    const height = scroller.clientHeight;
    if (width === 0 || height === 0) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const started = performance.now();
    frame = drawChart(ctx, scene, theme, { left: scroller.scrollLeft, top: contentTop(), width, height }, {
      ...(selected !== undefined ? { selected } : {}),
      ...(hovered ? { hovered: hovered.event.i } : {}),
      violations: new Set(violationEvents),
    });
    // Hosts and benchmarks can watch frames: `detail.ms` is the time the frame took to draw.
    root.dispatchEvent(new CustomEvent('pn-drawn', { detail: { ms: performance.now() - started } }));
    clearTimeout(listTimer);
    listTimer = setTimeout(updateEventList, 120);
  };
  const requestDraw = () => {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(draw);
  };

  /** The accessible list mirrors what is on screen (virtualized like the canvas). */
  const updateEventList = () => {
    const seen = new Map<number, TraceEvent>();
    for (const g of frame.marks) seen.set(g.mark.event.i, g.mark.event);
    for (const g of frame.arrows) {
      seen.set(g.arrow.sendEvent.i, g.arrow.sendEvent);
      if (g.arrow.endEvent) seen.set(g.arrow.endEvent.i, g.arrow.endEvent);
    }
    const events = [...seen.values()].sort((a, b) => a.i - b.i).slice(0, 300);
    eventList.replaceChildren(
      ...events.map((e) =>
        el('li', { text: `#${e.i} ${describeTimes(e)}: ${describeEvent(trace, e)}`, attrs: { 'data-event': String(e.i), 'data-kind': e.kind, ...(e.i === selected ? { 'aria-current': 'true' } : {}) } }),
      ),
    );
  };

  // ---- selection and navigation
  const announce = (text: string) => {
    live.textContent = text;
  };
  const save = debounce(() => host.saveState?.(state()), 300);
  function select(index: number | undefined, reveal = false): void {
    selected = index;
    const event = index !== undefined ? model.eventAt(index) : undefined;
    renderDetails(details, trace, event, { ...(host.post ? { post: host.post } : {}), select: (i) => select(i, true) });
    if (event) {
      announce(`${describeEvent(trace, event)}, ${describeTimes(event)}`);
      if (reveal) revealEvent(event);
    }
    root.dataset.selected = index === undefined ? '' : String(index);
    requestDraw();
    save();
  }
  const revealEvent = (event: TraceEvent) => {
    const point = scene.pointOf(event);
    if (!point) return;
    const top = contentTop();
    const height = scroller.clientHeight;
    if (point.y < top + HEADER_HEIGHT + 20 || point.y > top + height - 30) scrollToContent(Math.max(0, point.y - (height + HEADER_HEIGHT) / 2));
    if (point.x < scroller.scrollLeft + 60 || point.x > scroller.scrollLeft + scroller.clientWidth - 60) scroller.scrollLeft = Math.max(0, point.x - scroller.clientWidth / 2);
  };
  const stepEvent = (direction: 1 | -1) => {
    if (navigable.length === 0) return;
    const position = selected === undefined ? -1 : lowerBound(navigable, selected);
    let next: number;
    if (selected === undefined) next = direction === 1 ? 0 : navigable.length - 1;
    else if (direction === 1) next = navigable[position]?.i === selected ? position + 1 : position;
    else next = position - 1;
    const event = navigable[Math.max(0, Math.min(navigable.length - 1, next))];
    if (event) select(event.i, true);
  };
  function stepViolation(direction: 1 | -1): void {
    if (violationEvents.length === 0) return announce('No violations in this run');
    const current = selected ?? (direction === 1 ? -1 : Infinity);
    const next = direction === 1 ? violationEvents.find((v) => v > current) ?? violationEvents[0]! : [...violationEvents].reverse().find((v) => v < current) ?? violationEvents[violationEvents.length - 1]!;
    select(next, true);
  }

  // ---- scale, zoom, filters
  const keepCenter = (change: () => void) => {
    const center = scene.layout.unitAt(contentTop() + scroller.clientHeight / 2);
    change();
    relayout();
    scrollToContent(Math.max(0, scene.layout.y(center) - scroller.clientHeight / 2));
    requestDraw();
    save();
  };
  function zoomBy(factor: number): void {
    keepCenter(() => (zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom * factor))));
  }
  function fit(): void {
    const units = scale === 'time' ? model.maxTime : model.maxLamport;
    const perUnit = scale === 'time' ? basePx : 26;
    const available = Math.max(100, scroller.clientHeight - HEADER_HEIGHT - 70);
    zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, available / Math.max(1e-9, units * perUnit)));
    relayout();
    // Busy instants take extra room, so the first guess can overshoot: correct once by what was laid out.
    const drawn = scene.layout.y(units) - scene.layout.y(0);
    if (drawn > available * 1.05) {
      zoom = Math.max(MIN_ZOOM, (zoom * available) / drawn);
      relayout();
    }
    scrollToContent(0);
    requestDraw();
    save();
  }
  function setScale(next: TimeScale): void {
    const event = selected !== undefined ? model.eventAt(selected) : undefined;
    scale = next;
    zoom = 1;
    relayout();
    if (event) revealEvent(event);
    requestDraw();
    save();
  }
  function updateFilter(which: keyof ChartFilter, names: readonly string[], shown: boolean): void {
    const next = new Set(filter[which]);
    for (const name of names) {
      if (shown) next.delete(name);
      else next.add(name);
    }
    filter = { ...filter, [which]: next };
    navigable = visibleEvents(filter, model);
    const hidden = hiddenCount(filter);
    filterCount.textContent = hidden ? `${hidden} hidden` : '';
    root.dataset.hidden = String(hidden);
    keepCenter(() => undefined);
  }

  async function copy(format: 'svg' | 'mermaid'): Promise<void> {
    let text: string;
    if (format === 'mermaid') text = exportMermaid(model, filter);
    else {
      const everything = navigable.length <= SVG_ELEMENT_LIMIT;
      text = exportSvg(scene, theme, everything ? undefined : { top: contentTop(), bottom: contentTop() + scroller.clientHeight * 4 });
    }
    root.dataset.lastExport = format;
    const what = format === 'svg' ? 'SVG' : 'Mermaid sequenceDiagram';
    try {
      await navigator.clipboard.writeText(text);
      showStatus(`Copied the chart as ${what} (${formatCount(text.length)} characters).`);
    } catch {
      if (host.post) host.post({ type: 'copyText', text, what });
      else showStatus(`Could not copy: the clipboard is not available here.`, false);
    }
  }

  function showStatus(text: string, ok = true): void {
    status.textContent = text;
    status.dataset.ok = String(ok);
  }

  // ---- pointer and keyboard
  const contentPoint = (e: MouseEvent) => {
    const box = scroller.getBoundingClientRect();
    return { x: e.clientX - box.left + scroller.scrollLeft, y: e.clientY - box.top + contentTop(), localX: e.clientX - box.left, localY: e.clientY - box.top };
  };
  scroller.addEventListener('scroll', requestDraw, { passive: true });
  // Pointer listeners sit on the stage: under a cell, the scroller takes no pointer events until the chart has focus.
  stage.addEventListener('pointermove', (e) => {
    const p = contentPoint(e);
    const hit = p.localY > HEADER_HEIGHT ? hitTest(frame, p.x, p.y) : undefined;
    if (hit?.event.i !== hovered?.event.i || hit?.arrow !== hovered?.arrow) {
      hovered = hit;
      requestDraw();
    }
    showTooltip(hit, p.localX, p.localY);
    stage.style.cursor = hit ? 'pointer' : 'default';
  });
  stage.addEventListener('pointerleave', () => {
    hovered = undefined;
    tooltip.hidden = true;
    requestDraw();
  });
  stage.addEventListener('click', (e) => {
    const p = contentPoint(e);
    const hit = p.localY > HEADER_HEIGHT ? hitTest(frame, p.x, p.y) : undefined;
    stage.focus({ preventScroll: true });
    select(hit?.event.i);
  });
  stage.addEventListener('wheel', (e) => {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    zoomBy(e.deltaY < 0 ? 1.25 : 0.8);
  }, { passive: false });
  stage.addEventListener('keydown', (e) => {
    const keys: Record<string, () => void> = {
      j: () => stepEvent(1),
      ArrowDown: () => stepEvent(1),
      k: () => stepEvent(-1),
      ArrowUp: () => stepEvent(-1),
      n: () => stepViolation(1),
      N: () => stepViolation(-1),
      p: () => stepViolation(-1),
      '+': () => zoomBy(1.5),
      '=': () => zoomBy(1.5),
      '-': () => zoomBy(1 / 1.5),
      '0': () => fit(),
      Home: () => navigable[0] && select(navigable[0].i, true),
      End: () => navigable.length && select(navigable[navigable.length - 1]!.i, true),
      Escape: () => select(undefined),
    };
    const action = keys[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    action();
  });

  function showTooltip(hit: Hit | undefined, x: number, y: number): void {
    renderTooltip(tooltip, stage, trace, hit, x, y);
  }

  // ---- theme and size
  const refreshTheme = () => {
    theme = readTheme(root);
    requestDraw();
  };
  const themeWatch = new MutationObserver(refreshTheme);
  themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'style'] });
  const resizeWatch = new ResizeObserver(() => {
    relayout();
    requestDraw();
  });
  resizeWatch.observe(stage);

  theme = readTheme(root);
  relayout();
  if (initial?.scrollTop !== undefined) scrollToContent(initial.scrollTop);
  if (initial?.scrollLeft !== undefined) scroller.scrollLeft = initial.scrollLeft;
  scroller.addEventListener('scroll', () => save(), { passive: true });
  select(selected, false);
  draw();

  function state(): ChartViewState {
    return {
      scale,
      zoom,
      scrollTop: contentTop(),
      scrollLeft: scroller.scrollLeft,
      ...(selected !== undefined ? { selected } : {}),
      hiddenNodes: [...filter.hiddenNodes],
      hiddenTypes: [...filter.hiddenTypes],
      hiddenTimers: [...filter.hiddenTimers],
      ...(box?.height() !== undefined ? { height: box.height() } : {}),
    };
  }

  function locate(index: number): { x: number; y: number } | undefined {
    const event = model.eventAt(index);
    const point = event && scene.pointOf(event);
    if (!point) return undefined;
    const box = scroller.getBoundingClientRect();
    const x = box.left + point.x - scroller.scrollLeft;
    const y = box.top + point.y - contentTop();
    if (x < box.left || x > box.left + scroller.clientWidth || y < box.top + HEADER_HEIGHT || y > box.top + scroller.clientHeight) return undefined;
    return { x, y };
  }

  // Automation hooks (tests, and integration tests inside VS Code): plain DOM events on the chart's root.
  root.addEventListener('pn-locate', (e) => {
    const detail = (e as CustomEvent<{ index: number; point?: { x: number; y: number } }>).detail;
    const point = locate(detail.index);
    if (point) detail.point = point;
  });
  root.addEventListener('pn-select', (e) => select((e as CustomEvent<{ index?: number }>).detail.index, true));

  return {
    root,
    state,
    select: (index) => select(index, true),
    locate,
    showStatus,
    dispose: () => {
      themeWatch.disconnect();
      resizeWatch.disconnect();
      clearTimeout(listTimer);
      root.remove();
    },
  };
}

function lowerBound(events: TraceEvent[], index: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.i < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
