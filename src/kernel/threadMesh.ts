/**
 * The threads of one partitioned search, joined two by two by message
 * ports. A thread busy in the search cannot wait on its event loop, so it
 * reads its ports synchronously (`receiveMessageOnPort`) and sleeps on a
 * shared counter that senders bump after each message. Messages between two
 * threads arrive in the order sent, so a thread that runs ahead leaves its
 * next round's text queued until the slower one asks for it.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { WorkerLink } from '../check/modelCheck/partitionedSearch';

/** A message on a mesh port: a round's text, or the error a thread failed with. */
export type MeshMessage = { type: 'round'; text: string } | { type: 'error'; name: string; message: string; stack?: string };

/** What a thread of the mesh is given: its place, a port to every other thread (none at its own place), each thread's signal. */
export interface MeshEnd {
  index: number;
  count: number;
  ports: (MessagePort | null)[];
  signals: SharedArrayBuffer[];
}

/** The ends of a new mesh of `count` threads (each end's ports go in that thread's transfer list). */
export function meshEnds(count: number): MeshEnd[] {
  const signals = Array.from({ length: count }, () => new SharedArrayBuffer(4));
  const ends: MeshEnd[] = Array.from({ length: count }, (_, index) => ({ index, count, ports: new Array<MessagePort | null>(count).fill(null), signals }));
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const { port1, port2 } = new MessageChannel();
      ends[i].ports[j] = port1;
      ends[j].ports[i] = port2;
    }
  }
  return ends;
}

/** A thread's side of the mesh. */
export class ThreadMesh {
  private readonly signal: Int32Array;

  /**
   * `interrupt`, called while waiting, may throw to give up (a stop asked
   * for); `onError` gets another thread's error message (and should throw).
   */
  constructor(
    private readonly end: MeshEnd,
    private readonly interrupt: () => void = () => undefined,
    private readonly onError: (from: number, error: Extract<MeshMessage, { type: 'error' }>) => never = (from, error) => {
      throw new Error(`check: worker thread ${from} failed: ${error.name}: ${error.message}`);
    },
  ) {
    this.signal = new Int32Array(end.signals[end.index]);
  }

  get index(): number {
    return this.end.index;
  }

  get count(): number {
    return this.end.count;
  }

  /** Posts `message` to thread `to` and wakes it. */
  post(to: number, message: MeshMessage): void {
    const port = this.end.ports[to];
    if (!port) throw new Error(`check: no port to thread ${to}`);
    port.postMessage(message);
    const signal = new Int32Array(this.end.signals[to]);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  }

  send(to: number, text: string): void {
    this.post(to, { type: 'round', text });
  }

  /** This round's text from every other thread (null at this thread's place). */
  receiveTexts(): (string | null)[] {
    const texts: (string | null)[] = new Array<string | null>(this.end.count).fill(null);
    let missing = this.end.count - 1;
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      for (let p = 0; p < this.end.count && missing > 0; p++) {
        const port = this.end.ports[p];
        if (!port || texts[p] !== null) continue;
        const received = receiveMessageOnPort(port);
        if (!received) continue;
        const message = received.message as MeshMessage;
        if (message.type === 'error') this.onError(p, message);
        texts[p] = message.text;
        missing--;
      }
      if (missing === 0) return texts;
      this.interrupt();
      Atomics.wait(this.signal, 0, seen, 100);
    }
  }

  /** The mesh as a search's link: texts parsed here. */
  link(): WorkerLink {
    return {
      index: this.end.index,
      count: this.end.count,
      send: (to, text) => this.send(to, text),
      receive: () => this.receiveTexts().map((text) => (text === null ? null : (JSON.parse(text) as unknown))),
    };
  }

  close(): void {
    for (const port of this.end.ports) port?.close();
  }
}
