/** Lifeline marks: a shape per event kind (timer, crash, recovery, effect, log, operation, violation). */
import { drawCross } from './canvasText';
import type { MarkGeometry } from './chartScene';
import type { ChartTheme } from './chartTheme';

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

/** The colour a mark is drawn in (its label takes it too). */
export function markColor(theme: ChartTheme, kind: MarkGeometry['mark']['kind']): string {
  switch (kind) {
    case 'start':
      return theme.lifeline;
    case 'timer':
    case 'timer-set':
    case 'timer-cancel':
      return theme.timer;
    case 'crash':
      return theme.crash;
    case 'recover':
    case 'heal':
      return theme.recover;
    case 'effect':
      return theme.effect;
    case 'log':
      return theme.log;
    case 'duplicate':
      return theme.duplicate;
    case 'violation':
      return theme.violation;
    default:
      return theme.foreground;
  }
}

/** A mark's shape (its label is placed with the others', see drawLabels.ts). */
export function drawMark(ctx: CanvasRenderingContext2D, theme: ChartTheme, g: MarkGeometry): void {
  const { x, y } = g;
  const { kind } = g.mark;
  ctx.lineWidth = 1.5 * theme.stroke;
  const color = markColor(theme, kind);
  switch (kind) {
    case 'start':
      ctx.fillStyle = color;
      ctx.fillRect(x - 8, y - 1.5, 16, 3);
      break;
    case 'timer':
    case 'timer-set':
    case 'timer-cancel':
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
      ctx.strokeStyle = color;
      drawCross(ctx, x, y, 8, 3.5 * theme.stroke);
      break;
    case 'recover':
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(x, y - 8);
      ctx.lineTo(x + 7, y + 5);
      ctx.lineTo(x - 7, y + 5);
      ctx.closePath();
      ctx.fill();
      break;
    case 'effect':
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
      ctx.fillStyle = color;
      ctx.font = `700 ${theme.fontSize - 3}px ${theme.font}`;
      ctx.textAlign = 'center';
      ctx.fillText('×2', x, y);
      break;
    case 'heal':
      // A tick: from here on the faults stop.
      ctx.strokeStyle = color;
      ctx.beginPath();
      ctx.moveTo(x - 6, y);
      ctx.lineTo(x - 2, y + 5);
      ctx.lineTo(x + 6, y - 6);
      ctx.stroke();
      break;
    case 'corrupt':
      // A lightning-like zigzag: bits changed.
      ctx.strokeStyle = theme.corrupt;
      ctx.beginPath();
      ctx.moveTo(x - 6, y - 5);
      ctx.lineTo(x + 1, y - 1);
      ctx.lineTo(x - 2, y + 1);
      ctx.lineTo(x + 6, y + 5);
      ctx.stroke();
      break;
    case 'violation':
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
}
