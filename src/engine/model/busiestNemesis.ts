/**
 * A nemesis aimed at the busiest node (`nemesis({ target: 'busiest' })`).
 * Each strike picks the server that sent the most messages in the last
 * `every` time units — in a leader-based protocol, the leader — and fails
 * it right after its next step that sends, before the next strike: the
 * messages of that step are still in flight and are lost with it, so a
 * leader can fail having reached only some of its followers. It knows
 * nothing of the protocol, only who sends how much. Its choices (ties, the
 * kind of each strike, and with `stagger` the gaps and the durations) come
 * from a random stream of its own, from the run's seed and its place among
 * the busiest-node nemeses: they never move the network's draws, and the
 * same seed gives the same strikes.
 */
import type { NemesisFault } from '../api/types';
import { staggered } from './nemesisPlan';
import { Random } from './random';

/** A failure waiting for its victim's next send: `kind` for `duration`. */
export interface ArmedStrike {
  victim: number;
  kind: NemesisFault['kinds'][number];
  duration: number;
}

/** The stream of the `ordinal`-th busiest-node nemesis of a run with `seed`: apart from the network's, the nodes', the scheduler's and every other nemesis's. */
function busiestRandom(seed: number, ordinal: number): Random {
  return Random.fromSeed((Math.trunc(seed) ^ 0x62757379) + Math.imul(ordinal + 1, 0x85ebca6b));
}

/** One busiest-node nemesis of a world: its stream, the recent sends of the nodes it may hit, and the strike waiting for a send. */
export class BusiestNemesis {
  private constructor(
    readonly fault: NemesisFault,
    /** Node indexes it may strike, in node order. */
    readonly candidates: readonly number[],
    private readonly random: Random,
    /** Per node index: its send times within the window, oldest first (always empty for a node it may not strike). */
    private readonly sends: number[][],
    /** The strike waiting for its victim's next send, if any. */
    public armed: ArmedStrike | undefined,
  ) {}

  static create(fault: NemesisFault, candidates: readonly number[], nodeCount: number, seed: number, ordinal: number): BusiestNemesis {
    return new BusiestNemesis(fault, candidates, busiestRandom(seed, ordinal), Array.from({ length: nodeCount }, () => []), undefined);
  }

  /** The time of the first strike: `from`, or with `stagger` a gap after it. */
  first(): number {
    return this.fault.from + (this.fault.stagger ? staggered(this.random, this.fault.every) : 0);
  }

  /** Node `node` sent a message at time `now`. */
  sent(node: number, now: number): void {
    const times = this.sends[node];
    if (!this.candidates.includes(node)) return;
    times.push(now);
    // Keeps the lists short in long runs between strikes.
    if (times.length > 256) this.forget(times, now);
  }

  /**
   * Strikes at `now`: picks the busiest of the nodes that are up and arms a
   * failure for its next send (or disarms, when no such node sent in the
   * window). Returns the time of the next strike.
   */
  strike(now: number, up: (node: number) => boolean): number {
    let victim: number | undefined;
    let most = 0;
    let ties = 0;
    for (const k of this.candidates) {
      const times = this.sends[k];
      this.forget(times, now);
      if (times.length === 0 || !up(k)) continue;
      if (times.length > most) {
        most = times.length;
        victim = k;
        ties = 1;
      } else if (times.length === most && this.random.int(0, ties++) === 0) victim = k;
    }
    const kinds = this.fault.kinds;
    const kind = kinds.length === 1 ? kinds[0] : kinds[this.random.int(0, kinds.length - 1)];
    const duration = this.fault.stagger ? staggered(this.random, this.fault.duration) : this.fault.duration;
    this.armed = victim === undefined ? undefined : { victim, kind, duration };
    return now + (this.fault.stagger ? staggered(this.random, this.fault.every) : this.fault.every);
  }

  /** The armed strike, taken, when `node` is its victim (it just sent); undefined otherwise. */
  fire(node: number): ArmedStrike | undefined {
    const armed = this.armed;
    if (armed?.victim !== node) return undefined;
    this.armed = undefined;
    return armed;
  }

  clone(): BusiestNemesis {
    return new BusiestNemesis(this.fault, this.candidates, this.random.clone(), this.sends.map((times) => times.slice()), this.armed && { ...this.armed });
  }

  /** Drops the send times older than the window (`every` before `now`). */
  private forget(times: number[], now: number): void {
    let k = 0;
    while (k < times.length && times[k] < now - this.fault.every) k++;
    if (k > 0) times.splice(0, k);
  }
}
