/**
 * Where things go: lanes across, time down. Two vertical scales: virtual time
 * (proportional, the default) and Lamport time (compact: one row per clock
 * tick). Positions are in content pixels; the view scrolls over them.
 */
import type { TraceEvent } from '../../src/common/traceFormat';
import type { ChartModel } from './chartModel';
import { eventSlots } from './eventSlots';

export type TimeScale = 'time' | 'lamport';

export const HEADER_HEIGHT = 46;
export const GUTTER_WIDTH = 64;
const TOP_PADDING = 18;
const BOTTOM_PADDING = 40;
const LAMPORT_ROW = 26;
const MIN_LANE_WIDTH = 120;
/** Target pixels between successive distinct event times at zoom 1. */
const TIME_ROW = 24;
/** Vertical room one stacked mark needs (marks at the same node and instant are stacked; see chartScene). */
export const MARK_SLOT = 15;

export interface LayoutInput {
  scale: TimeScale;
  zoom: number;
  /** Width of the drawing area in CSS pixels. */
  viewWidth: number;
  /** Lane indices shown, left to right. */
  shownLanes: number[];
}

export interface ChartLayout {
  scale: TimeScale;
  zoom: number;
  laneWidth: number;
  contentWidth: number;
  contentHeight: number;
  /** x of a lane's lifeline, or undefined when the lane is hidden. */
  laneX(lane: number): number | undefined;
  /** y of a position on the active scale (a time or a Lamport value). */
  y(unit: number): number;
  /** The scale position of a content y (inverse of `y`). */
  unitAt(y: number): number;
  /** The event's position on the active scale. */
  unitOf(event: TraceEvent): number;
  /** Scale units per pixel where time is drawn to scale (busy instants get more), for tick spacing. */
  unitsPerPixel: number;
}

/** Pixels per time unit at zoom 1, chosen from the trace so that busy stretches stay readable. */
export function basePixelsPerTime(model: ChartModel): number {
  const times: number[] = [];
  const step = Math.max(1, Math.floor(model.drawnEvents.length / 5000));
  for (let i = 0; i < model.drawnEvents.length; i += step) times.push(model.drawnEvents[i]!.t);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) if (times[i]! > times[i - 1]!) gaps.push(times[i]! - times[i - 1]!);
  if (gaps.length === 0) return TIME_ROW;
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  return Math.min(400, Math.max(0.05, TIME_ROW / median));
}

/**
 * The instants of a trace (distinct event times, ascending) and how many marks
 * are stacked at each on its busiest lane. Virtual time is drawn to scale,
 * except that a busy instant gets the room its stacked marks need.
 */
interface Instants {
  times: Float64Array;
  stack: Uint16Array;
}

const instantsCache = new WeakMap<ChartModel, Instants>();

function instantsOf(model: ChartModel): Instants {
  const cached = instantsCache.get(model);
  if (cached) return cached;
  const times: number[] = [];
  for (const e of model.drawnEvents) if (times.length === 0 || e.t !== times[times.length - 1]) times.push(e.t);
  const sorted = Float64Array.from(new Set(times)).sort();
  const stack = new Uint16Array(sorted.length);
  const slots = eventSlots(model, 'time');
  const first = model.trace.firstEventIndex;
  let at = 0;
  for (const e of model.drawnEvents) {
    while (at < sorted.length - 1 && sorted[at]! < e.t) at++;
    const rows = slots[e.i - first]! + 1;
    if (rows > stack[at]!) stack[at] = rows;
  }
  const instants = { times: sorted, stack };
  instantsCache.set(model, instants);
  return instants;
}

export function lowerBound(values: Float64Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A monotone map from time to pixels: to scale, plus room for stacked marks; invertible. */
function timeScale(model: ChartModel, pixelsPerTime: number, zoom: number): { y: (t: number) => number; unitAt: (y: number) => number } {
  const { times, stack } = instantsOf(model);
  const perUnit = pixelsPerTime * zoom;
  const ys = new Float64Array(times.length);
  const room = MARK_SLOT * Math.min(1, zoom);
  for (let i = 1; i < times.length; i++) ys[i] = ys[i - 1]! + Math.max((times[i]! - times[i - 1]!) * perUnit, stack[i - 1]! * room);
  const first = times.length ? times[0]! : 0;
  const y = (t: number) => {
    if (times.length === 0 || t <= first) return (t - first) * perUnit + (times.length ? first * perUnit : 0);
    const i = lowerBound(times, t);
    if (i >= times.length) return first * perUnit + ys[times.length - 1]! + (t - times[times.length - 1]!) * perUnit;
    if (times[i] === t) return first * perUnit + ys[i]!;
    const t0 = times[i - 1]!;
    const t1 = times[i]!;
    return first * perUnit + ys[i - 1]! + ((t - t0) / (t1 - t0)) * (ys[i]! - ys[i - 1]!);
  };
  const unitAt = (py: number) => {
    const offset = py - first * perUnit;
    if (times.length === 0 || offset <= 0) return first + offset / perUnit;
    let lo = 0;
    let hi = times.length - 1;
    if (offset >= ys[hi]!) return times[hi]! + (offset - ys[hi]!) / perUnit;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ys[mid]! <= offset) lo = mid;
      else hi = mid;
    }
    const span = ys[hi]! - ys[lo]!;
    return times[lo]! + (span > 0 ? ((offset - ys[lo]!) / span) * (times[hi]! - times[lo]!) : 0);
  };
  return { y, unitAt };
}

export function layoutChart(model: ChartModel, input: LayoutInput, pixelsPerTime: number): ChartLayout {
  const columns = new Map<number, number>();
  input.shownLanes.forEach((lane, column) => columns.set(lane, column));
  const laneWidth = Math.max(MIN_LANE_WIDTH, (input.viewWidth - GUTTER_WIDTH) / Math.max(1, input.shownLanes.length));
  const top = HEADER_HEIGHT + TOP_PADDING;
  const time = input.scale === 'time';
  const perUnit = time ? pixelsPerTime * input.zoom : LAMPORT_ROW * input.zoom;
  const scale = time ? timeScale(model, pixelsPerTime, input.zoom) : { y: (u: number) => u * perUnit, unitAt: (py: number) => py / perUnit };
  const maxUnit = time ? model.maxTime : model.maxLamport;
  return {
    scale: input.scale,
    zoom: input.zoom,
    laneWidth,
    contentWidth: GUTTER_WIDTH + laneWidth * input.shownLanes.length,
    contentHeight: top + scale.y(maxUnit) + MARK_SLOT * 2 + BOTTOM_PADDING,
    laneX: (lane) => {
      const column = columns.get(lane);
      return column === undefined ? undefined : GUTTER_WIDTH + laneWidth * column + laneWidth / 2;
    },
    y: (unit) => top + scale.y(unit),
    unitAt: (y) => scale.unitAt(y - top),
    unitOf: time ? (e) => e.t : (e) => e.lamport,
    unitsPerPixel: 1 / perUnit,
  };
}
