/** Text and small shapes on the canvas that both arrows and marks use. */
import type { ChartTheme } from './chartTheme';

/** Text with a background-coloured outline, so it reads over lines. */
export function haloText(ctx: CanvasRenderingContext2D, theme: ChartTheme, text: string, x: number, y: number, color: string): void {
  ctx.lineWidth = 4;
  ctx.strokeStyle = theme.background;
  ctx.lineJoin = 'round';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = color;
  ctx.fillText(text, x, y);
}

/** The text, cut with an ellipsis to fit `max` pixels. */
export function truncate(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/** A cross (a lost message, a crash). */
export function drawCross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, width: number): void {
  ctx.lineWidth = width;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
  ctx.stroke();
  ctx.lineCap = 'butt';
}
