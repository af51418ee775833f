/**
 * Checks a whole history against a model: split it into the model's
 * independent partitions, search each, and combine the verdicts (a history
 * is linearizable exactly when every partition is — P-compositionality).
 */
import type { Model, Operation } from './model';
import type { LinearizabilityExplanation, LinearizabilityResult, PartitionVerdict } from './result';
import { PartitionSearch, type DeepestFailure } from './search';

export interface LinearizabilityOptions {
  /** Give up after this many milliseconds of searching; the verdict is then `unknown`. */
  timeLimitMs?: number;
  /**
   * Give up after about this many search steps in all; the verdict is then
   * `unknown`. Unlike the time limit, the same history always stops at the
   * same point, on any machine.
   */
  stepLimit?: number;
  /** Check the history as one piece even when the model can split it. */
  noPartition?: boolean;
}

/**
 * Decides whether `operations` are linearizable with respect to `model`.
 * Operation numbers in the result are indexes into `operations`. The first
 * failing partition stops the check; partitions are searched in the order
 * the model returns them, taking turns.
 */
export function checkOperations<State, Input, Output>(
  model: Model<State, Input, Output>,
  operations: readonly Operation<Input, Output>[],
  options: LinearizabilityOptions = {},
): LinearizabilityResult {
  const split = model.partition !== undefined && !options.noPartition;
  const groups = split && model.partition ? model.partition(operations) : [operations.map((_, i) => i)];
  const deadline = options.timeLimitMs === undefined ? undefined : Date.now() + options.timeLimitMs;

  const partitions: PartitionVerdict[] = groups.map((group, p) => ({
    label: !split ? 'all' : (model.describePartition?.(operations, group) ?? `partition ${p + 1}`),
    operations: group,
    verdict: 'unknown',
  }));
  const searches = groups.map((group) => new PartitionSearch(model, group.map((i) => operations[i])));

  // Partitions take turns with a doubling budget of steps, so that one
  // failing partition is found after at most (partitions × its own work),
  // however hard the linearizable partitions are.
  const stepLimit = options.stepLimit ?? Infinity;
  let stepsUsed = 0;
  let pending = groups.map((_, p) => p);
  turns: for (let budget = FIRST_SLICE; pending.length > 0; budget = Math.min(budget * 2, MAX_SLICE)) {
    const stillPending: number[] = [];
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i];
      const search = searches[p];
      const before = search.iterations;
      const result = search.run(Math.max(1, Math.min(budget, stepLimit - stepsUsed)));
      stepsUsed += search.iterations - before;
      if (result === undefined) {
        stillPending.push(p);
      } else if (result.outcome === 'linearizable') {
        partitions[p].verdict = 'linearizable';
        partitions[p].linearization = result.linearization.map((k) => groups[p][k]);
      } else {
        partitions[p].verdict = 'not-linearizable';
        return {
          verdict: 'not-linearizable',
          model: model.name,
          partitions,
          explanation: explain(model, operations, groups[p], p, result.deepest),
        };
      }
      if (stepsUsed >= stepLimit || (deadline !== undefined && Date.now() > deadline)) {
        pending = [...stillPending, ...pending.slice(i + 1)];
        break turns;
      }
    }
    pending = stillPending;
  }
  return { verdict: pending.length > 0 ? 'unknown' : 'linearizable', model: model.name, partitions };
}

/** Steps in each partition's first turn; later turns double, up to MAX_SLICE (which bounds the time between deadline checks). */
const FIRST_SLICE = 1 << 12;
const MAX_SLICE = 1 << 20;

function explain<State, Input, Output>(
  model: Model<State, Input, Output>,
  operations: readonly Operation<Input, Output>[],
  group: readonly number[],
  partition: number,
  deepest: DeepestFailure<State>,
): LinearizabilityExplanation {
  const cannotPlace = group[deepest.cannotPlace];
  const candidates = deepest.candidates.map((i) => group[i]);
  const longestPrefix = deepest.prefix.map((i) => group[i]);
  const stateAfterPrefix = model.describeState(deepest.state);
  const describe = (i: number): string => {
    const op = operations[i];
    const returned = op.return === undefined ? 'never returned' : `returned at ${op.return}`;
    return `${model.describeOperation(op.input, op.output)} (process ${op.process}, called at ${op.call}, ${returned})`;
  };
  const others = candidates.filter((i) => i !== cannotPlace);
  const lines = [
    `after ${longestPrefix.length} of ${group.length} operations had been placed, the state was ${stateAfterPrefix}, and`,
    `  ${describe(cannotPlace)}`,
    `had returned without any valid point to take effect${others.length ? '; nor could any operation concurrent with it:' : '.'}`,
    ...others.map((i) => `  ${describe(i)}`),
  ];
  return { partition, longestPrefix, stateAfterPrefix, cannotPlace, candidates, message: lines.join('\n') };
}
