/**
 * The PCT scheduler's choice point (Burckhardt et al., "A Randomized
 * Scheduler with Probabilistic Guarantees of Finding Bugs"): nodes get
 * distinct random priorities, and at each step the delivery to the
 * highest-priority node is taken among those the network allows — every
 * delivery due no later than the next timer or fault (which keep their
 * times), so a message may overtake others whatever its latency drew. At
 * `depth - 1` random steps the node just served drops below every other.
 * The stream is the scheduler's own (from the run's seed), so the network's
 * draws are the same as without it.
 */
import type { PctScheduler } from '../api/types';
import type { Pending } from './pending';
import { Random } from './random';
import type { World } from './world';

const DEFAULT_DEPTH = 3;
const DEFAULT_STEPS = 1000;

/** Takes one step of `world` as `options` chooses: 'stepped', 'idle' (nothing pending) or 'until' (the next step is later). */
export type Stepper = (until: number) => 'stepped' | 'idle' | 'until';

function checkCount(value: number | undefined, what: string, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) throw new Error(`scheduler.${what} must be an integer of at least ${min}, got ${String(value)}`);
}

/** The scheduler's random stream for a run with `seed`: apart from the network's, the nodes' and every nemesis's. */
function pctRandom(seed: number): Random {
  return Random.fromSeed((Math.trunc(seed) ^ 0x70637421) + 0x2545f491);
}

/** A stepper for `world` that delivers by PCT priorities. */
export function pctStepper(world: World, options: PctScheduler): Stepper {
  if (options.kind !== 'pct') throw new Error(`unknown scheduler ${JSON.stringify(options.kind)}: use { kind: 'pct', depth }`);
  checkCount(options.depth, 'depth', 1);
  checkCount(options.steps, 'steps', 1);
  const depth = options.depth ?? DEFAULT_DEPTH;
  const steps = options.steps ?? DEFAULT_STEPS;
  const random = pctRandom(world.setup.seed);
  const count = world.nodes.length;
  // Priorities depth..depth+count-1, a random permutation; change point j lowers to j (below every initial one).
  const order = world.nodes.map((node) => node.index);
  for (let k = order.length - 1; k > 0; k--) {
    const j = random.int(0, k);
    [order[k], order[j]] = [order[j], order[k]];
  }
  const priority = new Float64Array(count);
  order.forEach((node, rank) => (priority[node] = depth + rank));
  const changes: number[] = [];
  for (let j = 1; j < depth; j++) changes.push(random.int(1, steps));
  let step = 0;
  return (until) => {
    const live = world.liveEntries();
    if (live.length === 0) return 'idle';
    let horizon = until;
    let earliest: Pending | undefined;
    for (const entry of live) {
      if (!earliest || entry.at < earliest.at || (entry.at === earliest.at && entry.seq < earliest.seq)) earliest = entry;
      if (entry.kind !== 'deliver' && entry.at < horizon) horizon = entry.at;
    }
    if ((earliest as Pending).at > until) return 'until';
    let chosen: Pending | undefined;
    for (const entry of live) {
      if (entry.kind !== 'deliver' || entry.at > horizon) continue;
      if (!chosen || priority[entry.node] > priority[chosen.node] || (priority[entry.node] === priority[chosen.node] && entry.seq < chosen.seq)) chosen = entry;
    }
    const taken = chosen ?? (earliest as Pending);
    step++;
    for (let j = 0; j < changes.length; j++) if (changes[j] === step) priority[taken.node] = j + 1;
    world.take(taken);
    return 'stepped';
  };
}
