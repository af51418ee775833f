/** The random choices of a nemesis: what it does next, drawn from the world's random stream. */
import type { NemesisFault } from '../api/types';
import type { Random } from './random';

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
