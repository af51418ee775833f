/** Lifeline marks: a shape per event kind (timer, crash, recovery, effect, log, operation, violation) and its label. */
import { drawCross, haloText, truncate } from './canvasText';
import type { MarkGeometry } from './chartScene';
import type { ChartTheme } from './chartTheme';
import { markLabel } from './markLabel';

/** Marks at a zoom where shapes would overlap: a short tick in the mark's colour. */
export function drawDenseMarks(ctx: CanvasRenderingContext2D, theme: ChartTheme, marks: MarkGeometry[]): void {
  const colors: Partial<Record<string, string>> = { timer: theme.timer, 'timer-set': theme.timer, 'timer-cancel': theme.timer, crash: theme.crash, recover: theme.recover, effect: theme.effect, violation: theme.violation, duplicate: theme.duplicate, corrupt: theme.corrupt };
  for (const g of marks) {
    if (g.mark.kind === 'start') continue;
    ctx.fillStyle = colors[g.mark.kind] ?? theme.muted;
    const important = g.mark.kind === 'violation' || g.mark.kind === 'crash' || g.mark.kind === 'recover';
    ctx.fillRect(g.x - (important ? 6 : 3), g.y - 1, important ? 12 : 6, important ? 3 : 2);
  }
}

/** `rightEdge`: where the content ends; a label that would cross it goes on the lifeline's left. */
export function drawMark(ctx: CanvasRenderingContext2D, theme: ChartTheme, g: MarkGeometry, label: boolean, rightEdge = Infinity): void {
  const { x, y } = g;
  const { kind, event } = g.mark;
  ctx.lineWidth = 1.5 * theme.stroke;
  let color = theme.foreground;
  switch (kind) {
    case 'start':
      color = theme.lifeline;
      ctx.fillStyle = color;
      ctx.fillRect(x - 8, y - 1.5, 16, 3);
      break;
    case 'timer':
    case 'timer-set':
    case 'timer-cancel':
      color = theme.timer;
      ctx.strokeStyle = color;
      ctx.fillStyle = kind === 'timer' ? color : theme.background;
      ctx.beginPath();
      ctx.arc(x, y, kind === 'timer' ? 6 : 4.5, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
      if (kind === 'timer') {
        ctx.strokeStyle = theme.background;
        ctx.beginPath();
        ctx.moveTo(x, y - 3.5);
        ctx.lineTo(x, y);
        ctx.lineTo(x + 2.5, y + 1.5);
        ctx.stroke();
      } else if (kind === 'timer-cancel') {
        ctx.beginPath();
        ctx.moveTo(x - 3, y + 3);
        ctx.lineTo(x + 3, y - 3);
        ctx.stroke();
      }
      break;
    case 'crash':
      color = theme.crash;
      ctx.strokeStyle = color;
      drawCross(ctx, x, y, 8, 3.5 * theme.stroke);
      break;
    case 'recover':
      color = theme.recover;
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(x, y - 8);
      ctx.lineTo(x + 7, y + 5);
      ctx.lineTo(x - 7, y + 5);
      ctx.closePath();
      ctx.fill();
      break;
    case 'effect':
      color = theme.effect;
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(x, y - 7);
      ctx.lineTo(x + 7, y);
      ctx.lineTo(x, y + 7);
      ctx.lineTo(x - 7, y);
      ctx.closePath();
      ctx.fill();
      break;
    case 'log':
      color = theme.log;
      ctx.fillStyle = theme.background;
      ctx.strokeStyle = color;
      ctx.fillRect(x - 5, y - 5, 10, 10);
      ctx.strokeRect(x - 5, y - 5, 10, 10);
      ctx.beginPath();
      ctx.moveTo(x - 2.5, y - 1.5);
      ctx.lineTo(x + 2.5, y - 1.5);
      ctx.moveTo(x - 2.5, y + 1.5);
      ctx.lineTo(x + 2.5, y + 1.5);
      ctx.stroke();
      break;
    case 'invoke':
    case 'complete':
      color = theme.foreground;
      ctx.fillStyle = color;
      ctx.beginPath();
      if (kind === 'invoke') {
        ctx.moveTo(x - 5, y - 6);
        ctx.lineTo(x + 5, y);
        ctx.lineTo(x - 5, y + 6);
      } else {
        ctx.moveTo(x + 5, y - 6);
        ctx.lineTo(x - 5, y);
        ctx.lineTo(x + 5, y + 6);
      }
      ctx.closePath();
      ctx.fill();
      break;
    case 'duplicate':
      color = theme.duplicate;
      ctx.fillStyle = color;
      ctx.font = `700 ${theme.fontSize - 3}px ${theme.font}`;
      ctx.textAlign = 'center';
      ctx.fillText('×2', x, y);
      break;
    case 'corrupt':
      // A lightning-like zigzag: bits changed.
      color = theme.corrupt;
      ctx.strokeStyle = color;
      ctx.beginPath();
      ctx.moveTo(x - 6, y - 5);
      ctx.lineTo(x + 1, y - 1);
      ctx.lineTo(x - 2, y + 1);
      ctx.lineTo(x + 6, y + 5);
      ctx.stroke();
      break;
    case 'violation':
      color = theme.violation;
      ctx.fillStyle = color;
      ctx.globalAlpha = 0.25;
      ctx.beginPath();
      ctx.arc(x, y, 13, 0, Math.PI * 2);
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.beginPath();
      ctx.arc(x, y, 8, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = theme.background;
      ctx.font = `800 ${theme.fontSize - 1}px ${theme.font}`;
      ctx.textAlign = 'center';
      ctx.fillText('!', x, y + 0.5);
      break;
  }
  if (!label) return;
  const text = markLabel(event);
  if (!text) return;
  ctx.font = `${kind === 'violation' ? '600 ' : ''}${theme.fontSize - 2}px ${theme.font}`;
  const gap = kind === 'violation' ? 16 : 11;
  const shown = truncate(ctx, text, 220);
  const fitsRight = x + gap + ctx.measureText(shown).width <= rightEdge - 4;
  ctx.textAlign = fitsRight ? 'left' : 'right';
  haloText(ctx, theme, shown, fitsRight ? x + gap : x - gap, y, color);
}
