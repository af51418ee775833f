/** The short text drawn next to a lifeline mark (the full text is in the hover and details). */
import type { TraceEvent } from '../../src/common/traceFormat';
import { formatValueInline } from './valueText';

export function markLabel(event: TraceEvent): string | undefined {
  switch (event.kind) {
    case 'timer':
      return `timer ${event.timer ?? ''}`;
    case 'timer-set':
      return `set ${event.timer ?? 'timer'}`;
    case 'timer-cancel':
      return `cancel ${event.timer ?? 'timer'}`;
    case 'crash':
      return 'crash';
    case 'recover':
      return 'recover';
    case 'effect':
      return `effect ${event.label ?? ''}`;
    case 'log':
      return event.label ?? 'log';
    case 'invoke':
      return `${event.label ?? 'call'}(${event.data !== undefined ? formatValueInline(event.data, 40) : ''})`;
    case 'complete':
      return `${event.label ?? 'call'} → ${event.data !== undefined ? formatValueInline(event.data, 40) : 'done'}`;
    case 'violation':
      return event.label ?? 'violation';
    case 'duplicate':
      return 'duplicated';
    case 'corrupt':
      return event.label === 'node' ? 'corrupted by the node' : 'corrupted in flight';
    case 'heal':
      return 'faults stop';
    default:
      return undefined;
  }
}
