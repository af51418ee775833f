/**
 * The Wing–Gong–Lowe search for one partition, as in Porcupine's
 * `checkSingle`: walk the entry list, try to linearize each pending call in
 * turn; on success lift it out and start again from the head; on reaching a
 * return entry (an operation that had to be placed by now) backtrack. A
 * memo of explored configurations (linearized set + model state) prunes
 * repeated work; the linearized set is a bitset with an incremental Zobrist
 * hash so that memo lookups cost no allocation.
 *
 * Three rules prune the search beyond Porcupine's, each sound on its own
 * (see the kinds below): a read-only operation that fits is placed at once
 * as the only branch; an operation whose outcome is unknown is placed only
 * where it changes the state, and never needs placing at all; and each pass
 * over the candidates walks a list of calls of one kind only.
 *
 * The search runs in slices (`run(budget)`) so that the partitions of a
 * history can take turns: one thread then finds a failing partition as soon
 * as Porcupine's one-goroutine-per-partition does, instead of first
 * finishing a hard partition that happens to be linearizable.
 */
import { EntryList } from './entryList';
import { ConfigurationCache } from './configurationCache';
import type { Model, Operation } from './model';

/** The deepest point the search reached before it had to give up on a branch. */
export interface DeepestFailure<State> {
  /** Operations linearized, in order (indexes into the partition's operations). */
  prefix: number[];
  /** The model state after `prefix`. */
  state: State;
  /** The operation whose return was reached without it being placed. */
  cannotPlace: number;
  /** The pending operations that were tried at that point. */
  candidates: number[];
}

export type PartitionSearchResult<State> =
  | { outcome: 'linearizable'; linearization: number[] }
  | { outcome: 'not-linearizable'; deepest: DeepestFailure<State> };

/**
 * A read-only operation (`Model.isReadOnly`) that fits the current state is
 * placed at once, as the only branch: moving it earlier changes no later
 * state and breaks no real-time constraint, so if any order succeeds, one
 * with it placed now does.
 */
const READ_ONLY = 0;
/** An operation that must be placed before it returns, by trying each position. */
const REQUIRED = 1;
/**
 * An operation whose outcome is unknown and that never returned: it may take
 * effect at any time, or never (equivalently: after everything else). It is
 * placed only where it changes the state, tried after the others, and the
 * search is done once every other operation is placed.
 */
const OPTIONAL = 2;
const KINDS = 3;

/** The search over one partition; operation numbers are indexes into the partition's operations. */
export class PartitionSearch<State, Input, Output> {
  private readonly model: Model<State, Input, Output>;
  private readonly list: EntryList;
  private readonly inputs: Input[];
  private readonly outputs: (Output | undefined)[];
  /** Each operation's kind: READ_ONLY, REQUIRED or OPTIONAL. */
  private readonly kind: Uint8Array;
  private readonly linearized: Uint32Array;
  private readonly zobrist: Int32Array;
  private readonly cache: ConfigurationCache<State>;
  /** The linearized calls, in order, and the state before each. */
  private readonly stackCalls: Int32Array;
  private readonly stackStates: State[];
  // The search's position, saved between slices.
  private linearizedHash = 0;
  private depth = 0;
  private state: State;
  private entry: number;
  private phase: number;
  private requiredLeft: number;
  private deepest: DeepestFailure<State> | undefined;
  private result: PartitionSearchResult<State> | undefined;
  /** Loop iterations so far: a measure of work done. */
  iterations = 0;

  constructor(model: Model<State, Input, Output>, operations: readonly Operation<Input, Output>[]) {
    const n = operations.length;
    this.model = model;
    this.inputs = operations.map((op) => op.input);
    this.outputs = operations.map((op) => op.output);
    this.kind = Uint8Array.from(operations, (op) =>
      op.output === undefined && op.return === undefined ? OPTIONAL : model.isReadOnly?.(op.input, op.output) ? READ_ONLY : REQUIRED,
    );
    this.requiredLeft = this.kind.filter((k) => k !== OPTIONAL).length;
    this.list = new EntryList(operations, this.kind, KINDS);
    const words = (n + 31) >>> 5;
    this.linearized = new Uint32Array(words);
    this.zobrist = zobristKeys(n);
    this.cache = new ConfigurationCache<State>(words, (a, b) => model.equal(a, b));
    this.stackCalls = new Int32Array(n);
    this.stackStates = new Array<State>(n);
    this.state = model.init();
    this.phase = this.kind.includes(READ_ONLY) ? READ_ONLY : REQUIRED;
    this.entry = this.list.next[this.list.callHead[this.phase]];
  }

  /** How many configurations the memo holds. */
  get configurations(): number {
    return this.cache.size;
  }

  /**
   * Searches for at most about `budget` more steps. Returns the result once
   * the search is decided, undefined while it is not.
   */
  run(budget: number): PartitionSearchResult<State> | undefined {
    if (this.result) return this.result;
    const { model, list, inputs, outputs, kind, linearized, zobrist, cache, stackCalls, stackStates } = this;
    const { next, operationOf, callHead, returnHead } = list;
    let { linearizedHash, depth, state, entry, phase, requiredLeft, iterations } = this;
    // Passes over kinds that no operation has are skipped.
    const firstPhase = kind.includes(READ_ONLY) ? READ_ONLY : REQUIRED;
    const lastPhase = kind.includes(OPTIONAL) ? OPTIONAL : REQUIRED;
    const stopAt = iterations + budget;

    // At each configuration the candidates (pending calls: before the first
    // return entry) are tried in passes by kind: read-only first (the first
    // that fits is the only branch), then the other operations that must be
    // placed, then the optional ones. `phase` is the kind being tried,
    // `entry` the next call of that kind to try.
    while (requiredLeft > 0) {
      if (++iterations > stopAt) {
        this.linearizedHash = linearizedHash;
        this.depth = depth;
        this.state = state;
        this.entry = entry;
        this.phase = phase;
        this.requiredLeft = requiredLeft;
        this.iterations = iterations;
        return undefined;
      }
      const firstReturn = next[returnHead];
      if (entry < firstReturn) {
        // A pending call: try to linearize it here.
        const op = operationOf[entry];
        const after = model.step(state, inputs[op], outputs[op]);
        // An optional operation that changes nothing here is never worth placing here.
        if (after === undefined || (phase === OPTIONAL && model.equal(after, state))) {
          entry = next[entry];
          continue;
        }
        const word = op >>> 5;
        const bit = 1 << (op & 31);
        linearized[word] |= bit;
        const hash = (linearizedHash ^ zobrist[op] ^ Math.imul(model.hash(after), 0x9e3779b1)) | 0;
        if (cache.addIfAbsent(hash, linearized, after)) {
          linearizedHash ^= zobrist[op];
          stackCalls[depth] = entry;
          stackStates[depth] = state;
          depth++;
          state = after;
          if (phase !== OPTIONAL) requiredLeft--;
          list.lift(entry);
          phase = firstPhase;
          entry = next[callHead[phase]];
          continue;
        }
        linearized[word] &= ~bit;
        if (phase !== READ_ONLY) {
          entry = next[entry];
          continue;
        }
        // A read-only operation that fits now is always placed now (see
        // `Model.isReadOnly`), so the configuration with it placed, already
        // explored without success, stands for this one: backtrack.
      } else if (phase !== lastPhase) {
        phase++;
        entry = next[callHead[phase]];
        continue;
      } else if (this.deepest === undefined || depth > this.deepest.prefix.length) {
        // The first return entry: its operation had to be placed by now, and could not be.
        this.deepest = this.describeDeadEnd(depth, state);
      }
      // Backtrack past the read-only operations: there was no choice to revisit there.
      let op: number;
      do {
        if (depth === 0) {
          this.iterations = iterations;
          return (this.result = { outcome: 'not-linearizable', deepest: this.deepest ?? this.describeDeadEnd(0, state) });
        }
        depth--;
        entry = stackCalls[depth];
        state = stackStates[depth];
        op = operationOf[entry];
        linearized[op >>> 5] &= ~(1 << (op & 31));
        linearizedHash ^= zobrist[op];
        if (kind[op] !== OPTIONAL) requiredLeft++;
        list.unlift(entry);
      } while (kind[op] === READ_ONLY);
      phase = kind[op];
      entry = next[entry];
    }
    const linearization: number[] = [];
    for (let i = 0; i < depth; i++) linearization.push(operationOf[stackCalls[i]]);
    this.iterations = iterations;
    return (this.result = { outcome: 'linearizable', linearization });
  }

  /** The current configuration as a dead end: the first return entry's operation cannot be placed. */
  private describeDeadEnd(depth: number, state: State): DeepestFailure<State> {
    const { next, operationOf, callHead, returnHead } = this.list;
    const firstReturn = next[returnHead];
    const prefix: number[] = [];
    for (let i = 0; i < depth; i++) prefix.push(operationOf[this.stackCalls[i]]);
    const pendingCalls: number[] = [];
    for (const headSentinel of callHead) {
      for (let e = next[headSentinel]; e < firstReturn; e = next[e]) pendingCalls.push(e);
    }
    const candidates = pendingCalls.sort((a, b) => a - b).map((e) => operationOf[e]);
    return { prefix, state, cannotPlace: operationOf[firstReturn], candidates };
  }
}

/** Fixed pseudo-random 32-bit keys, one per operation (xorshift; deterministic across runs). */
function zobristKeys(n: number): Int32Array {
  const keys = new Int32Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    keys[i] = x;
  }
  return keys;
}
