/**
 * The model checker against a hand-written enumerator of the same state
 * space: two-phase commit with 7 resource managers, no faults, no symmetry
 * (the largest run of bench/modelCheck.bench.ts), breadth-first on one core.
 * The enumerator (bench/support/twoPhaseEnumerator.ts) packs a state into two
 * 32-bit words and steps it with bit operations written for this protocol;
 * its comment lists what it leaves out that `check` does (running the
 * protocol's own handlers, fingerprints, path reconstruction, faults). Both
 * must count the same unique states, or the benchmark fails.
 *
 * Figures: unique states per second of CPU time of this process, ours (one
 * run, after a warm-up on 5 managers) and the baseline (best of three), in
 * the same run, and the ratio ours / baseline. On a shared 2-core Linux
 * machine (Node 20.20), four runs: check 290,000–326,000 states per CPU
 * second, the baseline 885,000–1,357,000, ratio 0.24–0.34.
 *
 * Then the same check with `partialOrder: true`, printed as a ratio to the
 * run without it and to the baseline, with the successors it spared.
 *
 * Then the same search split over two threads (`workers: 2`, the helper
 * importing the configuration from the fixture module, see
 * src/kernel/threadedCheck.ts) against `workers: 1`, both timed in wall
 * seconds (threads' CPU time would hide what they wait for), one after the
 * other in this run; the two-thread time includes starting the helper.
 * On a 2-core machine at a load of about 1: workers: 1 664,841 states per
 * wall second, workers: 2 490,263, ratio 0.74 (0.48–0.54 before threads
 * kept the states they found): still slower in two threads.
 *
 * Last, where threads pay: two-phase commit with 5 managers whose handlers
 * each do some arithmetic and read the clock, so their outcomes are not
 * memoized (test/fixtures/protocols/costlyTwoPhaseCommit.ts), workers 2
 * against 1 in wall seconds. A state's handlers then cost more than copying
 * the state to its owner.
 */
import { join } from 'node:path';
import { check } from '../src/check/modelCheck/check';
import { threadedCheck } from '../src/kernel/threadedCheck';
import { twoPhaseCommit } from '../test/fixtures/protocols/twoPhaseCommit';
import { costlyTwoPhaseCommit } from '../test/fixtures/protocols/costlyTwoPhaseCommit';
import { enumerateTwoPhaseCommit } from './support/twoPhaseEnumerator';

const MANAGERS = Number(process.env.BENCH_MANAGERS ?? 7);

function cpuSeconds<T>(f: () => T): { value: T; seconds: number } {
  const started = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(started);
  return { value, seconds: (used.user + used.system) / 1e6 };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

check(twoPhaseCommit(5), { maxStates: 2_500_000 });
const ours = cpuSeconds(() => check(twoPhaseCommit(MANAGERS), { maxStates: 2_500_000 }));
if (!ours.value.ok || !ours.value.complete) throw new Error(`check did not pass two-phase commit with ${MANAGERS} managers completely`);
let baseline = cpuSeconds(() => enumerateTwoPhaseCommit(MANAGERS));
for (let k = 0; k < 2; k++) {
  const next = cpuSeconds(() => enumerateTwoPhaseCommit(MANAGERS));
  if (next.seconds < baseline.seconds) baseline = next;
}
if (!baseline.value.consistent) throw new Error('the baseline found a state that breaks consistent');

const oursStates = ours.value.stats.uniqueStates;
const baseStates = baseline.value.states;
console.log(`two-phase commit, ${MANAGERS} resource managers, breadth-first, one core: check vs a hand-written enumerator of the same states`);
console.log(`unique states: check ${fmt(oursStates)}, baseline ${fmt(baseStates)} (${oursStates === baseStates ? 'equal' : 'DIFFERENT'})`);
if (oursStates !== baseStates) throw new Error(`check counts ${oursStates} states, the baseline ${baseStates}`);
const oursRate = oursStates / ours.seconds;
const baseRate = baseStates / baseline.seconds;
console.log(`check    ${fmt(oursRate).padStart(11)} states/cpu-s (${ours.seconds.toFixed(2)} s of CPU, ${fmt(ours.value.stats.statesExplored)} successors)`);
console.log(`baseline ${fmt(baseRate).padStart(11)} states/cpu-s (${baseline.seconds.toFixed(2)} s of CPU, ${fmt(baseline.value.transitions)} successors)`);
console.log(`ratio check / baseline: ${(oursRate / baseRate).toFixed(2)}×`);

// The same search with partial-order reduction (sleep sets): every state is still visited, fewer successors are computed.
const reduced = cpuSeconds(() => check(twoPhaseCommit(MANAGERS), { maxStates: 2_500_000, partialOrder: true }));
if (reduced.value.stats.uniqueStates !== oursStates) throw new Error('partial-order reduction visited a different number of states');
const reducedRate = reduced.value.stats.uniqueStates / reduced.seconds;
console.log(
  `check with partialOrder ${fmt(reducedRate).padStart(11)} states/cpu-s (${reduced.seconds.toFixed(2)} s of CPU, ${fmt(reduced.value.stats.statesExplored)} successors, ${fmt(reduced.value.partialOrder?.slept ?? 0)} slept): ` +
    `${(reducedRate / oursRate).toFixed(2)}× check without it, ${(reducedRate / baseRate).toFixed(2)}× baseline; successors ${(ours.value.stats.statesExplored / reduced.value.stats.statesExplored).toFixed(2)}× fewer`,
);

// The search over threads: wall time, as a ratio to one thread measured here, just before.
function wallSeconds<T>(f: () => T): { value: T; seconds: number } {
  const started = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - started) / 1000 };
}
const fixture = join(__dirname, '..', 'test', 'fixtures', 'protocols', 'twoPhaseCommit.ts');
const one = wallSeconds(() => check(twoPhaseCommit(MANAGERS), { maxStates: 2_500_000, workers: 1 }));
const two = wallSeconds(() => threadedCheck(twoPhaseCommit(MANAGERS), { maxStates: 2_500_000, workers: 2 }, { module: fixture, exportName: 'twoPhaseCommit', args: [MANAGERS] }));
if (two.value.stats.uniqueStates !== one.value.stats.uniqueStates || two.value.ok !== one.value.ok) {
  throw new Error(`workers: 2 counts ${two.value.stats.uniqueStates} states (ok ${two.value.ok}), workers: 1 ${one.value.stats.uniqueStates} (ok ${one.value.ok})`);
}
const oneRate = one.value.stats.uniqueStates / one.seconds;
const twoRate = two.value.stats.uniqueStates / two.seconds;
const perWorker = (two.value.stats.perWorker ?? []).map((w) => fmt(w.uniqueStates)).join(' + ');
console.log(`workers: 1 ${fmt(oneRate).padStart(9)} states/wall-s (${one.seconds.toFixed(2)} s)`);
console.log(`workers: 2 ${fmt(twoRate).padStart(9)} states/wall-s (${two.seconds.toFixed(2)} s, states per worker ${perWorker})`);
console.log(`ratio workers: 2 / workers: 1: ${(twoRate / oneRate).toFixed(2)}× (above 1: faster in two threads)`);

// Where threads pay: handlers that cost something and cannot be memoized.
const COSTLY_MANAGERS = 5;
const WORK = 16_000;
const costlyModule = join(__dirname, '..', 'test', 'fixtures', 'protocols', 'costlyTwoPhaseCommit.ts');
const costlyOne = wallSeconds(() => check(costlyTwoPhaseCommit(COSTLY_MANAGERS, WORK), { workers: 1 }));
const costlyTwo = wallSeconds(() => threadedCheck(costlyTwoPhaseCommit(COSTLY_MANAGERS, WORK), { workers: 2 }, { module: costlyModule, exportName: 'costlyTwoPhaseCommit', args: [COSTLY_MANAGERS, WORK] }));
if (costlyTwo.value.stats.uniqueStates !== costlyOne.value.stats.uniqueStates) throw new Error(`costly handlers: workers: 2 counts ${costlyTwo.value.stats.uniqueStates} states, workers: 1 ${costlyOne.value.stats.uniqueStates}`);
const costlyOneRate = costlyOne.value.stats.uniqueStates / costlyOne.seconds;
const costlyTwoRate = costlyTwo.value.stats.uniqueStates / costlyTwo.seconds;
console.log(`\n2PC with ${COSTLY_MANAGERS} managers, handlers of ${WORK} rounds of arithmetic that read the clock (not memoized):`);
console.log(`workers: 1 ${fmt(costlyOneRate).padStart(9)} states/wall-s (${costlyOne.seconds.toFixed(2)} s)`);
console.log(`workers: 2 ${fmt(costlyTwoRate).padStart(9)} states/wall-s (${costlyTwo.seconds.toFixed(2)} s)`);
console.log(`ratio workers: 2 / workers: 1: ${(costlyTwoRate / costlyOneRate).toFixed(2)}× (above 1: faster in two threads)`);
