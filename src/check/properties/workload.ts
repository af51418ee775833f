/**
 * Workload properties: a Maelstrom-style checker run over the history the
 * run's clients recorded, once the run has ended.
 */
import type { History } from '../../common/history';
import { checkBroadcast, checkGrowOnlyCounter, checkLinearizableKv, checkUniqueIds, type WorkloadVerdict } from '../workloads/index';
import type { Property } from '../../engine/api/propertyTypes';

/** The workload checkers a property can name. */
export type WorkloadName = 'unique-ids' | 'broadcast' | 'g-counter' | 'lin-kv';

/**
 * Search steps the linearizability checker may take before it answers
 * `unknown`: a step count, not a time, so the verdict is the same on every machine.
 */
const LIN_KV_STEP_LIMIT = 20_000_000;

const checkers: Record<WorkloadName, (history: History) => WorkloadVerdict> = {
  'unique-ids': checkUniqueIds,
  broadcast: checkBroadcast,
  'g-counter': checkGrowOnlyCounter,
  'lin-kv': (history) => checkLinearizableKv(history, { stepLimit: LIN_KV_STEP_LIMIT }),
};

/**
 * Where a failure points: the completion of the last operation the first
 * problem involves (once it returned, the history was already wrong), or
 * the end of the run when the operations carry no event.
 */
function whenShown(history: History, operations: readonly number[], end: { event: number; now: number }): { event: number; at: number } {
  let shown: { event: number; at: number } | undefined;
  for (const index of operations) {
    const op = history[index];
    const event = op?.returnEvent ?? op?.callEvent;
    const at = op?.return ?? op?.call;
    if (event !== undefined && at !== undefined && (!shown || event > shown.event)) shown = { event, at };
  }
  return shown ?? { event: end.event, at: end.now };
}

/**
 * Checks the run's history (the operations clients recorded, see `client()`
 * and `ctx.invoke`) with one of the workload checkers when the run ends:
 *
 * - `'unique-ids'`: every acknowledged `generate` returned an id no other returned;
 * - `'broadcast'`: every acknowledged `broadcast` value is in each node's final `read`, and no read returns a value never broadcast;
 * - `'g-counter'`: each node's final `read` equals the sum of the acknowledged `add`s (give or take those of unknown outcome);
 * - `'lin-kv'`: the `read` / `write` / `cas` operations on each key are linearizable.
 *
 * The failure message is the checker's summary, and it points at the
 * completion of the last operation of the first problem found (the read that
 * cannot be placed, the second holder of an id). A linearizability search
 * too large to finish fails the property and says so, rather than passing it.
 *
 * @example properties: { 'the store is linearizable': workload('lin-kv') }
 */
export function workload(name: WorkloadName): Property {
  const checker = checkers[name];
  if (!checker) throw new Error(`unknown workload '${String(name)}': use one of ${Object.keys(checkers).join(', ')}`);
  return {
    kind: 'protocol-notebook/property',
    type: 'builtin',
    watches: 'end',
    monitor() {
      return {
        step: () => undefined,
        finish(view) {
          const history = view.history as History;
          const verdict = checker(history);
          if (verdict.verdict === 'valid') return undefined;
          const message = verdict.verdict === 'unknown' ? `the ${verdict.workload} check could not decide: ${verdict.summary}` : verdict.summary;
          return { ...whenShown(history, verdict.problems[0]?.operations ?? [], view), message };
        },
      };
    },
  };
}
