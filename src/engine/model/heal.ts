/**
 * What `healAt` changes in a world: from the heal on, scheduled faults no
 * longer happen and the network stops losing, duplicating and corrupting.
 * The heal itself (a pending entry at `healAt`) ends the partitions still in
 * force and restarts the nodes whose restart is still to come.
 */
import type { Link } from './network';
import type { Pending } from './pending';

/** Checks a configuration's `healAt`. */
export function checkHealAt(healAt: number | undefined): void {
  if (healAt !== undefined && !(typeof healAt === 'number' && Number.isFinite(healAt) && healAt >= 0)) throw new RangeError(`simulate: \`healAt\` must be a time >= 0, got ${String(healAt)}`);
}

/**
 * True when `entry` is a fault the heal stops: a crash, a partition's start,
 * a nemesis strike due at or after `healAt`. A restart or a partition's end
 * due then is the heal's to do: once `healed`, they are done.
 */
export function stoppedByHeal(entry: Pending, healAt: number | undefined, healed: boolean): boolean {
  if (healAt === undefined || entry.at < healAt) return false;
  switch (entry.kind) {
    case 'crash':
    case 'partition-start':
    case 'strike':
      return true;
    case 'restart':
    case 'partition-end':
      return healed;
    default:
      return false;
  }
}

/** The nodes a heal restarts: those with a restart pending (a crash without one is for good), in node order. */
export function nodesToRestart(live: readonly Pending[], isDown: (node: number) => boolean): number[] {
  const nodes = new Set<number>();
  for (const entry of live) if (entry.kind === 'restart' && isDown(entry.node)) nodes.add(entry.node);
  return [...nodes].sort((a, b) => a - b);
}

/** A link after the heal: its latency, nothing lost, duplicated or corrupted. */
export function healedLink(link: Link): Link {
  return { latency: link.latency, loss: 0, duplicate: 0, corrupt: 0 };
}
