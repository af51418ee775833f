/**
 * The messages of a trace while a run is going, by id (ids are consecutive),
 * with the sender's clocks at the send so that deliveries can merge them.
 * The oldest are forgotten once no copy is in flight and their send event is
 * no longer kept.
 */
import { dropFront } from './arrays';
import { PayloadColumns } from './payloadColumns';

export class MessageColumns {
  /** Id of the message in slot `head`. */
  base = 0;
  private head = 0;
  type: string[] = [];
  from: number[] = [];
  to: string[] = [];
  readonly payloads = new PayloadColumns();
  sentAt: number[] = [];
  sendEvent: number[] = [];
  lamport: number[] = [];
  inFlight: number[] = [];
  vc: Uint32Array;
  private vcCapacity = 1024;

  constructor(private readonly width: number) {
    this.vc = new Uint32Array(this.vcCapacity * width);
  }

  /** Slot of message `id`, or -1 when it is not held. */
  slotOf(id: number): number {
    const k = id - this.base + this.head;
    return k >= this.head && k < this.type.length ? k : -1;
  }

  /** Records message `id` (the next id). */
  add(id: number, type: string, from: number, to: string, payload: unknown, sentAt: number, sendEvent: number, lamport: number, vc: Uint32Array, vcOffset: number): void {
    if (this.type.length === this.head) this.base = id;
    const k = this.type.length;
    this.type.push(type);
    this.from.push(from);
    this.to.push(to);
    this.payloads.push(type, payload);
    this.sentAt.push(sentAt);
    this.sendEvent.push(sendEvent);
    this.lamport.push(lamport);
    this.inFlight.push(0);
    if ((k + 1) * this.width > this.vc.length) {
      const next = new Uint32Array(this.vc.length * 2);
      next.set(this.vc);
      this.vc = next;
    }
    const w = this.width;
    const clocks = this.vc;
    for (let j = 0; j < w; j++) clocks[k * w + j] = vc[vcOffset + j];
  }

  /** Forgets the oldest messages that have no copy in flight and were sent before event `firstKept`. */
  forgetBefore(firstKept: number): void {
    while (this.head < this.type.length && this.inFlight[this.head] <= 0 && this.sendEvent[this.head] < firstKept) {
      this.head++;
      this.base++;
    }
    if (this.head > 1024 && this.head * 2 > this.type.length) this.compact();
  }

  /** Number of messages held: ids `base` .. `base + held - 1`, in slots `slotOf(base)` onwards. */
  get held(): number {
    return this.type.length - this.head;
  }

  private compact(): void {
    const h = this.head;
    for (const column of [this.type, this.from, this.to, this.sentAt, this.sendEvent, this.lamport, this.inFlight] as unknown[][]) dropFront(column, h);
    this.payloads.dropFront(h);
    this.vc.copyWithin(0, h * this.width, (this.type.length + h) * this.width);
    this.head = 0;
  }
}
