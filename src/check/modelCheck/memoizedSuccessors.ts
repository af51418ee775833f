/**
 * The fingerprints of a state's successors whose handler outcomes are
 * memoized, computed before any of them is looked up. Each lookup in the
 * fingerprint table is a likely cache miss; touching every successor's slot
 * in one tight loop lets the processor wait for those misses together
 * instead of one after another (JavaScript has no prefetch instruction).
 * Reading the memos before the state's other actions run changes nothing: a
 * memoized outcome is right whenever it is read, and a successor not
 * recognised here is built and deduplicated as usual.
 */
import type { FingerprintTable } from './fingerprintTable';
import type { Action, ModelState } from './modelState';
import type { ProtocolModel } from './protocolModel';

export class MemoizedSuccessors {
  private a = new Int32Array(64);
  private b = new Int32Array(64);
  /** 1 where the successor's fingerprint is known without building it. */
  private has = new Uint8Array(64);

  /** Computes the memoized successors' fingerprints of `state` under the first `count` of `actions` and touches their table slots. */
  fill(model: ProtocolModel, state: ModelState, actions: readonly Action[], count: number, table: FingerprintTable): void {
    if (count > this.has.length) {
      let size = this.has.length;
      while (size < count) size *= 2;
      this.a = new Int32Array(size);
      this.b = new Int32Array(size);
      this.has = new Uint8Array(size);
    }
    const { a, b, has } = this;
    for (let i = 0; i < count; i++) {
      if (model.memoizedFingerprint(state, actions[i])) {
        a[i] = model.successorA;
        b[i] = model.successorB;
        has[i] = 1;
      } else has[i] = 0;
    }
    for (let i = 0; i < count; i++) if (has[i] === 1) table.touch(a[i], b[i]);
  }

  /** True when the successor under action `i` is memoized and its fingerprint already stored. */
  known(i: number, model: ProtocolModel, table: FingerprintTable): boolean {
    // A handler that read the clock since `fill` ends reuse of memoized outcomes from then on.
    return this.has[i] === 1 && model.memoizing && table.has(this.a[i], this.b[i]);
  }

  /** Lane A of the fingerprint of memoized action `i`'s successor, or undefined when it is not memoized (or memos are no longer reused). */
  laneA(i: number, model: ProtocolModel): number | undefined {
    return this.has[i] === 1 && model.memoizing ? this.a[i] : undefined;
  }

  /** The number of the state reached by memoized action `i` when it was seen before, or -1 (the table must be numbered). */
  seenIndex(i: number, model: ProtocolModel, table: FingerprintTable): number {
    return this.has[i] === 1 && model.memoizing ? table.get(this.a[i], this.b[i]) : -1;
  }
}
