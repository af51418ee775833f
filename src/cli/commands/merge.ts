/**
 * `protocol-notebook merge a.json b.json … [--json] [--junit FILE]`: combines
 * the `--json` reports of `explore --shard i/n` jobs (or of `check`) into one
 * report, and exits as a single unsharded run would have.
 *
 * Exit code: 0 every seed passed, 1 a property failed or a cell failed, 2 usage or input error,
 * 4 nothing failed but a check() was bounded (see `check`).
 */
import { parseCommandArgs, usageError } from '../commandArgs';
import { readFileSync } from 'node:fs';
import { mergeSweepReports, parseSweepReport, type SweepReport } from '../../check/explore/sweepReport';
import { emitReport } from './explore';

const usage = `usage: protocol-notebook merge REPORT.json… [options]

Combines the reports written by \`explore --shard i/n --json\` (and \`check --json\`)
into one: failing seeds of each property are united, the counterexample of the
smallest failing seed is kept, and the exit code is that of one unsharded run.

options:
  --json            print the merged JSON report instead of text (without wall-clock figures)
  --bounded-ok      exit 0, not 4, when nothing failed but a check() was bounded
  --junit FILE      also write a JUnit XML report

Exit code: 0 every seed passed, 1 a property failed or a cell failed, 2 usage or input error,
4 nothing failed but a check() was bounded (some verdict unknown: not a proof).`;

/** Runs the command; resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('merge', usage, args, { json: { type: 'boolean', default: false }, 'bounded-ok': { type: 'boolean', default: false }, junit: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return usageError('merge', usage, 'no reports given');
  const reports: SweepReport[] = [];
  for (const name of positionals) {
    try {
      reports.push(parseSweepReport(readFileSync(name, 'utf8'), name));
    } catch (error) {
      console.error(`protocol-notebook merge: ${(error as Error).message}`);
      return 2;
    }
  }
  const files = new Set(reports.map((r) => r.file));
  if (files.size > 1) {
    console.error(`protocol-notebook merge: the reports are of different notebooks (${[...files].join(', ')})`);
    return 2;
  }
  return emitReport(mergeSweepReports(reports), { json: values.json, junit: values.junit, boundedOk: values['bounded-ok'] });
}
