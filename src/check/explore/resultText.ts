/**
 * explore() and check() results as lines of text: what the CLI prints for
 * each (after `file:line: `), and what a notebook cell shows in place of the
 * raw result object.
 */
import { printable } from '../../common/printableText';
import { describeValue, encodeValue } from '../../common/valueEncoding';
import type { CheckResult } from '../modelCheck/types';
import type { ExploreResult } from './types';

/** The brands explore() and check() put on their results. */
export const EXPLORE_BRAND = 'protocol-notebook/explore';
export const CHECK_BRAND = 'protocol-notebook/check';

/** A rate, when there is one (a result made in a cell has no clock, so none). */
function rate(perSecond: number, unit: string): string {
  return perSecond > 0 ? ` · ${perSecond} ${unit}` : '';
}

/** A seed sweep: how many seeds ran, and each failing property with its seeds and shrunk counterexample. */
export function exploreText(result: ExploreResult): string[] {
  const shard = result.shard ? ` (shard ${result.shard.index}/${result.shard.count})` : '';
  const lines = [
    `explore ${result.seedsRun}/${result.seedsTotal} seeds${shard}: ${result.ok ? 'ok' : `FAILED — ${result.failures.length} ${result.failures.length === 1 ? 'property' : 'properties'}`}${result.stoppedEarly ? ' (stopped early)' : ''}${rate(result.stats.runsPerSecond, 'runs/s')}`,
  ];
  for (const failure of result.failures) {
    const seeds = failure.seeds.slice(0, 10).join(', ') + (failure.seeds.length > 10 ? ', …' : '');
    lines.push(`  ✗ ${printable(failure.property)} — ${failure.seeds.length} seeds (${seeds}): ${printable(failure.message)}`);
    const c = failure.counterexample;
    if (c) {
      lines.push(`    shrunk: seed ${c.replay.seed}, ${c.before.faults} → ${c.after.faults} faults, until ${c.before.until} → ${c.after.until}, ${c.before.events} → ${c.after.events} events (${c.shrinkRuns} runs): ${printable(c.message)}`);
      lines.push(`    replay: simulate({ ...config, ...${describeValue(encodeValue(c.replay), 400)} })`);
    }
  }
  return lines;
}

/** A model check: the states it explored, and each property's verdict with its counterexample's steps. */
export function checkText(result: CheckResult): string[] {
  const s = result.stats;
  const scope = result.complete ? 'complete' : `stopped by ${result.stoppedBy ?? 'a bound'}`;
  const lines = [`check: ${result.ok ? 'ok' : 'FAILED'} — ${s.uniqueStates} states (${s.statesExplored} explored), depth ${s.depth}${s.statesPerSecond > 0 ? `, ${s.statesPerSecond} states/s` : ''}, ${scope}`];
  for (const v of result.verdicts) {
    const mark = v.status === 'pass' ? '✓' : v.status === 'fail' ? '✗' : '?';
    lines.push(`  ${mark} ${printable(v.name)}${v.message ? ` — ${printable(v.message)}` : ''}`);
    const c = v.counterexample;
    if (c && v.status === 'fail') c.steps.forEach((step, i) => lines.push(`      ${i === c.loopStart ? '↻ ' : ''}${i + 1}. ${printable(step)}`));
  }
  return lines;
}
