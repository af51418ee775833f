/**
 * The breadth-first search's expansion of one state under sleep sets
 * (sleepSets.ts): the steps in the state's sleep set are not taken, each
 * successor is numbered with the sleep set it is reached with, and a state
 * met again that owes steps is queued to be expanded again, for those steps
 * only, in the next level.
 */
import type { SearchLimits } from './bfs';
import type { Frontier } from './frontier';
import type { GraphBuilder } from './graphBuilder';
import type { MemoizedSuccessors } from './memoizedSuccessors';
import type { Action, ModelState } from './modelState';
import type { ProtocolModel } from './protocolModel';
import { SleepSets, StepList, type OwedExpansion } from './sleepSets';

/** A state owing steps, with the state itself (rebuilt from its arrival). */
export interface OwedState extends OwedExpansion {
  state: ModelState;
}

export class SleepSetExpansion {
  readonly sleeps = new SleepSets();
  /** Steps not taken because they were in a sleep set. */
  slept = 0;
  /** States expanded again for steps they owed (met again with a smaller sleep set). */
  reexpanded = 0;
  /** Re-expansions owed to the next level. */
  owedNext: OwedState[] = [];
  private readonly done = new StepList();

  constructor(
    private readonly model: ProtocolModel,
    private readonly builder: GraphBuilder,
    private readonly limits: SearchLimits,
    private readonly memoized: MemoizedSuccessors | undefined,
    private readonly effectsOrdered: boolean,
  ) {}

  /**
   * Takes the first `count` of `enabled` in `state` (number `index`) except
   * the ones its sleep set holds, or with `owed`, only the owed ones. New
   * successors go to `next`. Returns false when the state limit was reached.
   */
  expand(state: ModelState, index: number, enabled: readonly Action[], count: number, next: Frontier, owed?: OwedExpansion): boolean {
    const { model, builder, sleeps, memoized, done } = this;
    const graph = builder.graph;
    if (!owed) sleeps.expand(index);
    else this.reexpanded++;
    const baseAt = owed ? owed.baseAt : sleeps.baseAt;
    const baseCount = owed ? owed.baseCount : sleeps.baseCount;
    done.clear(sleeps, baseAt, baseCount, count);
    for (let i = 0; i < count; i++) {
      const action = enabled[i];
      if (owed ? !SleepSets.owes(owed.owed, action) : sleeps.holds(baseAt, baseCount, action)) {
        if (!owed) this.slept++;
        continue;
      }
      graph.transitions++;
      // Seen before, recognised by fingerprint without building it (a memoized step appends to no record).
      const seen = memoized ? memoized.seenIndex(i, model, builder.table) : -1;
      if (seen >= 0) {
        done.take(action, state, undefined, this.effectsOrdered);
        if (!sleeps.settled(seen)) this.arrive(seen, () => model.next(state, action));
        done.push();
        continue;
      }
      const successor = model.next(state, action);
      done.take(action, state, successor, this.effectsOrdered);
      const added = builder.add(successor, 0, index, i);
      this.limits.observe?.(state, action, successor, added >= 0);
      if (added < 0) {
        this.arrive(-1 - added, () => successor);
        done.push();
        continue;
      }
      sleeps.recordSuccessor(added, baseAt, baseCount, done);
      done.push();
      builder.judge(successor, added);
      next.push(successor, added);
      if (graph.states >= this.limits.maxStates) return false;
    }
    return true;
  }

  private arrive(index: number, state: () => ModelState): void {
    const owed = this.sleeps.arrive(index, this.done);
    if (owed) this.owedNext.push({ ...owed, state: state() });
  }

  /** The initial state, numbered 0, has nothing asleep. */
  recordInitial(): void {
    this.sleeps.recordEmpty(0);
  }
}
