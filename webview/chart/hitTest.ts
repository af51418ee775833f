/** Which drawn event is under the pointer: a mark, an arrow's end, or the arrow itself. */
import type { TraceEvent } from '../../src/common/traceFormat';
import type { Arrow } from './chartModel';
import type { DrawnFrame } from './drawChart';

export interface Hit {
  event: TraceEvent;
  arrow?: Arrow;
}

const MARK_RADIUS = 10;
const LINE_DISTANCE = 5;

/** `x`, `y` in content coordinates. */
export function hitTest(frame: DrawnFrame, x: number, y: number): Hit | undefined {
  let best: Hit | undefined;
  let bestDistance = Infinity;
  const consider = (distance: number, hit: Hit) => {
    if (distance < bestDistance) {
      bestDistance = distance;
      best = hit;
    }
  };
  // A label stands for its event (its text may be shortened: the hover has it whole).
  for (const label of frame.labels) {
    const { box } = label;
    if (x >= box.left && x <= box.left + box.width && y >= box.top && y <= box.top + box.height) consider(MARK_RADIUS, { event: label.event });
  }
  for (const g of frame.marks) {
    const d = Math.hypot(g.x - x, g.y - y);
    if (d <= MARK_RADIUS) consider(d, { event: g.mark.event });
  }
  for (const g of frame.arrows) {
    const dStart = Math.hypot(g.x1 - x, g.y1 - y);
    const dEnd = Math.hypot(g.x2 - x, g.y2 - y);
    if (dStart <= MARK_RADIUS) consider(dStart, { event: g.arrow.sendEvent, arrow: g.arrow });
    if (dEnd <= MARK_RADIUS && g.arrow.endEvent) consider(dEnd, { event: g.arrow.endEvent, arrow: g.arrow });
    const d = distanceToSegment(x, y, g.x1, g.y1, g.x2, g.y2);
    // A click on the line means the message's end (its delivery or loss); slightly less preferred than a mark.
    if (d <= LINE_DISTANCE) consider(d + 2, { event: g.arrow.endEvent ?? g.arrow.sendEvent, arrow: g.arrow });
  }
  return best;
}

function distanceToSegment(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / length));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}
