/**
 * What the user has hidden: nodes, message types and timers (by name). An
 * arrow is shown when both its lanes and its type are; a mark when its lane
 * is and, for a timer's set, fire or cancel, when its timer is.
 */
import type { TraceEvent } from '../../src/common/traceFormat';
import type { Arrow, ChartModel } from './chartModel';

export interface ChartFilter {
  hiddenNodes: ReadonlySet<string>;
  hiddenTypes: ReadonlySet<string>;
  hiddenTimers: ReadonlySet<string>;
}

export const NO_FILTER: ChartFilter = { hiddenNodes: new Set(), hiddenTypes: new Set(), hiddenTimers: new Set() };

/** The name a timer event is filtered by (a timer set without a name is "timer", as its label says). */
export function timerName(event: TraceEvent): string | undefined {
  return event.kind === 'timer' || event.kind === 'timer-set' || event.kind === 'timer-cancel' ? event.timer ?? 'timer' : undefined;
}

/** How many filters are on. */
export function hiddenCount(filter: ChartFilter): number {
  return filter.hiddenNodes.size + filter.hiddenTypes.size + filter.hiddenTimers.size;
}

export function arrowVisible(filter: ChartFilter, model: ChartModel, arrow: Arrow): boolean {
  return !filter.hiddenTypes.has(arrow.msg.type) && !filter.hiddenNodes.has(model.lanes[arrow.from]!.id) && !filter.hiddenNodes.has(model.lanes[arrow.to]!.id);
}

export function eventVisible(filter: ChartFilter, model: ChartModel, event: TraceEvent): boolean {
  if (filter.hiddenNodes.has(event.node)) return false;
  const timer = timerName(event);
  if (timer !== undefined) return !filter.hiddenTimers.has(timer);
  if (event.msg === undefined) return true;
  const arrows = model.arrowsOf(event);
  return arrows.length ? arrows.some((a) => arrowVisible(filter, model, a)) : !filter.hiddenTypes.has(model.trace.messages[event.msg]?.type ?? '');
}

/** The drawn events that pass the filter, in event order (what keyboard navigation walks). */
export function visibleEvents(filter: ChartFilter, model: ChartModel): TraceEvent[] {
  if (hiddenCount(filter) === 0) return model.drawnEvents;
  return model.drawnEvents.filter((e) => eventVisible(filter, model, e));
}
