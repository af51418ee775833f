/**
 * Room for text on the canvas: every label drawn in a frame takes a box, and
 * a label goes only where no other label (nor a mark's shape) is, shortened to
 * the room it has or left out. So labels never overlap, at any zoom; the full
 * text of an event is always in its hover and details.
 */

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Grid cell size in CSS pixels: boxes are found through the cells they cover. */
const CELL = 48;
/** Cells per row of the key: wide enough for any content width. */
const ROW = 1 << 20;

export class LabelSpace {
  private readonly cells = new Map<number, Box[]>();

  /** Takes a box: later labels stay out of it. */
  reserve(box: Box): void {
    this.visit(box, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(box);
      else this.cells.set(key, [box]);
      return false;
    });
  }

  /** True when no reserved box overlaps `box`. */
  free(box: Box): boolean {
    return !this.visit(box, (key) => (this.cells.get(key) ?? []).some((other) => overlaps(box, other)));
  }

  /** Reserves the box if it is free; says whether it was. */
  claim(box: Box): boolean {
    if (!this.free(box)) return false;
    this.reserve(box);
    return true;
  }

  private visit(box: Box, cell: (key: number) => boolean): boolean {
    const x1 = Math.floor(Math.max(0, box.left) / CELL);
    const x2 = Math.floor(Math.max(0, box.left + box.width) / CELL);
    const y1 = Math.floor(box.top / CELL);
    const y2 = Math.floor((box.top + box.height) / CELL);
    for (let y = y1; y <= y2; y++) for (let x = x1; x <= x2; x++) if (cell(y * ROW + x)) return true;
    return false;
  }
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

/** True when the segment from (x1, y1) to (x2, y2) crosses or touches the box. */
export function segmentCrossesBox(x1: number, y1: number, x2: number, y2: number, box: Box): boolean {
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  if (Math.max(x1, x2) < box.left || Math.min(x1, x2) > right || Math.max(y1, y2) < box.top || Math.min(y1, y2) > bottom) return false;
  const inside = (x: number, y: number) => x >= box.left && x <= right && y >= box.top && y <= bottom;
  if (inside(x1, y1) || inside(x2, y2)) return true;
  // The segment crosses the box when the box's corners are not all on one side of its line.
  const side = (x: number, y: number) => Math.sign((x2 - x1) * (y - y1) - (y2 - y1) * (x - x1));
  const corners = [side(box.left, box.top), side(right, box.top), side(box.left, bottom), side(right, bottom)];
  return corners.some((s) => s >= 0) && corners.some((s) => s <= 0);
}

const widths = new Map<string, number>();

/** `ctx.measureText(text).width` in the context's font, remembered: a chart repeats its few labels. */
export function textWidth(ctx: CanvasRenderingContext2D, text: string): number {
  const key = `${ctx.font}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    if (widths.size > 20_000) widths.clear();
    width = ctx.measureText(text).width;
    widths.set(key, width);
  }
  return width;
}

/** The text as it fits in `max` pixels in the context's font: whole, cut with an ellipsis, or undefined when not even a few letters fit. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, max: number, minChars = 3): string | undefined {
  if (textWidth(ctx, text) <= max) return text;
  if (text.length <= minChars) return undefined;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(ctx, `${text.slice(0, mid)}…`) <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo >= minChars ? `${text.slice(0, lo).trimEnd()}…` : undefined;
}

/** Words of `text` in lines no wider than `max`, at most `maxLines` (the last cut with an ellipsis if need be). */
export function wrapText(ctx: CanvasRenderingContext2D, text: string, max: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const candidate = line ? `${line} ${words[i]}` : words[i]!;
    if (textWidth(ctx, candidate) <= max || !line) {
      line = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      line = `${line} ${words.slice(i).join(' ')}`;
      break;
    }
    lines.push(line);
    line = words[i]!;
  }
  if (line) lines.push(line);
  return lines.map((l) => fitText(ctx, l, max, 1) ?? l);
}
