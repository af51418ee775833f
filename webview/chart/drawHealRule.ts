/** The heal of a run with `healAt`: a dashed rule across the lanes at its time, from which the faults stop. */
import { GUTTER_WIDTH } from './chartLayout';
import type { ChartScene } from './chartScene';
import type { ChartTheme } from './chartTheme';

export function drawHealRule(ctx: CanvasRenderingContext2D, scene: ChartScene, theme: ChartTheme, left: number, right: number, top: number, bottom: number): void {
  const heal = scene.model.heal;
  if (!heal) return;
  const y = Math.round(scene.eventY(heal)) + 0.5;
  if (y < top || y > bottom) return;
  ctx.save();
  ctx.strokeStyle = theme.recover;
  ctx.globalAlpha = 0.7;
  ctx.lineWidth = 1;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  ctx.moveTo(left + GUTTER_WIDTH, y);
  ctx.lineTo(right, y);
  ctx.stroke();
  ctx.restore();
}
