/**
 * `always` and `eventually`: properties written as predicates over the world.
 */
import { predicateClock } from './predicateClock';
import type { LooseStates, Property, PropertyFailure, WorldView } from '../../engine/api/propertyTypes';
import { checkWithin, withinMonitor } from './withinDeadline';

/**
 * A predicate over the world after a step of the run: `true` when it holds;
 * `false`, or a string saying why not, when it does not. The string becomes
 * the failure's message, shown with the verdict and on the chart's violation
 * ("index 2 committed as x at t=31 and as y at t=58").
 */
export type WorldPredicate<W = LooseStates> = (world: WorldView<W>) => boolean | string;

function evaluate<W>(predicate: WorldPredicate<W>, view: WorldView): { value: boolean; error?: string; reason?: string } {
  const outer = predicateClock.watching;
  predicateClock.watching = true;
  try {
    const result = predicate(view as unknown as WorldView<W>);
    if (typeof result === 'string') return { value: false, reason: result };
    return { value: Boolean(result) };
  } catch (error) {
    // Not `instanceof Error`: the predicate runs in the cells' sandbox, whose Error is another realm's.
    const message = typeof error === 'object' && error !== null && 'message' in error ? String((error as { message: unknown }).message) : String(error);
    return { value: false, error: message };
  } finally {
    predicateClock.watching = outer;
  }
}

/**
 * A safety property: `predicate` must hold after every step of the run.
 * On failure the verdict points at the first event after which it was false.
 * The predicate may return a string instead of `false`: the reason, which
 * becomes the failure message (and is drawn on the chart).
 *
 * @example always(w => w.state.account.balance >= 0)
 * @example always(w => w.state.account.balance >= 0 || `balance ${w.state.account.balance} at t=${w.now}`)
 */
export function always<W = LooseStates>(predicate: WorldPredicate<W>): Property {
  return {
    kind: 'protocol-notebook/property',
    type: 'always',
    watches: 'steps',
    monitor() {
      let failed = false;
      const check = (view: WorldView): PropertyFailure | undefined => {
        if (failed) return undefined;
        const { value, error, reason } = evaluate(predicate, view);
        if (value) return undefined;
        failed = true;
        return { event: view.event, at: view.now, message: error ? `the predicate threw: ${error}` : (reason ?? 'the predicate became false') };
      };
      return { step: check, finish: check };
    },
  };
}

/** Options of `eventually`. */
export interface EventuallyOptions {
  /**
   * false (default): the predicate must hold when the run ends — the system
   * has converged. true: it must hold after at least one step (the temporal ◇).
   */
  atSomePoint?: boolean;
  /**
   * A deadline: the predicate must hold after some step no later than
   * `within` time units after the run's `healAt` (or after the start of a
   * run without one). A run that ends before the deadline, the predicate not
   * reached, fails as too short to tell. It judges a window, so
   * `atSomePoint` adds nothing to it. Simulation, `explore`, and `check`
   * with its time model (`check(config, { time })`).
   */
  within?: number;
}

/**
 * A liveness property checked within the run's time bound. By default the
 * predicate must hold when the run ends (it converged); with
 * `{ atSomePoint: true }` it is enough that it held after any one step.
 * When it is not reached, the verdict points at the end of the run.
 * With `{ within: D }` it must hold within D time units of the run's
 * `healAt` (liveness after the faults stop), or of its start.
 *
 * @example eventually(w => w.state.client.pending.size === 0)
 * @example eventually(w => w.state.client.pending.size === 0, { within: 100 }) // with simulate({ ..., healAt: 200 })
 */
export function eventually<W = LooseStates>(predicate: WorldPredicate<W>, options: EventuallyOptions = {}): Property {
  if (options.within !== undefined) {
    const within = options.within;
    checkWithin(within);
    return { kind: 'protocol-notebook/property', type: 'eventually', watches: 'steps', within, monitor: () => withinMonitor((view) => evaluate(predicate, view), within) };
  }
  return {
    kind: 'protocol-notebook/property',
    type: 'eventually',
    watches: options.atSomePoint ? 'steps' : 'end',
    monitor() {
      let reached = false;
      return {
        step(view) {
          if (options.atSomePoint && !reached) reached = evaluate(predicate, view).value;
          return undefined;
        },
        finish(view) {
          if (reached) return undefined;
          const { value, error, reason } = evaluate(predicate, view);
          if (value) return undefined;
          const when = options.atSomePoint ? 'at any step of the run' : 'when the run ended';
          return { event: view.event, at: view.now, message: error ? `the predicate threw: ${error}` : `not reached ${when} (t=${view.now})${reason ? `: ${reason}` : ''}` };
        },
      };
    },
  };
}
