/**
 * The run's proof that a handler is not idempotent, on the chart: the
 * delivery the simulator replayed twice (and saw change something) gets a
 * "×2 not idempotent" badge beside its arrowhead, on the side away from the
 * arrow, and the details of that delivery say what the duplicate did.
 */
import type { IdempotencyWitness, Trace, TraceEvent } from '../../src/common/traceFormat';
import { GUTTER_WIDTH } from './chartLayout';
import type { ChartScene } from './chartScene';
import type { ChartTheme } from './chartTheme';
import { el } from './dom';

export const WITNESS_BADGE = '×2 not idempotent';
/** The badge's distance from the delivery point and its height, in CSS pixels. */
const BADGE_GAP = 12;
const BADGE_HEIGHT = 16;

const byTrace = new WeakMap<Trace, ReadonlyMap<number, IdempotencyWitness>>();

/** The trace's witnesses by delivery event. */
export function witnessesByEvent(trace: Trace): ReadonlyMap<number, IdempotencyWitness> {
  let map = byTrace.get(trace);
  if (!map) byTrace.set(trace, (map = new Map((trace.idempotency ?? []).map((w) => [w.event, w]))));
  return map;
}

/** Where a witness badge goes, in content coordinates. */
export interface WitnessBadge {
  left: number;
  top: number;
  width: number;
  height: number;
  /** The delivery point's y, on which the text is centred. */
  middle: number;
}

/** The font of the badge's text. */
function witnessBadgeFont(theme: ChartTheme): string {
  return `600 ${theme.fontSize - 3}px ${theme.font}`;
}

/**
 * The badges of the witness deliveries between `top` and `bottom` (content
 * coordinates), for the canvas and the SVG export alike; `textWidth`
 * measures the badge's text in its font.
 */
export function witnessBadges(scene: ChartScene, top: number, bottom: number, textWidth: (text: string) => number): WitnessBadge[] {
  const badges: WitnessBadge[] = [];
  const witnesses = witnessesByEvent(scene.model.trace);
  if (witnesses.size === 0) return badges;
  const width = textWidth(WITNESS_BADGE) + 10;
  for (const index of witnesses.keys()) {
    const event = scene.model.eventAt(index);
    const point = event && scene.pointOf(event);
    if (!event || !point || point.y < top - BADGE_HEIGHT || point.y > bottom + BADGE_HEIGHT) continue;
    // Away from the arrow, unless that side has no room (the badge would run under the time gutter).
    const away = arrivesFromLeft(scene, event) ? point.x + BADGE_GAP : point.x - BADGE_GAP - width;
    const left = away < GUTTER_WIDTH + 2 ? point.x + BADGE_GAP : away;
    badges.push({ left, top: point.y - BADGE_HEIGHT / 2, width, height: BADGE_HEIGHT, middle: point.y });
  }
  return badges;
}

/** Draws a badge on each witness delivery between `top` and `bottom` (content coordinates); returns where. */
export function drawWitnessBadges(ctx: CanvasRenderingContext2D, scene: ChartScene, theme: ChartTheme, top: number, bottom: number): WitnessBadge[] {
  ctx.font = witnessBadgeFont(theme);
  const badges = witnessBadges(scene, top, bottom, (text) => ctx.measureText(text).width);
  ctx.textBaseline = 'middle';
  for (const badge of badges) {
    ctx.fillStyle = theme.duplicate;
    ctx.beginPath();
    ctx.roundRect(badge.left, badge.top, badge.width, badge.height, badge.height / 2);
    ctx.fill();
    ctx.strokeStyle = theme.background;
    ctx.lineWidth = theme.highContrast ? 2 : 1;
    ctx.stroke();
    ctx.fillStyle = theme.background;
    ctx.textAlign = 'left';
    ctx.fillText(WITNESS_BADGE, badge.left + 5, badge.middle + 0.5);
  }
  return badges;
}

/** The details' note on a witness delivery, or undefined for any other event. */
export function witnessDetails(trace: Trace, event: TraceEvent): HTMLElement | undefined {
  const witness = witnessesByEvent(trace).get(event.i);
  if (!witness) return undefined;
  return el('div', { className: 'pn-section pn-witness', attrs: { 'data-handler': witness.handler } }, [
    el('h4', { text: `${WITNESS_BADGE}: ${witness.handler}` }),
    el('p', { text: `The simulator replayed this delivery twice against a copy of ${event.node}: ${witness.witness}.` }),
  ]);
}

/** True when the delivery's arrow comes from a lane on the left (the badge then goes on the right). */
function arrivesFromLeft(scene: ChartScene, event: TraceEvent): boolean {
  const arrow = scene.model.arrowsOf(event)[0];
  if (!arrow) return true;
  return (scene.layout.laneX(arrow.from) ?? 0) <= (scene.layout.laneX(arrow.to) ?? 0);
}
