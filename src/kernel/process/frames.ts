/**
 * Messages between the kernel host and the kernel process, as frames on a
 * pipe: a 4-byte big-endian length, then the message in V8's serialization
 * (structured clone: plain data, Map and Set included, never functions).
 * The reader refuses a frame longer than its limit before buffering it, so a
 * kernel process that went wrong cannot make the host hold more than that.
 */
import { deserialize, serialize } from 'node:v8';

/** Thrown by FrameReader for a frame over its limit; the connection is then unusable. */
export class FrameTooLarge extends Error {
  override name = 'FrameTooLarge';
  constructor(readonly bytes: number, readonly limit: number) {
    super(`a message of ${bytes} bytes is over the limit of ${limit}`);
  }
}

/** One message as a frame. */
export function encodeFrame(message: unknown): Buffer {
  const body = serialize(message);
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

/** Splits a byte stream into messages. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly limit: number) {}

  /** Adds bytes; returns the messages they complete. @throws FrameTooLarge */
  push(chunk: Buffer): unknown[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: unknown[] = [];
    for (;;) {
      if (this.buffered < 4) return messages;
      const head = this.peek(4);
      const length = head.readUInt32BE(0);
      if (length > this.limit) throw new FrameTooLarge(length, this.limit);
      if (this.buffered < 4 + length) return messages;
      const frame = this.take(4 + length);
      messages.push(deserialize(frame.subarray(4)));
    }
  }

  private peek(bytes: number): Buffer {
    if (this.chunks[0].length < bytes) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0];
  }

  private take(bytes: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const frame = all.subarray(0, bytes);
    const rest = all.subarray(bytes);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return frame;
  }
}
