/**
 * Copies of a world and canonical fingerprints of its state, for explorers
 * that branch (try several next steps from one world) and recognise states
 * they have already seen.
 */
import { canonicalKey } from '../../common/valueEncoding';
import { NodeContext } from './context';
import { Pending, type SentMessage } from './pending';
import { cloneState, cloneValue } from './values';
import { World, type NodeRuntime } from './world';

/**
 * An independent copy of `world`: node states, durable storage, timers,
 * pending messages, random streams, history and effects. The copy is not
 * traced and has no observer. (Senders of requests a node kept in its state
 * are not carried over, so `ctx.reply` to such a kept request fails in the copy.)
 */
export function cloneWorld(world: World): World {
  const nodes: NodeRuntime[] = world.nodes.map((node) => ({
    ...node,
    state: cloneState(node.state),
    timers: new Map(node.timers),
    context: new NodeContext(node.id, node.context.peers, cloneState(node.context.durable), node.context.randomSource.clone(), node.context.host, node.context.directory),
  }));
  const messages = new Map<SentMessage, SentMessage>();
  const copyMessage = (m: SentMessage): SentMessage => {
    let copy = messages.get(m);
    if (!copy) messages.set(m, (copy = { ...m }));
    return copy;
  };
  const queue = world.queue.map((e) => {
    const copy = new Pending(e.at, e.seq, e.kind, e.node, e.message && copyMessage(e.message), e.payload && cloneValue(e.payload), e.timer, e.data, e.partition);
    return copy;
  });
  const copy = new World(world.setup, nodes, queue, world.partitions.clone(), world.random.clone());
  for (const node of nodes) node.context.host = copy.host;
  copy.adoptCounters(world);
  copy.error = world.error;
  return copy;
}

/**
 * A canonical description of the world's state that matters for what can
 * happen next: each node's state, durable storage, whether it is up, its
 * armed timers, and the multiset of messages in flight (sender, receiver,
 * payload). Times, message ids and counters are left out, so two worlds that
 * reached the same state by different paths have the same description.
 */
export function canonicalState(world: World): string {
  const nodes = world.nodes.map((node) => [node.up, node.state, node.context.durable, [...node.timers.keys()].sort()]);
  const inFlight = world
    .queue.live()
    .filter((e) => e.kind === 'deliver' && e.message)
    .map((e) => canonicalKey([world.setup.ids[(e.message as SentMessage).from], world.setup.ids[e.node], e.payload]))
    .sort();
  return canonicalKey([nodes, inFlight]);
}

/** A 53-bit hash of `canonicalState(world)`, as 14 hex digits: equal states have equal fingerprints. */
export function fingerprint(world: World): string {
  return hashString(canonicalState(world));
}

/** cyrb53: a fast, well-mixed 53-bit string hash (not cryptographic). */
function hashString(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
