/**
 * The monitor of `eventually(p, { within: D })`: p must hold after some step
 * at a time between the heal (or the start of a run without `healAt`) and D
 * later. Judged when the run ends, so that the message can say how the run
 * ended; a run that stops before the deadline with p not reached fails as
 * too short rather than pass or fail as if the deadline had passed.
 */
import type { PropertyMonitor, RunEnd, WorldView } from '../../engine/api/propertyTypes';

/** The predicate's value at one step: true, or why not. */
export type Judge = (view: WorldView) => { value: boolean; error?: string; reason?: string };

/** Checks `within` as given to `eventually`. */
export function checkWithin(within: unknown): void {
  if (!(typeof within === 'number' && Number.isFinite(within) && within >= 0)) throw new RangeError(`eventually(): \`within\` must be a time >= 0, got ${String(within)}`);
}

export function withinMonitor(judge: Judge, within: number): PropertyMonitor {
  let reached = false;
  /** The first step past the deadline: where the failure points. */
  let missed: { event: number; at: number } | undefined;
  let last: { error?: string; reason?: string } = {};
  const startOf = (view: WorldView): number => view.healAt ?? 0;
  return {
    step(view) {
      if (reached) return undefined;
      const start = startOf(view);
      if (view.now < start) return undefined;
      if (view.now > start + within) {
        missed ??= { event: view.event, at: view.now };
        return undefined;
      }
      const judged = judge(view);
      reached = judged.value;
      if (!reached) last = judged;
      return undefined;
    },
    finish(view, end?: RunEnd) {
      if (reached) return undefined;
      const start = startOf(view);
      const deadline = start + within;
      const since = view.healAt === undefined ? 'of the start of the run' : `after the network healed at t=${view.healAt}`;
      const why = last.error ? `: the predicate threw: ${last.error}` : last.reason ? `: ${last.reason}` : '';
      // A run that stopped (its time bound, its step budget) before the deadline does not say whether p would have come.
      const cutShort = missed === undefined && view.now < deadline && end !== undefined && end.reason !== 'quiescent';
      if (cutShort) {
        const bound = view.now < start ? `before the network healed at t=${start}` : `before the deadline t=${deadline} (${within} ${since})`;
        return { event: view.event, at: view.now, message: `the run ended too early to tell: it ended at t=${view.now}, ${bound}, not reached by then; run until at least t=${deadline}${why}` };
      }
      const late = end?.reason === 'quiescent' && view.now < deadline ? ', with nothing left to happen' : '';
      const where = missed ?? { event: view.event, at: view.now };
      return { event: where.event, at: where.at, message: `not reached within ${within} ${since} (the run ended at t=${view.now}${late})${why}` };
    },
  };
}
