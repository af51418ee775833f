/**
 * What the user has hidden: nodes and message types. An arrow is shown when
 * both its lanes and its type are; a mark when its lane is.
 */
import type { TraceEvent } from '../../src/common/traceFormat';
import type { Arrow, ChartModel } from './chartModel';

export interface ChartFilter {
  hiddenNodes: ReadonlySet<string>;
  hiddenTypes: ReadonlySet<string>;
}

export const NO_FILTER: ChartFilter = { hiddenNodes: new Set(), hiddenTypes: new Set() };

export function arrowVisible(filter: ChartFilter, model: ChartModel, arrow: Arrow): boolean {
  return !filter.hiddenTypes.has(arrow.msg.type) && !filter.hiddenNodes.has(model.lanes[arrow.from]!.id) && !filter.hiddenNodes.has(model.lanes[arrow.to]!.id);
}

export function eventVisible(filter: ChartFilter, model: ChartModel, event: TraceEvent): boolean {
  if (filter.hiddenNodes.has(event.node)) return false;
  if (event.msg === undefined) return true;
  const arrows = model.arrowsOf(event);
  return arrows.length ? arrows.some((a) => arrowVisible(filter, model, a)) : !filter.hiddenTypes.has(model.trace.messages[event.msg]?.type ?? '');
}

/** The drawn events that pass the filter, in event order (what keyboard navigation walks). */
export function visibleEvents(filter: ChartFilter, model: ChartModel): TraceEvent[] {
  if (filter.hiddenNodes.size === 0 && filter.hiddenTypes.size === 0) return model.drawnEvents;
  return model.drawnEvents.filter((e) => eventVisible(filter, model, e));
}
