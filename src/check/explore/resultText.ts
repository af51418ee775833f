/**
 * explore() and check() results as lines of text: what the CLI prints for
 * each (after `file:line: `), and what a notebook cell shows in place of the
 * raw result object.
 */
import { printable } from '../../common/printableText';
import { describeValue, encodeValue } from '../../common/valueEncoding';
import type { Fault } from '../../engine/api/types';
import { checkCoverageText, exploreCoverageText } from '../coverageText';
import type { CheckResult } from '../modelCheck/types';
import { traceTimeline } from './traceTimeline';
import type { ExploreResult, Replay } from './types';

/** The brands explore() and check() put on their results. */
export const EXPLORE_BRAND = 'protocol-notebook/explore';
export const CHECK_BRAND = 'protocol-notebook/check';

/** A rate, when there is one (a result made in a cell has no clock, so none). */
function rate(perSecond: number, unit: string): string {
  return perSecond > 0 ? ` · ${perSecond} ${unit}` : '';
}

/**
 * A seed sweep: how many seeds ran, and each failing property with its seeds
 * and shrunk counterexample. With `timeline` (the command line, whose reader
 * has no chart), the shrunk run as one line per event, too.
 */
export function exploreText(result: ExploreResult, options: { timeline?: boolean } = {}): string[] {
  const shard = (result.shard ? ` (shard ${result.shard.index}/${result.shard.count})` : '') + (result.swarm ? ` (swarm, each fault kind on with p=${result.swarm.on})` : '');
  const lines = [
    `explore ${result.seedsRun}/${result.seedsTotal} seeds${shard}: ${result.ok ? 'ok' : `FAILED — ${result.failures.length} ${result.failures.length === 1 ? 'property' : 'properties'}`}${result.stoppedEarly ? ' (stopped early)' : ''}${rate(result.stats.runsPerSecond, 'runs/s')}`,
  ];
  for (const failure of result.failures) {
    const seeds = failure.seeds.slice(0, 10).join(', ') + (failure.seeds.length > 10 ? ', …' : '');
    lines.push(`  ✗ ${printable(failure.property)} — ${failure.seeds.length} seeds (${seeds}): ${printable(failure.message)}`);
    const c = failure.counterexample;
    if (c) {
      lines.push(`    shrunk: seed ${c.replay.seed}, ${c.before.faults} → ${c.after.faults} faults, until ${c.before.until} → ${c.after.until}, ${c.before.events} → ${c.after.events} events (${c.shrinkRuns} runs): ${printable(c.message)}`);
      lines.push(`    replay: ${replayCall(c.replay)}`);
      const trace = c.run?.trace;
      if (options.timeline && trace && trace.events.length > 0) {
        lines.push(`    timeline (${trace.events.length} events, Lamport order):`);
        for (const line of traceTimeline(trace)) lines.push(`      ${line}`);
      }
    }
  }
  if (result.coverage && !result.skipped) lines.push(...exploreCoverageText(result.coverage));
  return lines;
}

const show = (value: unknown): string => describeValue(encodeValue(value), Infinity);

/** A fault as the API call that makes it; a Byzantine fault (its `tamper` is code) as the configuration's own. */
function faultCall(fault: Fault): string {
  switch (fault.fault) {
    case 'partition': {
      const window = show({ from: fault.from, ...(fault.to === undefined ? {} : { to: fault.to }) });
      return fault.oneWay ? `oneWayPartition(${show(fault.groups[0])}, ${show(fault.groups[1])}, ${window})` : `partition(${fault.groups.map(show).join(', ')}, ${window})`;
    }
    case 'crash':
      return `crash(${show(fault.node)}, ${show({ at: fault.at, ...(fault.restart === undefined ? {} : { restart: fault.restart }) })})`;
    case 'clock':
      return `clockSkew(${show(fault.node)}, ${show({ skew: fault.skew, drift: fault.drift })})`;
    case 'byzantine':
      return `config.faults.find((f) => f.fault === 'byzantine' && f.node === ${show(fault.node)})`;
    case 'nemesis':
      // One that reacts to the run (its `target` is code) is the configuration's own.
      if (typeof fault.target === 'function') return `config.faults.find((f) => f.fault === 'nemesis' && f.target)`;
      return `nemesis(${show({ every: fault.every, duration: fault.duration, kinds: fault.kinds, ...(fault.nodes ? { nodes: fault.nodes } : {}), ...(fault.target ? { target: fault.target } : {}), ...(fault.stagger ? { stagger: true } : {}), from: fault.from, ...(fault.to === undefined ? {} : { to: fault.to }) })})`;
    case 'corrupt':
      return `corrupt(${show(fault.node)}, ${show({ probability: fault.probability, ...(fault.types ? { types: fault.types } : {}), from: fault.from, ...(fault.to === undefined ? {} : { to: fault.to }) })})`;
  }
}

/**
 * The call that replays a counterexample, complete: run in a cell that has
 * `config`, it gives the counterexample's run, trace byte for byte (the
 * network keeps the configuration's latency and links, every fault is spelled out).
 */
export function replayCall(replay: Replay): string {
  const { seed, until, network, faults, scheduler, healAt } = replay;
  return `simulate({ ...config, seed: ${seed}, until: ${until}, network: { ...config.network, loss: ${network.loss}, duplicate: ${network.duplicate} }, faults: [${faults.map(faultCall).join(', ')}]${scheduler ? `, scheduler: ${show(scheduler)}` : ''}${healAt === undefined ? '' : `, healAt: ${healAt}`} })`;
}

/** `{ delivery: 'strong', nodes: { b: { timers: 'weak' } } }` as `delivery strong, b: timers weak`. */
function fairnessText(fairness: NonNullable<CheckResult['fairness']>): string {
  const parts = (f: { delivery?: string; timers?: string }) => [f.delivery ? `delivery ${f.delivery}` : '', f.timers ? `timers ${f.timers}` : ''].filter(Boolean);
  return [...parts(fairness), ...Object.entries(fairness.nodes ?? {}).map(([id, f]) => `${printable(id)}: ${parts(f).join(' ')}`)].join(', ');
}

/** `time: delay 1–3, heal at 20, clock in each state (a handler reads ctx.now…)`. */
function timeText(time: NonNullable<CheckResult['time']>): string {
  const [min, max] = time.delay;
  return `time: delay ${min === max ? min : `${min}–${max}`}${time.healAt === undefined ? '' : `, heal at ${time.healAt}`}${time.clock === 'absolute' ? `, clock in each state (${time.why ?? 'absolute'})` : ''}`;
}

/** `partial-order reduction: 1234 steps spared (3 states expanded again)`, or why it was not applied. */
function partialOrderText(reduction: NonNullable<CheckResult['partialOrder']>): string {
  if (!reduction.applied) return `no partial-order reduction (${reduction.why ?? 'not applied'})`;
  const again = reduction.reexpanded > 0 ? ` (${reduction.reexpanded} ${reduction.reexpanded === 1 ? 'state' : 'states'} expanded again)` : '';
  return `partial-order reduction: ${reduction.slept} steps spared${again}`;
}

/** `2 workers (states per worker: 1500 at 900 states/s, 1400 at 850 states/s)`; without rates when the host has no clock. */
function workersText(s: CheckResult['stats']): string {
  const each = (s.perWorker ?? []).map((w) => `${w.uniqueStates}${w.statesPerSecond > 0 ? ` at ${w.statesPerSecond} states/s` : ''}`);
  return `${s.workers} workers${each.length > 0 ? ` (states per worker: ${each.join(', ')})` : ''}`;
}

/** A model check: the states it explored, and each property's verdict with its counterexample's steps. */
export function checkText(result: CheckResult): string[] {
  const s = result.stats;
  const scope = result.complete ? 'complete' : `stopped by ${result.stoppedBy ?? 'a bound'}`;
  // Nothing failed, but not everything was shown to hold: say so, rather than "ok".
  const bounded = result.ok && result.verdicts.some((v) => v.status === 'unknown');
  const how = [
    result.strategy && result.strategy !== 'bfs' ? `strategy ${result.strategy}` : '',
    result.fairness ? `fairness ${fairnessText(result.fairness)}` : '',
    result.time ? timeText(result.time) : '',
    result.partialOrder ? partialOrderText(result.partialOrder) : '',
    s.workers && s.workers > 1 ? workersText(s) : '',
  ].filter(Boolean).join(', ');
  const lines = [`check: ${result.ok ? (bounded ? 'BOUNDED (no violation within the bound, not a proof)' : 'ok') : 'FAILED'} — ${s.uniqueStates} states (${s.statesExplored} explored), depth ${s.depth}${s.statesPerSecond > 0 ? `, ${s.statesPerSecond} states/s` : ''}, ${scope}${how ? `; ${how}` : ''}`];
  for (const v of result.verdicts) {
    const mark = v.status === 'pass' ? '✓' : v.status === 'fail' ? '✗' : '?';
    lines.push(`  ${mark} ${printable(v.name)}${v.message ? ` — ${printable(v.message)}` : ''}`);
    const c = v.counterexample;
    if (c && v.status === 'fail') c.steps.forEach((step, i) => lines.push(`      ${i === c.loopStart ? '↻ ' : ''}${i + 1}. ${printable(step)}`));
  }
  if (result.coverage) lines.push(...checkCoverageText(result.coverage));
  return lines;
}
