/**
 * Shrinks a failing run to a minimal counterexample with fast-check: the
 * candidate is which faults to keep, how much loss and duplication, and how
 * long to run; fast-check's shrinkers try dropping faults first, then
 * lowering loss and duplication, then shortening the run, and keep every
 * change under which the same property still fails for the same reason.
 *
 * A nemesis is first replaced by the explicit faults it makes (the same run,
 * see nemesisPlan.ts), so they can be dropped one at a time. A property
 * judged when the run ends (`termination`, `eventually`) keeps the original
 * `until` — a shorter run fails it only because nothing had time to happen —
 * and must fail with the original message, so the crash or partition that
 * caused the failure stays in the counterexample.
 */
import fc from 'fast-check';
import type { NetworkConfig, RunResult, SimulationConfig } from '../../engine/api/types';
import { DEFAULT_UNTIL } from '../../engine/model/createWorld';
import { explicitFaults } from '../../engine/model/nemesisPlan';
import { simulate } from '../../engine/simulate';
import type { Replay, ShrunkCounterexample } from '../explore/types';

interface Candidate {
  keep: boolean[];
  /** Loss and duplication probabilities in millionths (integers shrink well). */
  loss: number;
  duplicate: number;
  until: number;
}

const SCALE = 1_000_000;

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

/** True when `property` is judged when the run ends, so that cutting the run short changes what its failure means. */
function judgedAtEnd(config: SimulationConfig, property: string): boolean {
  const p = config.properties?.[property];
  return p !== undefined && (p.type === 'eventually' || p.watches === 'end');
}

/** The whole network of a replay: the configuration's, with the shrunk loss and duplication. */
export function replayNetwork(network: NetworkConfig | undefined, loss: number, duplicate: number): Replay['network'] {
  return { ...(network ?? {}), loss, duplicate };
}

/**
 * The smallest variant of `config` at `seed` found that still breaks
 * `property` for the same reason, run with its trace. Runs at most `maxRuns`
 * simulations.
 */
export function shrinkFailure(config: SimulationConfig, seed: number, property: string, maxRuns: number): ShrunkCounterexample {
  const until = config.until ?? DEFAULT_UNTIL;
  const network = config.network ?? {};
  const traced = simulate({ ...config, seed, idempotency: false });
  const reason = failureMessage(traced, property);
  const atEnd = judgedAtEnd(config, property);
  const baseFaults = explicitFaults({ ...config, seed }, until);
  let runs = 1;
  const replayOf = (c: Candidate): Replay => ({
    seed,
    until: c.until,
    faults: baseFaults.filter((_, k) => c.keep[k]),
    network: replayNetwork(network, c.loss / SCALE, c.duplicate / SCALE),
    ...(config.scheduler ? { scheduler: config.scheduler } : {}),
    ...(config.healAt === undefined ? {} : { healAt: config.healAt }),
  });
  /** The same failure: the property fails, and an end-of-run property with the message it had. */
  const sameFailure = (run: RunResult): boolean => failedProperties(run).includes(property) && (!atEnd || failureMessage(run, property) === reason);
  const fails = (c: Candidate): boolean => {
    if (runs >= maxRuns) return false;
    runs++;
    return sameFailure(simulate({ ...config, ...replayOf(c), trace: false, idempotency: false }));
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
    until: atEnd ? fc.constant(until) : fc.integer({ min: 0, max: Math.max(0, Math.floor(until)) }),
  });
  // Only the original failure is run; fast-check then shrinks it.
  const outcome = fc.check(
    fc.property(arbitrary, (c) => !fails(c as Candidate)),
    { examples: [[original]], numRuns: 1, seed: 1 },
  );
  let smallest = outcome.failed && outcome.counterexample ? (outcome.counterexample[0] as Candidate) : original;
  let replay = replayOf(smallest);
  let run = simulate({ ...config, ...replay });
  // The counterexample must show the failure it stands for; if the shrunk run does not (it cannot, by the search above), keep the original.
  if (!sameFailure(run) && smallest !== original) {
    smallest = original;
    replay = replayOf(original);
    run = simulate({ ...config, ...replay });
  }
  return {
    replay,
    message: failureMessage(run, property),
    run,
    before: { faults: baseFaults.length, until, events: traced.stats.events },
    after: { faults: replay.faults.length, until: replay.until, events: run.stats.events },
    shrinkRuns: runs,
  };
}
