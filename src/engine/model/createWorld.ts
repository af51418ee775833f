/**
 * Builds the initial world of a run from its configuration: checks the
 * configuration, creates the nodes (calling `init`), resolves the network and
 * schedules the starts and the faults.
 */
import type { Fault, NemesisFault, NodeDefinition, NodeId, SimulationConfig } from '../api/types';
import { NodeContext, nodeDirectory } from './context';
import { EventQueue } from './eventQueue';
import { checkHealAt } from './heal';
import { PartitionMatrix, resolveLinks } from './network';
import { BusiestNemesis } from './busiestNemesis';
import { explicitFaults } from './nemesisPlan';
import type { Pending } from './pending';
import { Random } from './random';
import { World, type NodeRuntime, type WorldSetup } from './world';

function isNodeDefinition(value: unknown): value is NodeDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'protocol-notebook/node';
}

/** The run's time bound when the configuration gives none. */
export const DEFAULT_UNTIL = 1000;

/** The world at time 0 of a run of `config`, before any step. */
export function createWorld(config: SimulationConfig): World {
  if (!config || typeof config !== 'object' || !config.nodes || typeof config.nodes !== 'object') throw new TypeError('simulate: the configuration needs `nodes`, e.g. { nodes: { a: A, b: B } }');
  const ids = Object.keys(config.nodes);
  if (ids.length === 0) throw new Error('simulate: `nodes` is empty');
  for (const id of ids) {
    if (!isNodeDefinition(config.nodes[id])) throw new TypeError(`simulate: nodes.${id} is not a node definition (make it with node({...}) or client({...}))`);
  }
  const seed = config.seed ?? 1;
  if (!Number.isFinite(seed)) throw new TypeError(`simulate: the seed must be a number, got ${String(seed)}`);
  checkHealAt(config.healAt);
  const indexOf = new Map(ids.map((id, k) => [id, k] as const));
  const setup: WorldSetup = { ids, indexOf, links: resolveLinks(ids, config.network), fifo: config.network?.fifo ?? false, seed, ...(config.healAt === undefined ? {} : { healAt: config.healAt }) };
  const random = Random.fromSeed(seed);
  const servers = ids.filter((id) => config.nodes[id].role === 'node');
  const placeholder = { senderOf: () => undefined, nextOperationId: () => 0 };
  const directory = nodeDirectory(ids, ids.map((id) => config.nodes[id].name), config.groups);
  const nodes: NodeRuntime[] = ids.map((id, index) => {
    const definition = config.nodes[id];
    const peers = definition.role === 'client' ? servers : servers.filter((s) => s !== id);
    const durable = (definition.spec.durable?.() ?? {}) as Record<string, unknown>;
    return {
      index,
      id,
      definition,
      state: undefined,
      up: true,
      timers: new Map(),
      skew: 0,
      drift: 0,
      skewed: false,
      byzantine: undefined,
      corrupting: undefined,
      context: new NodeContext(id, peers, durable, random.split(), placeholder, directory),
    };
  });
  const world = new World(setup, nodes, new EventQueue<Pending>(), new PartitionMatrix(ids.length), random);
  for (const node of nodes) {
    node.context.host = world.host;
    try {
      world.initialState(node, node.definition.spec.init({ self: node.id, peers: node.context.peers }));
    } catch (error) {
      world.fail(node, 0, 'init', error);
    }
  }
  world.scheduleStarts();
  // A nemesis is checked, then replaced by the explicit faults it makes (see nemesisPlan.ts).
  for (const fault of config.faults ?? []) {
    if (fault?.fault !== 'nemesis') continue;
    indexesOf(fault.nodes ?? servers, indexOf, 'nemesis');
    checkNemesisAim(fault);
  }
  let busiest = 0;
  for (const fault of explicitFaults(config, config.until ?? DEFAULT_UNTIL)) {
    if (fault.fault !== 'nemesis' || fault.target !== 'busiest') applyFault(world, fault, indexOf);
    else {
      const nemesis = BusiestNemesis.create(fault, indexesOf(fault.nodes ?? servers, indexOf, 'nemesis'), ids.length, seed, busiest++);
      world.busiest.set(fault, nemesis);
      world.schedule(nemesis.first(), 'strike', 0, { data: fault });
    }
  }
  if (config.healAt !== undefined) world.schedule(config.healAt, 'heal', 0);
  return world;
}

/** A nemesis written out by hand (not by `nemesis()`) gets the same checks of `target` and `stagger`. */
function checkNemesisAim(fault: NemesisFault): void {
  const target: unknown = fault.target;
  if (target !== undefined && target !== 'busiest' && typeof target !== 'function') throw new TypeError(`nemesis: \`target\` must be 'busiest' or a function of the world, not ${JSON.stringify(target)}`);
  const stagger: unknown = fault.stagger;
  if (stagger !== undefined && typeof stagger !== 'boolean') throw new TypeError(`nemesis: \`stagger\` must be true or false, not ${JSON.stringify(stagger)}`);
  if (stagger && typeof target === 'function') throw new RangeError("nemesis: `stagger` works without a target or with target: 'busiest', not with a target function");
}

function indexesOf(names: readonly NodeId[], indexOf: ReadonlyMap<NodeId, number>, what: string): number[] {
  return names.map((name) => {
    const index = indexOf.get(name);
    if (index === undefined) throw new Error(`${what} names unknown node '${name}' (nodes: ${[...indexOf.keys()].join(', ')})`);
    return index;
  });
}

function applyFault(world: World, fault: Fault, indexOf: ReadonlyMap<NodeId, number>): void {
  switch (fault.fault) {
    case 'partition': {
      const groups = fault.groups.map((g) => indexesOf(g, indexOf, 'partition'));
      if (groups.length === 1) groups.push([...indexOf.values()].filter((k) => !groups[0].includes(k)));
      world.schedulePartition(groups, fault.oneWay ?? false, fault.from, fault.to);
      return;
    }
    case 'crash': {
      const [node] = indexesOf([fault.node], indexOf, 'crash');
      world.schedule(fault.at, 'crash', node);
      if (fault.restart !== undefined) world.schedule(fault.restart, 'restart', node);
      return;
    }
    case 'clock': {
      const [node] = indexesOf([fault.node], indexOf, 'clockSkew');
      const runtime = world.nodes[node];
      runtime.skew = fault.skew;
      runtime.drift = fault.drift;
      runtime.skewed = fault.skew !== 0 || fault.drift !== 0;
      return;
    }
    case 'nemesis': {
      // Only a nemesis with a target gets here (the others are explicit faults by now).
      if (fault.target) world.schedule(fault.from, 'strike', 0, { data: fault });
      return;
    }
    case 'byzantine': {
      const [node] = indexesOf([fault.node], indexOf, 'byzantine');
      world.nodes[node].byzantine = fault;
      return;
    }
    case 'corrupt': {
      const [node] = indexesOf([fault.node], indexOf, 'corrupt');
      world.nodes[node].corrupting = fault;
      return;
    }
    default:
      throw new Error(`unknown fault ${JSON.stringify(fault)}: make faults with partition(), crash(), clockSkew(), nemesis(), byzantine() or corrupt()`);
  }
}
