/**
 * How often each node ran each handler, for RunResult.handlerRuns: by
 * message type and by timer name, in the order each first ran. A delivery
 * counts its run without a map lookup when its type is the one the node
 * received last (a node mostly receives one type after another of the same).
 */
import type { HandlerRuns, NodeId } from '../api/types';

/** One handler's count. */
interface Tally {
  readonly name: string;
  runs: number;
}

interface NodeTallies {
  readonly messages: Map<string, Tally>;
  readonly timers: Map<string, Tally>;
  /** The message tally counted last. */
  last: Tally | null;
}

export class HandlerRunCounts {
  private readonly byNode: NodeTallies[];

  constructor(nodes: number) {
    this.byNode = Array.from({ length: nodes }, () => ({ messages: new Map(), timers: new Map(), last: null }));
  }

  /** Node `node` ran its handler for message type `type`. */
  message(node: number, type: string): void {
    const tallies = this.byNode[node];
    const last = tallies.last;
    if (last !== null && last.name === type) {
      last.runs++;
      return;
    }
    const tally = tallyOf(tallies.messages, type);
    tally.runs++;
    tallies.last = tally;
  }

  /** Node `node` ran its handler for timer `name`. */
  timer(node: number, name: string): void {
    tallyOf(this.byNode[node].timers, name).runs++;
  }

  /** The counts per node in node order (`ids`), message handlers before timers. */
  list(ids: readonly NodeId[]): HandlerRuns[] {
    const all: HandlerRuns[] = [];
    this.byNode.forEach((tallies, k) => {
      const node = ids[k];
      for (const { name, runs } of tallies.messages.values()) all.push({ node, handler: name, runs });
      for (const { name, runs } of tallies.timers.values()) all.push({ node, handler: `timer:${name}`, runs });
    });
    return all;
  }

  /** Takes the counts of `from` (of a world with the same nodes). */
  copyFrom(from: HandlerRunCounts): void {
    from.byNode.forEach((tallies, k) => {
      for (const { name, runs } of tallies.messages.values()) tallyOf(this.byNode[k].messages, name).runs = runs;
      for (const { name, runs } of tallies.timers.values()) tallyOf(this.byNode[k].timers, name).runs = runs;
    });
  }
}

function tallyOf(tallies: Map<string, Tally>, name: string): Tally {
  let tally = tallies.get(name);
  if (tally === undefined) tallies.set(name, (tally = { name, runs: 0 }));
  return tally;
}
