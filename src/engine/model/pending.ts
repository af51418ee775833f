/**
 * What is pending in a world: message copies in flight, armed timers and
 * scheduled faults, each a `Pending` entry of the event queue.
 */
import type { Message } from '../api/types';
import type { Scheduled } from './eventQueue';

/** What a pending entry does when it happens. */
export type PendingKind = 'start' | 'deliver' | 'timer' | 'crash' | 'restart' | 'partition-start' | 'partition-end' | 'strike' | 'heal';

/** A message as sent: shared by its copies (a duplicated message has two). */
export interface SentMessage {
  readonly id: number;
  readonly type: string;
  readonly from: number;
  readonly to: number;
  readonly sentAt: number;
  readonly sendEvent: number;
  /** How many copies were delivered so far (the second and later are duplicates). */
  deliveries: number;
}

/** A partition as the world applies it: node indexes. */
export interface PartitionRun {
  /** Id in the trace (`TracePartition.id`). */
  readonly id: number;
  readonly groups: readonly (readonly number[])[];
  readonly oneWay: boolean;
}

/** One entry of the event queue. A single class, so the hot loop sees one object shape. */
export class Pending implements Scheduled {
  cancelled = false;

  constructor(
    public at: number,
    public seq: number,
    public readonly kind: PendingKind,
    /** Node it happens on (the receiver of a delivery; the first node of a partition). */
    public readonly node: number,
    public readonly message: SentMessage | null = null,
    /** This copy's payload (each copy has its own, since a handler may modify what it receives). */
    public payload: Message | null = null,
    public readonly timer: string | null = null,
    public readonly data: unknown = undefined,
    public readonly partition: PartitionRun | null = null,
  ) {}
}

/** A pending entry described for people: `deliver ping #3 a→b`, `timer retry on a`. */
export function describePending(entry: Pending, ids: readonly string[]): string {
  const id = ids[entry.node];
  switch (entry.kind) {
    case 'deliver': {
      const m = entry.message as SentMessage;
      return `deliver ${m.type} #${m.id} ${ids[m.from]}→${id}`;
    }
    case 'timer':
      return `timer ${entry.timer} on ${id}`;
    case 'partition-start':
    case 'partition-end':
      return `${entry.kind} ${(entry.partition as PartitionRun).groups.map((g) => g.map((k) => ids[k]).join(',')).join(' | ')}`;
    case 'heal':
      return 'heal the network';
    default:
      return `${entry.kind} ${id}`;
  }
}
