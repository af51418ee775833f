/**
 * Shrinks a failing run to a minimal counterexample with fast-check: the
 * candidate is which faults to keep, how much loss and duplication, and how
 * long to run; fast-check's shrinkers try dropping faults first, then
 * lowering loss and duplication, then shortening the run, and keep every
 * change under which the same property still fails.
 */
import fc from 'fast-check';
import type { Fault, RunResult, SimulationConfig } from '../../engine/api/types';
import { simulate } from '../../engine/simulate';
import type { Replay, ShrunkCounterexample } from '../explore/types';
import { faultsReadable, realizedFaults } from './realizedFaults';

interface Candidate {
  keep: boolean[];
  /** Loss and duplication probabilities in millionths (integers shrink well). */
  loss: number;
  duplicate: number;
  until: number;
}

const SCALE = 1_000_000;
const DEFAULT_UNTIL = 1000;

/** The properties a run broke (`handler error` when a handler threw). */
export function failedProperties(run: RunResult): string[] {
  const names = run.verdicts.filter((v) => v.status === 'fail').map((v) => v.name);
  if (run.error) names.push('handler error');
  return names;
}

function failureMessage(run: RunResult, property: string): string {
  if (property === 'handler error' && run.error) return `${run.error.name}: ${run.error.message} (node ${run.error.node}, handler ${run.error.handler})`;
  return run.verdicts.find((v) => v.name === property)?.message ?? 'failed';
}

/**
 * The smallest variant of `config` at `seed` found that still breaks
 * `property`, run with its trace. Runs at most `maxRuns` simulations.
 */
export function shrinkFailure(config: SimulationConfig, seed: number, property: string, maxRuns: number): ShrunkCounterexample {
  const until = config.until ?? DEFAULT_UNTIL;
  const network = config.network ?? {};
  const traced = simulate({ ...config, seed, idempotency: false });
  let baseFaults: Fault[] = [...(config.faults ?? [])];
  let runs = 1;
  // Prefer the explicit schedule the run suffered (it can be shrunk fault by fault) when it still fails.
  if (baseFaults.some((f) => f.fault === 'nemesis') && faultsReadable(traced.trace)) {
    const explicit = realizedFaults(traced.trace, baseFaults);
    runs++;
    if (failedProperties(simulate({ ...config, seed, faults: explicit, trace: false, idempotency: false })).includes(property)) baseFaults = explicit;
  }
  const replayOf = (c: Candidate): Replay => ({
    seed,
    until: c.until,
    faults: baseFaults.filter((_, k) => c.keep[k]),
    network: { loss: c.loss / SCALE, duplicate: c.duplicate / SCALE },
  });
  const fails = (c: Candidate): boolean => {
    if (runs >= maxRuns) return false;
    runs++;
    const replay = replayOf(c);
    const run = simulate({ ...config, ...replay, network: { ...network, ...replay.network }, trace: false, idempotency: false });
    return failedProperties(run).includes(property);
  };
  const original: Candidate = {
    keep: baseFaults.map(() => true),
    loss: Math.round((network.loss ?? 0) * SCALE),
    duplicate: Math.round((network.duplicate ?? 0) * SCALE),
    until,
  };
  const arbitrary = fc.record({
    keep: fc.tuple(...baseFaults.map(() => fc.boolean())),
    loss: fc.integer({ min: 0, max: original.loss }),
    duplicate: fc.integer({ min: 0, max: original.duplicate }),
    until: fc.integer({ min: 0, max: Math.max(0, Math.floor(until)) }),
  });
  // Only the original failure is run; fast-check then shrinks it.
  const outcome = fc.check(
    fc.property(arbitrary, (c) => !fails(c as Candidate)),
    { examples: [[original]], numRuns: 1, seed: 1 },
  );
  const smallest = outcome.failed && outcome.counterexample ? (outcome.counterexample[0] as Candidate) : original;
  const replay = replayOf(smallest);
  const run = simulate({ ...config, ...replay, network: { ...network, ...replay.network } });
  return {
    replay,
    message: failureMessage(run, property),
    run,
    before: { faults: (config.faults ?? []).length, until, events: traced.stats.events },
    after: { faults: replay.faults.length, until: replay.until, events: run.stats.events },
    shrinkRuns: runs,
  };
}
