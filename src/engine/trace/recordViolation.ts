import type { PropertyFailure } from '../api/propertyTypes';
import type { World } from '../model/world';

/**
 * Records a property's violation as a 'violation' event on the node whose
 * event broke it. The run's first violation is also marked on that event, so
 * a chart can highlight it. Used by simulation and by counterexample replay.
 */
export function recordViolation(world: World, property: string, failure: PropertyFailure, first: boolean): void {
  const i = world.eventCount++;
  const recorder = world.recorder;
  if (!recorder) return;
  if (first) recorder.violation(failure.event);
  recorder.networkEvent(i, 'violation', recorder.nodeOfEvent(failure.event) ?? 0, failure.at, { label: property, data: failure.message, cause: failure.event });
}
