/**
 * The messages of a trace while a run is going, by id (ids are consecutive).
 * The oldest are forgotten once no copy is in flight and their send event is
 * no longer kept. What the send event says of a message (its sender, its
 * time, the sender's clocks, which deliveries merge) is read from the event
 * while the trace holds it; the recorder copies it here only for a message
 * that outlives its send event (see `TraceRecorder.trim`), which saves a copy
 * per message. The columns are rings (see ring.ts): a message's slot stays
 * fixed while it is held, and forgetting one moves nothing.
 */
import { PayloadColumns } from './payloadColumns';
import { nulls, regrowArray, regrowTyped } from './ring';

const INITIAL_CAPACITY = 1024;

export class MessageColumns {
  /** Id of the oldest message held (in slot `head`). */
  base = 0;
  /** Number of messages held: ids `base` .. `base + held - 1`. */
  held = 0;
  private head = 0;
  private capacity = INITIAL_CAPACITY;
  private mask = INITIAL_CAPACITY - 1;
  type: (string | null)[] = nulls(INITIAL_CAPACITY);
  to: (string | null)[] = nulls(INITIAL_CAPACITY);
  sendEvent = new Float64Array(INITIAL_CAPACITY);
  inFlight = new Int32Array(INITIAL_CAPACITY);
  /** Copied from the send event once the trace no longer holds it: the sender's index, the send time, its clocks. */
  from = new Int32Array(INITIAL_CAPACITY);
  sentAt = new Float64Array(INITIAL_CAPACITY);
  lamport = new Float64Array(INITIAL_CAPACITY);
  /** `width` entries per slot. */
  vc: Uint32Array;
  readonly payloads = new PayloadColumns(INITIAL_CAPACITY);

  constructor(private readonly width: number) {
    this.vc = new Uint32Array(INITIAL_CAPACITY * width);
  }

  /** Slot of message `id`, or -1 when it is not held. */
  slotOf(id: number): number {
    const d = id - this.base;
    return d >= 0 && d < this.held ? (this.head + d) & this.mask : -1;
  }

  /** Records message `id` (the next id), sent at event `sendEvent`. */
  add(id: number, type: string, to: string, payload: unknown, sendEvent: number): void {
    if (this.held === 0) this.base = id;
    else if (this.held === this.capacity) this.grow();
    const k = (this.head + this.held++) & this.mask;
    this.type[k] = type;
    this.to[k] = to;
    this.payloads.write(k, type, payload);
    this.sendEvent[k] = sendEvent;
    this.inFlight[k] = 0;
  }

  /** Calls `copy` with the slot and send event of each message held that was sent at an event from `from` to before `to`. */
  forEachSentBetween(from: number, to: number, copy: (slot: number, sendEvent: number) => void): void {
    for (let n = 0; n < this.held; n++) {
      const k = (this.head + n) & this.mask;
      const sendEvent = this.sendEvent[k];
      if (sendEvent >= to) return;
      if (sendEvent >= from) copy(k, sendEvent);
    }
  }

  /** Forgets the oldest messages that have no copy in flight and were sent before event `firstKept`. */
  forgetBefore(firstKept: number): void {
    while (this.held > 0 && this.inFlight[this.head] <= 0 && this.sendEvent[this.head] < firstKept) {
      this.head = (this.head + 1) & this.mask;
      this.base++;
      this.held--;
    }
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const { head, held } = this;
    this.type = regrowArray(this.type, capacity, head, held);
    this.to = regrowArray(this.to, capacity, head, held);
    this.from = regrowTyped(this.from, capacity, head, held);
    this.sentAt = regrowTyped(this.sentAt, capacity, head, held);
    this.sendEvent = regrowTyped(this.sendEvent, capacity, head, held);
    this.lamport = regrowTyped(this.lamport, capacity, head, held);
    this.inFlight = regrowTyped(this.inFlight, capacity, head, held);
    this.vc = regrowTyped(this.vc, capacity, head, held, this.width);
    this.payloads.regrow(capacity, head, held);
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.head = 0;
  }
}
