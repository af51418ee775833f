/**
 * The message handlers of a world's nodes and how often each node ran each
 * handler, for RunResult.handlerRuns: by message type and by timer name, in
 * the order each first ran. A node's handler for a message type is looked up
 * in its definition once per run; a delivery of the type the node received
 * last finds it, and counts its run, without any lookup by name.
 */
import type { ErasedHandler, ErasedNodeSpec, HandlerRuns, NodeId } from '../api/types';

const hasOwn = Object.prototype.hasOwnProperty;

/** One handler of a node: a message handler (with its function) or a timer handler. */
interface Tally {
  readonly name: string;
  readonly handler: ErasedHandler | null;
  runs: number;
}

interface NodeTallies {
  readonly messages: Map<string, Tally>;
  readonly timers: Map<string, Tally>;
  /** The message handler run last. */
  last: Tally | null;
}

/** The handler `spec` gives message type `type`: its own entry in `on` (even an empty one), else `onAny`. */
export function messageHandler(spec: ErasedNodeSpec, type: string): ErasedHandler | undefined {
  return hasOwn.call(spec.on, type) ? spec.on[type] : spec.onAny;
}

export class NodeHandlers {
  private readonly byNode: NodeTallies[];

  constructor(nodes: number) {
    this.byNode = Array.from({ length: nodes }, () => ({ messages: new Map(), timers: new Map(), last: null }));
  }

  /** The handler node `node` (defined by `spec`) runs for a message of type `type`, counted as run; undefined when it has none. */
  runMessage(node: number, spec: ErasedNodeSpec, type: string): ErasedHandler | undefined {
    const tallies = this.byNode[node];
    const last = tallies.last;
    if (last !== null && last.name === type) {
      last.runs++;
      return last.handler as ErasedHandler;
    }
    let tally = tallies.messages.get(type);
    if (tally === undefined) {
      const handler = messageHandler(spec, type);
      if (!handler) return undefined;
      tallies.messages.set(type, (tally = { name: type, handler, runs: 0 }));
    }
    tally.runs++;
    tallies.last = tally;
    return tally.handler as ErasedHandler;
  }

  /** Node `node` ran its handler for timer `name`. */
  timer(node: number, name: string): void {
    tallyOf(this.byNode[node].timers, name, null).runs++;
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
  copyFrom(from: NodeHandlers): void {
    from.byNode.forEach((tallies, k) => {
      for (const { name, handler, runs } of tallies.messages.values()) tallyOf(this.byNode[k].messages, name, handler).runs = runs;
      for (const { name, runs } of tallies.timers.values()) tallyOf(this.byNode[k].timers, name, null).runs = runs;
    });
  }
}

function tallyOf(tallies: Map<string, Tally>, name: string, handler: ErasedHandler | null): Tally {
  let tally = tallies.get(name);
  if (tally === undefined) tallies.set(name, (tally = { name, handler, runs: 0 }));
  return tally;
}
