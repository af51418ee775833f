/**
 * Symmetry reduction is sound only when interchangeable nodes behave alike
 * up to their names: running node `j` on node `k`'s situation with the two
 * ids swapped must give node `k`'s outcome with the ids swapped. A node that
 * compares `ctx.self` with another id, orders ids, or tests it against a
 * literal (`ctx.self === 'rm1'`) breaks that, and the reduced search would
 * merge states that are not alike and could pass what fails.
 *
 * Any other node must not tell the members apart either (a coordinator that
 * tests `msg.from === 'rm1'`).
 *
 * So under `symmetry: true` every handler call is run again for each swap π
 * of two members of a class: on node π(k), on π of node k's state, durable
 * storage, message and sender. Its outcome must be π of node k's outcome.
 * (The search visits one state per class, so the swaps are tried at each
 * state visited, not only the few that would generate every renaming.) The first difference refuses
 * the reduction with an error naming the nodes and the handler, instead of
 * a silent wrong pass.
 *
 * The properties must not tell the copies apart either (`w.state.rm1`): each
 * state the search adds is judged as it is and with each swap applied, and a
 * different judgement refuses the reduction too.
 */
import { canonicalKey, isMap, isSet } from '../../common/valueEncoding';
import type { WorldView } from '../../engine/api/propertyTypes';
import type { Command } from '../../engine/model/context';
import { isPlainObject } from '../../engine/model/values';

/** A renaming of interchangeable nodes: `image[k]` is the node k becomes, `names` maps the ids alike. */
export interface Renaming {
  readonly image: Int32Array;
  readonly names: ReadonlyMap<string, string>;
}

/** Every swap of two members of one class of `classes` (node indexes) over `ids`. */
export function renamingSwaps(classes: readonly (readonly number[])[], ids: readonly string[]): Renaming[] {
  const swaps: Renaming[] = [];
  for (const members of classes) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [p, q] = [members[x], members[y]];
        const image = new Int32Array(ids.length).map((_, k) => k);
        image[p] = q;
        image[q] = p;
        swaps.push({ image, names: new Map([[ids[p], ids[q]], [ids[q], ids[p]]]) });
      }
    }
  }
  return swaps;
}

/** Copies plain data with every id `names` maps renamed wherever it occurs (values, object keys, Map keys, Set members). */
export function renameIds(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return names.get(value) ?? value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => renameIds(v, names));
  if (!isPlainObject(value)) {
    if (isMap(value)) return new Map([...value].map(([k, v]) => [renameIds(k, names), renameIds(v, names)]));
    if (isSet(value)) return new Set([...value].map((v) => renameIds(v, names)));
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[renameIds(key, names) as string] = renameIds((value as Record<string, unknown>)[key], names);
  return copy;
}

/**
 * What a handler call did, in a form two calls can be compared by. Sends are
 * a multiset (messages in flight are one; `broadcast` walks `ctx.peers`,
 * whose order differs from node to node); the other commands keep their
 * order; log lines are left out (they change no state).
 */
export function outcomeKey(state: unknown, durable: unknown, commands: readonly Command[]): string {
  // A send's `index` is left out: it follows from `to`, and a renaming renames ids, not indexes.
  const sends = commands.flatMap((c) => (c.op === 'send' ? [canonicalKey({ op: c.op, to: c.to, msg: c.msg, reply: c.reply })] : [])).sort();
  return canonicalKey([state, durable, sends, commands.filter((c) => c.op !== 'log' && c.op !== 'send')]);
}

/** The error that refuses symmetry reduction: node `node`'s `handler` told interchangeable nodes apart under `renaming`. */
export function asymmetryError(node: string, handler: string, renaming: Renaming): Error {
  const moved = [...renaming.names.keys()].join(', ');
  const what = handler === 'init' ? `the initial state of ${node}` : `'${handler}' on ${node}`;
  return new Error(
    `check() with symmetry: true refused: ${moved} are copies of one definition, but ${what} is not the same up to renaming them ` +
      '(the behaviour depends on which node is which: ctx.self compared, ordered or matched against a literal id, an id tested by another node, or the order of ctx.peers). ' +
      'The reduced search could pass what fails: run without symmetry.',
  );
}

/** The world as properties see it, with the ids `names` maps renamed (the node records keyed by their new ids). */
export function renamedView(view: WorldView, names: ReadonlyMap<string, string>): WorldView {
  const state: Record<string, unknown> = {};
  const up: Record<string, boolean> = {};
  const durable: Record<string, unknown> = {};
  for (const { id } of view.nodes) {
    const to = names.get(id) ?? id;
    state[to] = renameIds(view.state[id], names);
    up[to] = view.up[id];
    durable[to] = renameIds(view.durable[id], names);
  }
  return {
    now: view.now,
    event: view.event,
    state,
    up,
    durable,
    nodes: view.nodes,
    history: renameIds(view.history, names) as WorldView['history'],
    effects: view.effects.map((e) => ({ ...e, node: names.get(e.node) ?? e.node, data: renameIds(e.data, names) })),
  };
}

/** The error that refuses symmetry reduction: `property` judges a state and its renaming differently. */
export function asymmetricPropertyError(property: string, renaming: Renaming): string {
  return `check() with symmetry: true refused: the property '${property}' tells ${[...renaming.names.keys()].join(' and ')} apart (it names or orders copies of one definition, e.g. w.state.rm1), so the reduced search could pass what fails: run without symmetry`;
}
