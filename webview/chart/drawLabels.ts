/**
 * The words on the canvas, placed after every line and shape of the frame so
 * that none overlaps another: violations first (in free space, clear of the
 * arrows, on a plate of their own, wrapped rather than cut), then the
 * selection's arrows, faults, message types and the other marks. A label
 * that does not fit is shortened to the room it has, or left out; the hover
 * and the details always have the full text.
 */
import { GUTTER_WIDTH } from './chartLayout';
import { LOSS_REASON_TEXT } from './chartModel';
import type { ArrowGeometry, ChartScene, MarkGeometry } from './chartScene';
import type { ChartTheme } from './chartTheme';
import { haloText } from './canvasText';
import { markColor } from './drawMarks';
import { fitText, LabelSpace, segmentCrossesBox, textWidth, wrapText, type Box } from './labelSpace';
import { markLabel } from './markLabel';
import type { TraceEvent } from '../../src/common/traceFormat';

/** A label's box, for hit testing: hovering it shows its event's full text. */
export interface PlacedLabel {
  box: Box;
  event: TraceEvent;
}

export interface LabelInput {
  arrows: readonly ArrowGeometry[];
  marks: readonly MarkGeometry[];
  /** Arrows related to the selection: labelled first. */
  selectedArrows: ReadonlySet<ArrowGeometry['arrow']>;
  /** Label arrows and ordinary marks (false when too many are in view to read). */
  arrowLabels: boolean;
  markLabels: boolean;
  /** Boxes labels stay out of (the witness badges). */
  reserved: readonly Box[];
  /** The visible content columns. */
  left: number;
  right: number;
}

/** Violation labels are wrapped to this width at most, in this many lines. */
const VIOLATION_WIDTH = 420;
const VIOLATION_LINES = 4;
const MARK_GAP = 11;
const VIOLATION_GAP = 16;

export function drawLabels(ctx: CanvasRenderingContext2D, scene: ChartScene, theme: ChartTheme, input: LabelInput): PlacedLabel[] {
  const space = new LabelSpace();
  const placed: PlacedLabel[] = [];
  for (const box of input.reserved) space.reserve(box);
  // Marks' shapes are obstacles too: a label never hides a crash or a timer.
  for (const g of input.marks) space.reserve({ left: g.x - 7, top: g.y - 7, width: 14, height: 14 });
  ctx.textBaseline = 'middle';

  for (const g of input.marks) if (g.mark.kind === 'violation') placed.push(drawViolationLabel(ctx, scene, theme, space, g, input));

  const fault = (g: MarkGeometry) => g.mark.kind === 'crash' || g.mark.kind === 'recover';
  const ordered = input.arrowLabels ? [...input.arrows].sort((a, b) => Number(input.selectedArrows.has(b.arrow)) - Number(input.selectedArrows.has(a.arrow))) : [];
  for (const g of ordered) if (g.arrow.fate === 'lost') drawLossLabel(ctx, scene, theme, space, g, placed);
  if (input.markLabels) for (const g of input.marks) if (fault(g)) drawMarkLabel(ctx, scene, theme, space, g, input, placed);
  for (const g of ordered) drawTypeLabel(ctx, scene, theme, space, g, placed);
  for (const g of ordered) if (g.arrow.fate === 'duplicate') drawDuplicateLabel(ctx, theme, space, g);
  if (input.markLabels) for (const g of input.marks) if (g.mark.kind !== 'violation' && !fault(g)) drawMarkLabel(ctx, scene, theme, space, g, input, placed);
  return placed;
}

/** The box of one line of text drawn at (x, y) with the given alignment, middle baseline. */
function lineBox(ctx: CanvasRenderingContext2D, theme: ChartTheme, text: string, x: number, y: number, align: CanvasTextAlign): Box {
  const width = textWidth(ctx, text) + 4;
  const left = align === 'center' ? x - width / 2 : align === 'right' ? x - width + 2 : x - 2;
  return { left, top: y - theme.fontSize / 2, width, height: theme.fontSize };
}

function arrowColor(theme: ChartTheme, g: ArrowGeometry): string {
  return g.arrow.fate === 'lost' ? theme.lost : g.arrow.fate === 'duplicate' ? theme.duplicate : g.arrow.fate === 'in-flight' ? theme.muted : theme.foreground;
}

/** The message type along its arrow: at the middle, or a little towards either end where the middle is taken. */
function drawTypeLabel(ctx: CanvasRenderingContext2D, scene: ChartScene, theme: ChartTheme, space: LabelSpace, g: ArrowGeometry, placed: PlacedLabel[]): void {
  ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
  const span = Math.abs(g.x2 - g.x1);
  const text = fitText(ctx, g.arrow.msg.type, (span > 0 ? span : scene.layout.laneWidth) - 24);
  if (!text) return;
  for (const t of [0.5, 0.3, 0.7]) {
    const x = g.x1 + (g.x2 - g.x1) * t;
    const y = g.y1 + (g.y2 - g.y1) * t - 7;
    const box = lineBox(ctx, theme, text, x, y, 'center');
    if (!space.claim(box)) continue;
    ctx.textAlign = 'center';
    haloText(ctx, theme, text, x, y, arrowColor(theme, g));
    if (g.arrow.endEvent) placed.push({ box, event: g.arrow.endEvent });
    return;
  }
}

/** Why a message was lost, beside its cross. */
function drawLossLabel(ctx: CanvasRenderingContext2D, scene: ChartScene, theme: ChartTheme, space: LabelSpace, g: ArrowGeometry, placed: PlacedLabel[]): void {
  ctx.font = `600 ${theme.fontSize - 2}px ${theme.font}`;
  const text = fitText(ctx, g.arrow.reason ? LOSS_REASON_TEXT[g.arrow.reason] : 'lost', scene.layout.laneWidth * 0.6);
  if (!text) return;
  const rightward = g.x2 >= g.x1;
  for (const side of rightward ? [1, -1] : [-1, 1]) {
    const x = g.x2 + side * 10;
    const align = side > 0 ? 'left' : 'right';
    const box = lineBox(ctx, theme, text, x, g.y2, align);
    if (!space.claim(box)) continue;
    ctx.textAlign = align;
    haloText(ctx, theme, text, x, g.y2, theme.lost);
    if (g.arrow.endEvent) placed.push({ box, event: g.arrow.endEvent });
    return;
  }
}

function drawDuplicateLabel(ctx: CanvasRenderingContext2D, theme: ChartTheme, space: LabelSpace, g: ArrowGeometry): void {
  ctx.font = `600 ${theme.fontSize - 3}px ${theme.font}`;
  const rightward = g.x2 >= g.x1;
  const x = g.x2 + (rightward ? -12 : 12);
  const align = rightward ? 'right' : 'left';
  const box = lineBox(ctx, theme, 'DUP', x, g.y2 + 8, align);
  if (!space.claim(box)) return;
  ctx.textAlign = align;
  haloText(ctx, theme, 'DUP', x, g.y2 + 8, theme.duplicate);
}

/** A mark's label beside it, right of the lifeline or else left, no wider than the lane. */
function drawMarkLabel(ctx: CanvasRenderingContext2D, scene: ChartScene, theme: ChartTheme, space: LabelSpace, g: MarkGeometry, input: LabelInput, placed: PlacedLabel[]): void {
  const full = markLabel(g.mark.event);
  if (!full) return;
  ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
  const room = Math.min(220, scene.layout.laneWidth - MARK_GAP - 12);
  const text = fitText(ctx, full, room);
  if (!text) return;
  const width = textWidth(ctx, text);
  const sides = g.x + MARK_GAP + width <= Math.min(scene.layout.contentWidth, input.right) - 4 ? [1, -1] : [-1, 1];
  for (const side of sides) {
    const x = g.x + side * MARK_GAP;
    const align = side > 0 ? 'left' : 'right';
    const box = lineBox(ctx, theme, text, x, g.y, align);
    if (!space.claim(box)) continue;
    ctx.textAlign = align;
    haloText(ctx, theme, text, x, g.y, markColor(theme, g.mark.kind));
    placed.push({ box, event: g.mark.event });
    return;
  }
}

/**
 * A violation's property in full where there is room: beside the mark, or a
 * few lines above or below it (with a leader), wherever no label is and no
 * arrow passes; wrapped, on a plate so that nothing is drawn through it.
 */
function drawViolationLabel(ctx: CanvasRenderingContext2D, scene: ChartScene, theme: ChartTheme, space: LabelSpace, g: MarkGeometry, input: LabelInput): PlacedLabel {
  const text = markLabel(g.mark.event) ?? 'violation';
  ctx.font = `600 ${theme.fontSize - 2}px ${theme.font}`;
  const lineHeight = theme.fontSize + 2;
  const leftEdge = Math.max(GUTTER_WIDTH, input.left) + 4;
  const rightEdge = Math.min(scene.layout.contentWidth, input.right) - 4;
  const candidates: { box: Box; lines: string[]; dy: number }[] = [];
  for (const dy of [0, -1.5, 1.5, -3, 3, -4.5, 4.5]) {
    for (const side of [1, -1]) {
      const room = Math.min(VIOLATION_WIDTH, side > 0 ? rightEdge - (g.x + VIOLATION_GAP) : g.x - VIOLATION_GAP - leftEdge) - 10;
      if (room < 60) continue;
      const lines = wrapText(ctx, text, room, VIOLATION_LINES);
      const width = Math.max(...lines.map((l) => textWidth(ctx, l))) + 10;
      const height = lines.length * lineHeight + 4;
      const top = g.y + dy * lineHeight - height / 2;
      candidates.push({ box: { left: side > 0 ? g.x + VIOLATION_GAP : g.x - VIOLATION_GAP - width, top, width, height }, lines, dy });
    }
  }
  const clear = (box: Box) => space.free(box) && !input.arrows.some((a) => segmentCrossesBox(a.x1, a.y1, a.x2, a.y2, box));
  const chosen = candidates.find((c) => clear(c.box)) ?? candidates[0];
  if (!chosen) return { box: { left: g.x - 8, top: g.y - 8, width: 16, height: 16 }, event: g.mark.event };
  const { box, lines, dy } = chosen;
  space.reserve(box);
  if (dy !== 0) {
    // A leader from the mark to the label that moved off its row.
    ctx.strokeStyle = theme.violation;
    ctx.lineWidth = theme.stroke;
    ctx.beginPath();
    ctx.moveTo(g.x, g.y);
    ctx.lineTo(box.left + (box.left > g.x ? 0 : box.width), box.top + box.height / 2);
    ctx.stroke();
  }
  ctx.fillStyle = theme.background;
  ctx.strokeStyle = theme.violation;
  ctx.lineWidth = theme.stroke;
  ctx.beginPath();
  ctx.roundRect(box.left, box.top, box.width, box.height, 3);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = theme.violation;
  ctx.textAlign = 'left';
  lines.forEach((line, i) => ctx.fillText(line, box.left + 5, box.top + 2 + lineHeight * (i + 0.5)));
  return { box, event: g.mark.event };
}
