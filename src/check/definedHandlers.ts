/**
 * The handlers a configuration's node kinds define, named as the coverage
 * reports name them: `Kind.type` for a message handler, `Kind.timer:name`
 * for a timer. A kind is its definition's `name`, or else the id of the
 * first node that has it (as idempotency findings name it).
 */
import type { NodeDefinition, NodeId, SimulationConfig } from '../engine/api/types';

/** The kind of each node of `ids` (ids of `config.nodes`). */
export function nodeKinds(config: SimulationConfig, ids: readonly NodeId[]): string[] {
  const firstId = new Map<NodeDefinition['spec'], NodeId>();
  for (const id of Object.keys(config.nodes)) if (!firstId.has(config.nodes[id].spec)) firstId.set(config.nodes[id].spec, id);
  return ids.map((id) => {
    const definition = config.nodes[id];
    return definition.name ?? firstId.get(definition.spec) ?? id;
  });
}

export function messageHandlerName(kind: string, type: string): string {
  return `${kind}.${type}`;
}

export function timerHandlerName(kind: string, timer: string): string {
  return `${kind}.timer:${timer}`;
}

/** Every handler the node kinds of `config` define (each kind once), in definition order. */
export function definedHandlers(config: SimulationConfig): string[] {
  const ids = Object.keys(config.nodes);
  const kinds = nodeKinds(config, ids);
  const names: string[] = [];
  const seen = new Set<string>();
  ids.forEach((id, k) => {
    if (seen.has(kinds[k])) return;
    seen.add(kinds[k]);
    const spec = config.nodes[id].spec;
    for (const type of Object.keys(spec.on)) names.push(messageHandlerName(kinds[k], type));
    for (const timer of Object.keys(spec.timers ?? {})) names.push(timerHandlerName(kinds[k], timer));
  });
  return names;
}
