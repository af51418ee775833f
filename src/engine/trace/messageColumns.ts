/**
 * The messages of a trace while a run is going, by id (ids are consecutive),
 * with the sender's clocks at the send so that deliveries can merge them.
 * The oldest are forgotten once no copy is in flight and their send event is
 * no longer kept. The columns are rings (see ring.ts): a message's slot
 * stays fixed while it is held, and forgetting one moves nothing.
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
  from = new Int32Array(INITIAL_CAPACITY);
  sentAt = new Float64Array(INITIAL_CAPACITY);
  sendEvent = new Float64Array(INITIAL_CAPACITY);
  lamport = new Float64Array(INITIAL_CAPACITY);
  inFlight = new Int32Array(INITIAL_CAPACITY);
  /** The sender's vector clock at the send, `width` entries per slot. */
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

  /** Records message `id` (the next id). */
  add(id: number, type: string, from: number, to: string, payload: unknown, sentAt: number, sendEvent: number, lamport: number, vc: Uint32Array, vcOffset: number): void {
    if (this.held === 0) this.base = id;
    else if (this.held === this.capacity) this.grow();
    const k = (this.head + this.held++) & this.mask;
    this.type[k] = type;
    this.from[k] = from;
    this.to[k] = to;
    this.payloads.write(k, type, payload);
    this.sentAt[k] = sentAt;
    this.sendEvent[k] = sendEvent;
    this.lamport[k] = lamport;
    this.inFlight[k] = 0;
    const w = this.width;
    const clocks = this.vc;
    const at = k * w;
    for (let j = 0; j < w; j++) clocks[at + j] = vc[vcOffset + j];
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
