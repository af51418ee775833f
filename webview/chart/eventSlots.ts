/**
 * Events on one node at one instant are drawn one below the other, in the
 * order they happened (a delivery, then the effect and log of its handler,
 * then its replies), instead of on top of each other. An event's slot is its
 * rank among them; a lost message's cross is drawn between lanes and takes none.
 */
import type { TraceEvent } from '../../src/common/traceFormat';
import type { ChartModel } from './chartModel';

export type Scale = 'time' | 'lamport';

const cache = new WeakMap<ChartModel, Partial<Record<Scale, Uint16Array>>>();

/** Slots indexed by event position (event.i - trace.firstEventIndex). */
export function eventSlots(model: ChartModel, scale: Scale): Uint16Array {
  let perModel = cache.get(model);
  if (!perModel) cache.set(model, (perModel = {}));
  const cached = perModel[scale];
  if (cached) return cached;
  const first = model.trace.firstEventIndex;
  const slots = new Uint16Array(model.trace.events.length);
  const unit = scale === 'time' ? (e: TraceEvent) => e.t : (e: TraceEvent) => e.lamport;
  const last = new Map<string, { unit: number; count: number }>();
  for (const event of model.drawnEvents) {
    if (event.kind === 'drop') continue;
    // Events come in order, so per node only the current instant needs counting.
    const u = unit(event);
    const seen = last.get(event.node);
    if (seen && seen.unit === u) {
      slots[event.i - first] = Math.min(seen.count, 65535);
      seen.count++;
    } else last.set(event.node, { unit: u, count: 1 });
  }
  perModel[scale] = slots;
  return slots;
}
