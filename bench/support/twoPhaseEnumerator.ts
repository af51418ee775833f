/**
 * A hand-written breadth-first enumerator of the two-phase commit model of
 * test/fixtures/protocols/twoPhaseCommit.ts, the state space `check` walks
 * (no faults, no symmetry), for bench/checkerBaseline.bench.ts.
 *
 * A state packs into two 32-bit words: the transaction manager's phase in
 * bits 0–1 of the first, then 6 bits per resource manager (the first five in
 * the first word from bit 2, the rest in the second): its phase (2 bits),
 * whether its `prepared` message is in flight (1), the manager's message in
 * flight to it (none, commit, abort: 2), and whether the manager has counted
 * it as prepared (1). Armed timers follow from the phases (a resource manager
 * has both of its timers exactly while working, the manager its `abort`
 * timer exactly while in `init`), so they need no bits of their own; the
 * network holds at most one message of each kind per link, so it is a set.
 *
 * What it does: every interleaving of timer firings and deliveries, the
 * `consistent` invariant in every state, and exact deduplication (the packed
 * state is the key of an open-addressing table over an Int32Array).
 * What it does not do that `check` does: run the protocol's own handlers
 * (each step here is a few bit operations written for this protocol alone),
 * clone and structurally hash node states, keep a probabilistic 64-bit
 * fingerprint per state, memoize handler outcomes, record each state's parent
 * and action so a counterexample path can be rebuilt and replayed as a trace,
 * or support faults, crashes, effects, clients and liveness properties.
 */

const WORKING = 0;
const PREPARED = 1;
const COMMITTED = 2;
const ABORTED = 3;
const TM_INIT = 0;
const TM_COMMITTED = 1;
const TM_ABORTED = 2;
/** Fields of a resource manager's 6 bits. */
const PHASE = 3;
const SENT = 4;
const INBOX_SHIFT = 3;
const INBOX = 3 << INBOX_SHIFT;
const COMMIT_MSG = 1;
const ABORT_MSG = 2;
const COUNTED = 32;

/** Open-addressing set of (lo, hi) pairs; `hi` is stored with bit 31 set, so a zero slot is empty. */
class PairSet {
  private slots = new Int32Array(1 << 17);
  private mask = (1 << 16) - 1;
  size = 0;

  /** Adds (lo, hi); false when it was already present. */
  add(lo: number, hi: number): boolean {
    const tagged = hi | 0x80000000;
    const slots = this.slots;
    let h = Math.imul(lo ^ Math.imul(hi ^ (hi >>> 15), 0x2c1b3c6d), 0x297a2d39);
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    let i = (h ^ (h >>> 13)) & this.mask;
    for (;;) {
      const at = i << 1;
      const y = slots[at + 1];
      if (y === 0) break;
      if (y === tagged && slots[at] === lo) return false;
      i = (i + 1) & this.mask;
    }
    slots[i << 1] = lo;
    slots[(i << 1) + 1] = tagged;
    if (++this.size * 2 > this.mask) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 2) if (old[at + 1] !== 0) this.add(old[at], old[at + 1] & 0x7fffffff);
  }
}

export interface EnumerationResult {
  states: number;
  transitions: number;
  /** False when some state broke `consistent`. */
  consistent: boolean;
}

/** Where resource manager `i`'s 6 bits are: word 0 (`lo`) or 1 (`hi`), and the shift. */
const wordOf = (i: number) => (i < 5 ? 0 : 1);
const shiftOf = (i: number) => (i < 5 ? 2 + 6 * i : 6 * (i - 5));

/** The breadth-first queue (every state found, in order: two words each) and the set of states seen. */
class Search {
  readonly seen = new PairSet();
  queue = new Int32Array(1 << 16);
  tail = 0;
  transitions = 0;
  consistent = true;
  constructor(private readonly managers: number) {}

  /** Offers (lo, hi) with the field `f` at (`w`, `shift`) replaced by `g`. */
  put(lo: number, hi: number, w: number, shift: number, f: number, g: number): void {
    if (w === 0) this.offer(lo ^ ((f ^ g) << shift), hi);
    else this.offer(lo, hi ^ ((f ^ g) << shift));
  }

  offer(lo: number, hi: number): void {
    this.transitions++;
    if (!this.seen.add(lo, hi)) return;
    if (this.consistent && !isConsistent(lo, hi, this.managers)) this.consistent = false;
    if (this.tail + 2 > this.queue.length) {
      const bigger = new Int32Array(this.queue.length * 2);
      bigger.set(this.queue);
      this.queue = bigger;
    }
    this.queue[this.tail++] = lo;
    this.queue[this.tail++] = hi;
  }
}

/** The `consistent` invariant: no resource manager committed while another aborted. */
function isConsistent(lo: number, hi: number, managers: number): boolean {
  let committed = false;
  let aborted = false;
  for (let i = 0; i < managers; i++) {
    const phase = ((wordOf(i) === 0 ? lo : hi) >>> shiftOf(i)) & PHASE;
    if (phase === COMMITTED) committed = true;
    else if (phase === ABORTED) aborted = true;
  }
  return !(committed && aborted);
}

/** Every state of two-phase commit with `managers` resource managers (1 to 10), breadth-first. */
export function enumerateTwoPhaseCommit(managers: number): EnumerationResult {
  if (managers < 1 || managers > 10) throw new RangeError('1 to 10 resource managers');
  const n = managers;
  // Masks over both words: every inbox, every counted bit, and a message in every inbox.
  const inbox = [0, 0];
  const counted = [0, 0];
  const commits = [0, 0];
  const aborts = [0, 0];
  for (let i = 0; i < n; i++) {
    inbox[wordOf(i)] |= INBOX << shiftOf(i);
    counted[wordOf(i)] |= COUNTED << shiftOf(i);
    commits[wordOf(i)] |= (COMMIT_MSG << INBOX_SHIFT) << shiftOf(i);
    aborts[wordOf(i)] |= (ABORT_MSG << INBOX_SHIFT) << shiftOf(i);
  }
  const search = new Search(n);
  // After every node's start: all working, every timer armed, nothing in flight.
  search.offer(TM_INIT, 0);
  search.transitions = 0; // successors only, as check counts them
  for (let head = 0; head < search.tail; head += 2) {
    const lo = search.queue[head];
    const hi = search.queue[head + 1];
    const tm = lo & 3;
    // The manager's abort timer, armed while in init: it aborts and tells everyone.
    if (tm === TM_INIT) search.offer((lo & ~inbox[0] & ~3) | aborts[0] | TM_ABORTED, (hi & ~inbox[1]) | aborts[1]);
    for (let i = 0; i < n; i++) {
      const w = wordOf(i);
      const shift = shiftOf(i);
      const word = w === 0 ? lo : hi;
      const f = (word >>> shift) & 63;
      if ((f & PHASE) === WORKING) {
        search.put(lo, hi, w, shift, f, (f & ~PHASE) | PREPARED | SENT); // timer prepare: cancels chooseToAbort, sends prepared
        search.put(lo, hi, w, shift, f, (f & ~PHASE) | ABORTED); // timer chooseToAbort: cancels prepare
      }
      if (f & SENT) {
        // prepared delivered to the manager: counted while in init; the last one commits and tells everyone.
        if (tm !== TM_INIT) search.put(lo, hi, w, shift, f, f & ~SENT);
        else {
          const g = (f & ~SENT) | COUNTED;
          const nextLo = w === 0 ? lo ^ ((f ^ g) << shift) : lo;
          const nextHi = w === 0 ? hi : hi ^ ((f ^ g) << shift);
          if ((nextLo & counted[0]) !== counted[0] || (nextHi & counted[1]) !== counted[1]) search.offer(nextLo, nextHi);
          else search.offer((nextLo & ~inbox[0] & ~3) | commits[0] | TM_COMMITTED, (nextHi & ~inbox[1]) | commits[1]);
        }
      }
      const message = (f & INBOX) >>> INBOX_SHIFT;
      // commit or abort delivered: the phase follows (abort also cancels both timers).
      if (message !== 0) search.put(lo, hi, w, shift, f, (f & ~INBOX & ~PHASE) | (message === COMMIT_MSG ? COMMITTED : ABORTED));
    }
  }
  return { states: search.seen.size, transitions: search.transitions, consistent: search.consistent };
}
