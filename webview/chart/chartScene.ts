/**
 * The geometry of a chart at one layout: where each arrow, mark and band is,
 * and which of them fall in a window. The canvas, the SVG export and hit
 * testing all read positions from here, so they agree.
 */
import type { TraceEvent } from '../../src/common/traceFormat';
import { arrowVisible, timerName, type ChartFilter } from './chartFilter';
import { MARK_SLOT, type ChartLayout, type TimeScale } from './chartLayout';
import type { Arrow, Band, ChartModel, Mark } from './chartModel';
import { eventSlots } from './eventSlots';
import { SpanIndex } from './spanIndex';

export interface ArrowGeometry {
  arrow: Arrow;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface MarkGeometry {
  mark: Mark;
  x: number;
  y: number;
}

export interface BandGeometry {
  band: Band;
  y1: number;
  y2: number;
  /** Lane rectangles: left x and width. */
  lanes: { x: number; width: number }[];
}

/** How far along the way to the receiver a lost message's cross is drawn. */
const LOST_FRACTION = 0.62;
/** A message sent and lost (or delivered) at the same instant still gets a visible slope. */
const MIN_DROP = 14;

interface ScaleIndex {
  arrows: SpanIndex<Arrow>;
  marks: SpanIndex<Mark>;
}

const indexCache = new WeakMap<ChartModel, Partial<Record<TimeScale, ScaleIndex>>>();

function scaleIndex(model: ChartModel, layout: ChartLayout): ScaleIndex {
  let perModel = indexCache.get(model);
  if (!perModel) indexCache.set(model, (perModel = {}));
  const cached = perModel[layout.scale];
  if (cached) return cached;
  const unit = layout.unitOf;
  const last = layout.scale === 'time' ? model.maxTime : model.maxLamport;
  const arrows = new SpanIndex(model.arrows, (arrow) => unit(arrow.sendEvent), (arrow) => (arrow.endEvent ? unit(arrow.endEvent) : last));
  const marks = new SpanIndex(model.marks, (mark) => unit(mark.event), (mark) => unit(mark.event));
  const index = { arrows, marks };
  perModel[layout.scale] = index;
  return index;
}

export class ChartScene {
  private readonly index: ScaleIndex;
  private readonly slots: Uint16Array;
  /** How far below its instant a stacked event can be drawn: windows are widened by this much. */
  private readonly stackDepth: number;

  constructor(
    readonly model: ChartModel,
    readonly layout: ChartLayout,
    readonly filter: ChartFilter,
  ) {
    this.index = scaleIndex(model, layout);
    this.slots = eventSlots(model, layout.scale);
    let deepest = 0;
    for (const slot of this.slots) if (slot > deepest) deepest = slot;
    this.stackDepth = (deepest + 1) * this.slotHeight();
  }

  private slotHeight(): number {
    return MARK_SLOT * Math.min(1, this.layout.zoom);
  }

  /** An event's y: its instant, and below it the events before it on the same node at that instant. */
  eventY(event: TraceEvent): number {
    return this.layout.y(this.layout.unitOf(event)) + (this.slots[event.i - this.model.trace.firstEventIndex] ?? 0) * this.slotHeight();
  }

  /** Visible arrows overlapping content rows [y1, y2]. */
  arrowsIn(y1: number, y2: number, visit: (g: ArrowGeometry) => void): void {
    const { layout } = this;
    this.index.arrows.query(layout.unitAt(y1 - MIN_DROP - this.stackDepth), layout.unitAt(y2), (arrow) => {
      if (!arrowVisible(this.filter, this.model, arrow)) return;
      const g = this.arrowGeometry(arrow);
      if (g) visit(g);
    });
  }

  arrowGeometry(arrow: Arrow): ArrowGeometry | undefined {
    const { layout } = this;
    const x1 = layout.laneX(arrow.from);
    const xTo = layout.laneX(arrow.to);
    if (x1 === undefined || xTo === undefined) return undefined;
    const y1 = this.eventY(arrow.sendEvent);
    const end = arrow.endEvent ? this.eventY(arrow.endEvent) : layout.contentHeight - 24;
    if (arrow.fate === 'lost') {
      const x2 = x1 + (xTo - x1) * (arrow.from === arrow.to ? 0 : LOST_FRACTION) + (arrow.from === arrow.to ? 40 : 0);
      return { arrow, x1, y1, x2, y2: Math.max(end, y1 + MIN_DROP) };
    }
    if (arrow.from === arrow.to) return { arrow, x1, y1, x2: x1, y2: Math.max(end, y1 + MIN_DROP) };
    return { arrow, x1, y1, x2: xTo, y2: end };
  }

  /** Visible marks in content rows [y1, y2]. */
  marksIn(y1: number, y2: number, visit: (g: MarkGeometry) => void): void {
    this.index.marks.query(this.layout.unitAt(y1 - this.stackDepth), this.layout.unitAt(y2), (mark) => {
      const g = this.markGeometry(mark);
      if (g) visit(g);
    });
  }

  markGeometry(mark: Mark): MarkGeometry | undefined {
    const x = this.layout.laneX(mark.lane);
    if (x === undefined || this.filter.hiddenNodes.has(mark.event.node)) return undefined;
    if (this.filter.hiddenTimers.size > 0) {
      const timer = timerName(mark.event);
      if (timer !== undefined && this.filter.hiddenTimers.has(timer)) return undefined;
    }
    return { mark, x, y: this.eventY(mark.event) };
  }

  bandsIn(y1: number, y2: number): BandGeometry[] {
    const { layout } = this;
    const out: BandGeometry[] = [];
    for (const band of this.model.bands) {
      const top = layout.y(layout.scale === 'time' ? band.start : band.startLamport);
      const bottom = layout.y(layout.scale === 'time' ? band.end : band.endLamport);
      if (bottom < y1 || top > y2) continue;
      const lanes = band.lanes.flatMap((lane) => {
        const x = layout.laneX(lane);
        return x === undefined ? [] : [{ x: x - layout.laneWidth / 2 + 6, width: layout.laneWidth - 12 }];
      });
      if (lanes.length) out.push({ band, y1: top, y2: Math.max(bottom, top + 4), lanes });
    }
    return out;
  }

  /** Where an event is drawn: its mark, or the end of its arrow; undefined when filtered out. */
  pointOf(event: TraceEvent): { x: number; y: number } | undefined {
    const arrows = this.model.arrowsOf(event);
    if (arrows.length) {
      for (const arrow of arrows) {
        if (!arrowVisible(this.filter, this.model, arrow)) continue;
        const g = this.arrowGeometry(arrow);
        if (!g) continue;
        if (arrow.sendEvent.i === event.i) return { x: g.x1, y: g.y1 };
        return { x: g.x2, y: g.y2 };
      }
    }
    const lane = this.model.laneOf.get(event.node);
    const x = lane === undefined ? undefined : this.layout.laneX(lane);
    if (x === undefined || this.filter.hiddenNodes.has(event.node)) return undefined;
    if (event.msg !== undefined && this.filter.hiddenTypes.has(this.model.trace.messages[event.msg]?.type ?? '')) return undefined;
    const mark = this.model.marks.find((m) => m.event === event);
    if (mark) return this.markGeometry(mark);
    return { x, y: this.eventY(event) };
  }
}
