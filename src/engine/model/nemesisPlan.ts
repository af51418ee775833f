/**
 * What a nemesis does in a run, decided before the run starts: each nemesis
 * draws from a random stream of its own (from the run's seed and the
 * nemesis's place among the faults), never from the network's, and its
 * choices do not depend on the run. So its schedule is a list of explicit
 * `partition` and `crash` faults, and a run with the nemesis is the run
 * with that list in its place, event for event: a shrinker can then drop
 * its faults one at a time.
 */
import type { CrashFault, Fault, NemesisFault, NodeId, PartitionFault, SimulationConfig } from '../api/types';
import { Random } from './random';

/** A nemesis action: crash one node, or split the nodes into two non-empty sides. */
export type NemesisAction = { kind: 'crash'; victim: number } | { kind: 'partition'; groups: number[][] };

/** Draws the next action of `fault` over node indexes `nodes`. */
export function planNemesisAction(fault: NemesisFault, nodes: readonly number[], random: Random): NemesisAction {
  const kind = fault.kinds[random.int(0, fault.kinds.length - 1)];
  if (kind === 'crash') return { kind, victim: nodes[random.int(0, nodes.length - 1)] };
  const shuffled = nodes.slice();
  for (let k = shuffled.length - 1; k > 0; k--) {
    const j = random.int(0, k);
    [shuffled[k], shuffled[j]] = [shuffled[j], shuffled[k]];
  }
  const cut = random.int(1, Math.max(1, shuffled.length - 1));
  return { kind: 'partition', groups: [shuffled.slice(0, cut).sort((a, b) => a - b), shuffled.slice(cut).sort((a, b) => a - b)] };
}

/** The random stream of the `ordinal`-th nemesis of a run with `seed`: apart from the network's and the nodes' streams. */
function nemesisRandom(seed: number, ordinal: number): Random {
  return Random.fromSeed((Math.trunc(seed) ^ 0x6e656d65) + Math.imul(ordinal + 1, 0x9e3779b1));
}

/** A staggered gap or duration: uniform in (0, 2·mean], in steps of a thousandth of `mean` (so the times stay short decimals). */
export function staggered(random: Random, mean: number): number {
  return (Math.max(1, Math.round(random.next() * 2000)) * mean) / 1000;
}

/** The explicit faults `fault` makes over nodes `names` in a run that ends at `until`. */
export function nemesisSchedule(fault: NemesisFault, names: readonly NodeId[], seed: number, ordinal: number, until: number): (PartitionFault | CrashFault)[] {
  const faults: (PartitionFault | CrashFault)[] = [];
  if (names.length === 0) return faults;
  const random = nemesisRandom(seed, ordinal);
  const nodes = names.map((_, k) => k);
  const length = (mean: number) => (fault.stagger ? staggered(random, mean) : mean);
  for (let at = fault.from + (fault.stagger ? staggered(random, fault.every) : 0); at <= until && (fault.to === undefined || at < fault.to); at += length(fault.every)) {
    const action = planNemesisAction(fault, nodes, random);
    const end = at + length(fault.duration);
    if (action.kind === 'crash') faults.push({ fault: 'crash', node: names[action.victim], at, restart: end });
    else faults.push({ fault: 'partition', groups: action.groups.map((g) => g.map((k) => names[k])), from: at, to: end });
  }
  return faults;
}

/**
 * The faults of `config` with each nemesis replaced by its schedule, in
 * place: the faults a run of `config` suffers (the same run, event for event).
 */
export function explicitFaults(config: SimulationConfig, until: number): Fault[] {
  const servers = Object.keys(config.nodes).filter((id) => config.nodes[id].role === 'node');
  let ordinal = 0;
  // A nemesis with a target reacts to the run: it stays one fault (the world runs it, see World.strike and busiestNemesis.ts).
  return (config.faults ?? []).flatMap((fault) => (fault.fault === 'nemesis' && !fault.target ? nemesisSchedule(fault, fault.nodes ?? servers, config.seed ?? 1, ordinal++, until) : [fault]));
}
