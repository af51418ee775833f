/**
 * Where things go: lanes across, time down. Two vertical scales: virtual time
 * (proportional, the default) and Lamport time (compact: one row per clock
 * tick). Positions are in content pixels; the view scrolls over them.
 */
import type { TraceEvent } from '../../src/common/traceFormat';
import type { ChartModel } from './chartModel';

export type TimeScale = 'time' | 'lamport';

export const HEADER_HEIGHT = 46;
export const GUTTER_WIDTH = 64;
const TOP_PADDING = 18;
const BOTTOM_PADDING = 40;
const LAMPORT_ROW = 26;
const MIN_LANE_WIDTH = 150;
/** Target pixels between successive distinct event times at zoom 1. */
const TIME_ROW = 24;

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
  /** Scale units per pixel, for picking tick spacing. */
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

export function layoutChart(model: ChartModel, input: LayoutInput, pixelsPerTime: number): ChartLayout {
  const columns = new Map<number, number>();
  input.shownLanes.forEach((lane, column) => columns.set(lane, column));
  const laneWidth = Math.max(MIN_LANE_WIDTH, (input.viewWidth - GUTTER_WIDTH) / Math.max(1, input.shownLanes.length));
  const perUnit = input.scale === 'time' ? pixelsPerTime * input.zoom : LAMPORT_ROW * input.zoom;
  const top = HEADER_HEIGHT + TOP_PADDING;
  const maxUnit = input.scale === 'time' ? model.maxTime : model.maxLamport;
  return {
    scale: input.scale,
    zoom: input.zoom,
    laneWidth,
    contentWidth: GUTTER_WIDTH + laneWidth * input.shownLanes.length,
    contentHeight: top + maxUnit * perUnit + BOTTOM_PADDING,
    laneX: (lane) => {
      const column = columns.get(lane);
      return column === undefined ? undefined : GUTTER_WIDTH + laneWidth * column + laneWidth / 2;
    },
    y: (unit) => top + unit * perUnit,
    unitAt: (y) => (y - top) / perUnit,
    unitOf: input.scale === 'time' ? (e) => e.t : (e) => e.lamport,
    unitsPerPixel: 1 / perUnit,
  };
}
