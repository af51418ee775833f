/**
 * Draws the part of a chart in view onto a 2D canvas context, and returns
 * what it drew so the view can hit-test the pointer against it. Only the
 * window is drawn, so the cost follows what is on screen, not the trace size.
 */
import { GUTTER_WIDTH, HEADER_HEIGHT } from './chartLayout';
import type { ArrowGeometry, ChartScene, MarkGeometry } from './chartScene';
import { messageColor, type ChartTheme } from './chartTheme';
import { formatTime } from './eventText';
import { drawCross, truncate } from './canvasText';
import { drawLabels, type PlacedLabel } from './drawLabels';
import type { Box } from './labelSpace';
import { drawDenseMarks, drawMark } from './drawMarks';
import { drawWitnessBadges } from './idempotencyWitnessMarks';
import { drawHealRule } from './drawHealRule';

export interface Viewport {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Highlight {
  /** The selected event and the events related to it (its message's other end). */
  selected?: number;
  /** The event under the pointer. */
  hovered?: number;
  /** Violations are ringed; the current one more strongly. */
  violations: ReadonlySet<number>;
}

export interface DrawnFrame {
  arrows: ArrowGeometry[];
  marks: MarkGeometry[];
  /** Where labels were drawn: hovering one is hovering its event. */
  labels: PlacedLabel[];
  /** True when the window held too much to draw in full (labels and heads left out). */
  dense: boolean;
}

/** Above this many arrows in view, draw plain lines batched per colour. */
const DENSE_ARROWS = 1500;
const LABEL_LIMIT = 350;

export function drawChart(ctx: CanvasRenderingContext2D, scene: ChartScene, theme: ChartTheme, view: Viewport, highlight: Highlight): DrawnFrame {
  const { layout, model } = scene;
  const top = view.top + HEADER_HEIGHT;
  const bottom = view.top + view.height;
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, view.width, view.height);
  ctx.translate(-view.left, -view.top);
  ctx.font = `${theme.fontSize - 1}px ${theme.font}`;
  ctx.textBaseline = 'middle';

  const ticks = timeTicks(scene, top, bottom);
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const tick of ticks) {
    ctx.moveTo(view.left + GUTTER_WIDTH, Math.round(tick.y) + 0.5);
    ctx.lineTo(view.left + view.width, Math.round(tick.y) + 0.5);
  }
  ctx.stroke();

  const bandLabels: Box[] = [];
  for (const band of scene.bandsIn(top, bottom)) {
    const label = drawBand(ctx, theme, band.y1, band.y2, band.lanes, band.band.label);
    if (label) bandLabels.push(label);
  }
  drawHealRule(ctx, scene, theme, view.left, view.left + view.width, top, bottom);

  ctx.lineWidth = theme.stroke;
  for (const lane of model.lanes) {
    const x = layout.laneX(lane.index);
    if (x === undefined) continue;
    ctx.strokeStyle = theme.lifeline;
    ctx.beginPath();
    ctx.moveTo(x, Math.max(top, HEADER_HEIGHT));
    ctx.lineTo(x, Math.min(bottom, layout.contentHeight - 12));
    ctx.stroke();
  }
  for (const down of model.downtimes) {
    const x = layout.laneX(down.lane);
    if (x === undefined) continue;
    const y1 = scene.eventY(down.from);
    const y2 = down.to ? scene.eventY(down.to) : layout.contentHeight - 12;
    if (y2 < top || y1 > bottom) continue;
    ctx.fillStyle = theme.background;
    ctx.fillRect(x - 3, y1, 6, y2 - y1);
    ctx.strokeStyle = theme.crash;
    ctx.setLineDash([3, 4]);
    ctx.beginPath();
    ctx.moveTo(x, y1);
    ctx.lineTo(x, y2);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  const arrows: ArrowGeometry[] = [];
  scene.arrowsIn(top, bottom, (g) => arrows.push(g));
  const dense = arrows.length > DENSE_ARROWS;
  const selectedEvent = highlight.selected !== undefined ? model.eventAt(highlight.selected) : undefined;
  const selectedArrows = new Set(selectedEvent ? model.arrowsOf(selectedEvent) : []);
  if (dense) drawDenseArrows(ctx, theme, arrows);
  else {
    for (const g of arrows) if (selectedArrows.has(g.arrow)) drawArrowHalo(ctx, theme, g);
    for (const g of arrows) drawArrow(ctx, theme, g);
  }

  const marks: MarkGeometry[] = [];
  scene.marksIn(top - 10, bottom + 10, (g) => marks.push(g));
  const denseMarks = dense || marks.length > DENSE_ARROWS;
  if (denseMarks) drawDenseMarks(ctx, theme, marks);
  else for (const g of marks) drawMark(ctx, theme, g);
  const badges = drawWitnessBadges(ctx, scene, theme, top, bottom);
  const labels = drawLabels(ctx, scene, theme, {
    arrows: dense ? [] : arrows,
    marks: denseMarks ? marks.filter((g) => g.mark.kind === 'violation') : marks,
    selectedArrows,
    arrowLabels: !dense && arrows.length <= LABEL_LIMIT,
    markLabels: !denseMarks && marks.length <= LABEL_LIMIT,
    reserved: [...badges, ...bandLabels],
    left: view.left,
    right: view.left + view.width,
  });

  // Each verdict's violating event is ringed, whatever kind of event it is.
  for (const index of highlight.violations) {
    const event = model.eventAt(index);
    if (!event || event.kind === 'violation') continue;
    const point = scene.pointOf(event);
    if (!point || point.y < top - 20 || point.y > bottom + 20) continue;
    ctx.strokeStyle = theme.violation;
    ctx.lineWidth = 2.5 * theme.stroke;
    ctx.beginPath();
    ctx.arc(point.x, point.y, 9, 0, Math.PI * 2);
    ctx.stroke();
  }
  for (const index of [highlight.hovered, highlight.selected]) {
    if (index === undefined) continue;
    const event = model.eventAt(index);
    const point = event && scene.pointOf(event);
    if (!point) continue;
    ctx.strokeStyle = theme.selection;
    ctx.lineWidth = index === highlight.selected ? 2.5 : 1.5;
    ctx.beginPath();
    ctx.arc(point.x, point.y, index === highlight.selected ? 11 : 9, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.restore();

  drawGutter(ctx, theme, view, ticks, layout.scale);
  drawHeader(ctx, scene, theme, view);
  return { arrows: dense ? [] : arrows, marks, labels, dense };
}

/** A partition's shading and its label; returns where the label is. */
function drawBand(ctx: CanvasRenderingContext2D, theme: ChartTheme, y1: number, y2: number, lanes: { x: number; width: number }[], label: string): Box | undefined {
  for (const lane of lanes) {
    ctx.globalAlpha = 0.13;
    ctx.fillStyle = theme.partition;
    ctx.fillRect(lane.x, y1, lane.width, y2 - y1);
    ctx.globalAlpha = 0.5;
    ctx.strokeStyle = theme.partition;
    ctx.lineWidth = 1;
    ctx.setLineDash([5, 4]);
    ctx.strokeRect(lane.x + 0.5, y1 + 0.5, lane.width - 1, y2 - y1 - 1);
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  }
  const first = lanes[0];
  if (!first) return undefined;
  ctx.fillStyle = theme.partition;
  ctx.textAlign = 'left';
  const text = truncate(ctx, label, first.width - 12);
  ctx.fillText(text, first.x + 6, y1 + 10);
  return { left: first.x + 4, top: y1 + 10 - theme.fontSize / 2, width: ctx.measureText(text).width + 4, height: theme.fontSize };
}

function arrowColor(theme: ChartTheme, g: ArrowGeometry): string {
  if (g.arrow.fate === 'lost') return theme.lost;
  if (g.arrow.fate === 'duplicate') return theme.duplicate;
  if (g.arrow.fate === 'in-flight') return theme.muted;
  return messageColor(theme, g.arrow.msg.type);
}

function drawArrowHalo(ctx: CanvasRenderingContext2D, theme: ChartTheme, g: ArrowGeometry): void {
  ctx.strokeStyle = theme.selection;
  ctx.globalAlpha = 0.35;
  ctx.lineWidth = 7;
  ctx.beginPath();
  ctx.moveTo(g.x1, g.y1);
  ctx.lineTo(g.x2, g.y2);
  ctx.stroke();
  ctx.globalAlpha = 1;
}

/** An arrow's line, head or cross (its labels are placed with the others', see drawLabels.ts). */
function drawArrow(ctx: CanvasRenderingContext2D, theme: ChartTheme, g: ArrowGeometry): void {
  const color = arrowColor(theme, g);
  const { fate } = g.arrow;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = (fate === 'duplicate' ? 1.8 : 1.4) * theme.stroke;
  ctx.setLineDash(fate === 'lost' ? [6, 4] : fate === 'duplicate' ? [5, 3] : fate === 'in-flight' ? [2, 6] : []);
  ctx.beginPath();
  ctx.moveTo(g.x1, g.y1);
  ctx.lineTo(g.x2, g.y2);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.arc(g.x1, g.y1, 2.5, 0, Math.PI * 2);
  ctx.fill();
  if (fate === 'lost') drawCross(ctx, g.x2, g.y2, 6, 2.5 * theme.stroke);
  else if (fate !== 'in-flight') drawHead(ctx, g.x1, g.y1, g.x2, g.y2, 9);
}

/**
 * Too many arrows to read one by one: plain lines batched per colour, lines
 * that would land on the same pixels drawn once, and lost messages as small
 * crosses on top (their density is what matters at this zoom).
 */
function drawDenseArrows(ctx: CanvasRenderingContext2D, theme: ChartTheme, arrows: ArrowGeometry[]): void {
  const byColor = new Map<string, ArrowGeometry[]>();
  const lost: ArrowGeometry[] = [];
  const seen = new Set<number>();
  for (const g of arrows) {
    if (g.arrow.fate === 'lost') {
      lost.push(g);
      continue;
    }
    const key = ((Math.round(g.y1) * 64 + g.arrow.from) * 64 + g.arrow.to) * 4096 + Math.min(4095, Math.round(g.y2 - g.y1));
    if (seen.has(key)) continue;
    seen.add(key);
    const color = arrowColor(theme, g);
    const list = byColor.get(color);
    if (list) list.push(g);
    else byColor.set(color, [g]);
  }
  ctx.lineWidth = theme.stroke;
  ctx.globalAlpha = theme.highContrast ? 0.8 : 0.45;
  for (const [color, list] of byColor) {
    ctx.strokeStyle = color;
    ctx.beginPath();
    for (const g of list) {
      ctx.moveTo(g.x1, g.y1);
      ctx.lineTo(g.x2, g.y2);
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = theme.lost;
  ctx.lineWidth = 1.5 * theme.stroke;
  ctx.beginPath();
  for (const g of lost) {
    ctx.moveTo(g.x2 - 3, g.y2 - 3);
    ctx.lineTo(g.x2 + 3, g.y2 + 3);
    ctx.moveTo(g.x2 + 3, g.y2 - 3);
    ctx.lineTo(g.x2 - 3, g.y2 + 3);
  }
  ctx.stroke();
}

function drawGutter(ctx: CanvasRenderingContext2D, theme: ChartTheme, view: Viewport, ticks: { y: number; unit: number }[], scale: string): void {
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, HEADER_HEIGHT, GUTTER_WIDTH - 6, view.height);
  ctx.fillStyle = theme.muted;
  ctx.font = `${theme.fontSize - 2}px ${theme.monoFont}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const tick of ticks) {
    const y = tick.y - view.top;
    if (y < HEADER_HEIGHT + 20) continue;
    ctx.fillText(formatTime(tick.unit), GUTTER_WIDTH - 12, y);
  }
  ctx.font = `600 ${theme.fontSize - 3}px ${theme.font}`;
  ctx.textAlign = 'left';
  ctx.fillText(scale === 'time' ? 'TIME' : 'LAMPORT', 8, HEADER_HEIGHT + 10);
}

function drawHeader(ctx: CanvasRenderingContext2D, scene: ChartScene, theme: ChartTheme, view: Viewport): void {
  ctx.fillStyle = theme.headerBackground;
  ctx.fillRect(0, 0, view.width, HEADER_HEIGHT);
  ctx.fillStyle = theme.border;
  ctx.fillRect(0, HEADER_HEIGHT - 1, view.width, 1);
  ctx.textAlign = 'center';
  for (const lane of scene.model.lanes) {
    const laneX = scene.layout.laneX(lane.index);
    if (laneX === undefined) continue;
    const x = laneX - view.left;
    if (x < -scene.layout.laneWidth || x > view.width + scene.layout.laneWidth) continue;
    const max = scene.layout.laneWidth - 16;
    ctx.fillStyle = theme.foreground;
    ctx.font = `600 ${theme.fontSize}px ${theme.font}`;
    ctx.fillText(truncate(ctx, `${lane.role === 'client' ? '◆ ' : ''}${lane.id}`, max), x, 17);
    if (lane.kind) {
      ctx.fillStyle = theme.muted;
      ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
      ctx.fillText(truncate(ctx, lane.role === 'client' ? `${lane.kind} · client` : lane.kind, max), x, 33);
    }
  }
  ctx.fillStyle = theme.headerBackground;
  ctx.fillRect(0, 0, GUTTER_WIDTH - 6, HEADER_HEIGHT - 1);
}

/** Tick marks on the active scale: round numbers about 80 pixels apart on average, never closer than 28. */
function timeTicks(scene: ChartScene, top: number, bottom: number): { y: number; unit: number }[] {
  const { layout } = scene;
  const last = layout.scale === 'time' ? scene.model.maxTime : scene.model.maxLamport;
  // Busy instants stretch time, so spacing comes from the average scale, not the to-scale one.
  const span = layout.y(last) - layout.y(0);
  const unitsPerPixel = span > 0 && last > 0 ? last / span : layout.unitsPerPixel;
  const raw = unitsPerPixel * 80;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: { y: number; unit: number }[] = [];
  const from = Math.max(0, Math.ceil(layout.unitAt(top) / step) * step);
  for (let unit = from; layout.y(unit) <= bottom && ticks.length < 200; unit += step) {
    const y = layout.y(unit);
    if (ticks.length && y - ticks[ticks.length - 1]!.y < 28) continue;
    ticks.push({ y, unit: Number(unit.toPrecision(12)) });
  }
  return ticks;
}

function drawHead(ctx: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number, size: number): void {
  const angle = Math.atan2(y2 - y1, x2 - x1);
  ctx.beginPath();
  ctx.moveTo(x2, y2);
  ctx.lineTo(x2 - size * Math.cos(angle - 0.4), y2 - size * Math.sin(angle - 0.4));
  ctx.lineTo(x2 - size * Math.cos(angle + 0.4), y2 - size * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}
