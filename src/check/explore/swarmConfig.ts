/**
 * Swarm testing (Groce et al., 2012): each seed of a swarm sweep runs its
 * own mix of the configuration's faults. A random stream of its own (from
 * the seed, apart from the network's, the nodes', every nemesis's and the
 * scheduler's) switches each kind of fault on or off — loss, duplication,
 * partitions, crashes, clock skew, Byzantine and corrupting nodes — and
 * scales the loss and duplication that stay on by a factor between ¼ and 2.
 * So some seeds run with no loss but a crash, others with many duplicates
 * and no partition: bugs that one kind of fault hides from another are
 * reached, where every seed of a plain sweep runs every fault at once.
 */
import type { Fault, NemesisFault, SimulationConfig } from '../../engine/api/types';
import { Random } from '../../engine/model/random';
import type { SwarmMix } from './types';

/** The switches, in the order they are drawn (always all of them, so a kind's switch does not depend on which others are configured). */
const KINDS = ['loss', 'duplicate', 'partition', 'crash', 'clock', 'byzantine', 'corrupt'] as const;
type Kind = (typeof KINDS)[number];

/** The stream of a seed's swarm draw. */
function swarmRandom(seed: number): Random {
  return Random.fromSeed((Math.trunc(seed) ^ 0x7377726d) + 0x68e31da4);
}

/** `p` scaled by 2^(3u − 2), a factor in [¼, 2), to thousandths, at least 0.001 and at most 1. */
function scaled(p: number, u: number): number {
  return Math.min(1, Math.max(0.001, Math.round(p * 2 ** (3 * u - 2) * 1000) / 1000));
}

/** A fault as the seed's switches leave it: kept, dropped (undefined), or a nemesis with fewer kinds. */
function switched(fault: Fault, on: ReadonlySet<Kind>): Fault | undefined {
  if (fault.fault !== 'nemesis') return on.has(fault.fault) ? fault : undefined;
  const kinds = fault.kinds.filter((kind) => on.has(kind));
  if (kinds.length === 0) return undefined;
  // A nemesis whose target is code is one the replay names as the configuration's own: kept whole.
  if (typeof fault.target === 'function' || kinds.length === fault.kinds.length) return fault;
  return { ...fault, kinds } satisfies NemesisFault;
}

/**
 * The configuration seed `seed` of a swarm sweep runs: `config` with the
 * fault kinds its draw switched off removed, and its loss and duplication
 * scaled (or 0). `simulate({ ...swarmConfig(config, seed), seed })` is the
 * seed's run in the sweep.
 */
export function swarmConfig(config: SimulationConfig, seed: number, swarm: SwarmMix = { on: 0.5 }): SimulationConfig {
  const random = swarmRandom(seed);
  const on = new Set<Kind>(KINDS.filter(() => random.next() < swarm.on));
  const lossScale = random.next();
  const duplicateScale = random.next();
  const network = config.network ?? {};
  const loss = network.loss ?? 0;
  const duplicate = network.duplicate ?? 0;
  const drawn: SimulationConfig = { ...config, faults: (config.faults ?? []).flatMap((fault) => switched(fault, on) ?? []) };
  if (loss > 0 || duplicate > 0) {
    drawn.network = {
      ...network,
      ...(loss > 0 ? { loss: on.has('loss') ? scaled(loss, lossScale) : 0 } : {}),
      ...(duplicate > 0 ? { duplicate: on.has('duplicate') ? scaled(duplicate, duplicateScale) : 0 } : {}),
    };
  }
  return drawn;
}
