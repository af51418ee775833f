/**
 * The simulator's only source of randomness: seeded, reproducible streams.
 *
 * Built on pure-rand's xoroshiro128+ (fast, 128-bit state, with `jump()` for
 * independent streams and `clone()` for copying a world). Nothing here reads
 * `Math.random` or the clock.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

const TWO_POW_32 = 4294967296;

/** Spreads small seeds (1, 2, 3…) over all 32 bits: xoroshiro's first outputs for such seeds are poor. */
function scrambleSeed(seed: number): number {
  let x = Math.trunc(seed) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) | 0;
}

/** A seeded random stream. */
export class Random {
  private constructor(private readonly generator: JumpableRandomGenerator) {}

  /** A stream for `seed` (any number; non-integers are truncated). */
  static fromSeed(seed: number): Random {
    return new Random(xoroshiro128plus(scrambleSeed(seed)));
  }

  /** The stream whose generator state is `state` (as `state()` gave it): a copy made in another thread. */
  static fromState(state: readonly number[]): Random {
    return new Random(xoroshiro128plusFromState(state));
  }

  /** A number in [0, 1), with 32 bits of randomness (plenty for fault decisions, and twice as fast as 53). */
  next(): number {
    return (this.generator.next() >>> 0) / TWO_POW_32;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. Draws nothing when `p` is 0, so adding a zero-probability fault does not shift other choices. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** An independent stream, derived deterministically (the next one each call); this stream is unaffected. */
  split(): Random {
    const child = this.generator.clone();
    child.jump();
    // Advance this stream too, so that successive splits differ.
    this.generator.jump();
    this.generator.jump();
    return new Random(child);
  }

  /** A copy that will produce the same numbers as this one. */
  clone(): Random {
    return new Random(this.generator.clone());
  }

  /** The generator's internal state, for fingerprints. */
  state(): readonly number[] {
    return this.generator.getState();
  }
}
