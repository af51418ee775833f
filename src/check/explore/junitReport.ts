/**
 * JUnit XML for CI dashboards: one test suite per `explore()` / `check()`
 * call, one test case per property (a failure carries the message, the
 * failing seeds and how to replay the counterexample).
 */
import type { CheckResult } from '../modelCheck/types';
import type { SweepReport } from './sweepReport';
import type { ExploreResult } from './types';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

interface Case {
  name: string;
  failure?: { message: string; detail: string };
  skipped?: string;
}

function exploreCases(result: ExploreResult): Case[] {
  const failed = new Map(result.failures.map((f) => [f.property, f]));
  const names = [...new Set([...result.properties, ...failed.keys()])];
  return names.map((name) => {
    const failure = failed.get(name);
    if (!failure) return { name };
    const replay = failure.counterexample?.replay;
    const detail = [
      `failing seeds (${failure.seeds.length}): ${failure.seeds.slice(0, 50).join(', ')}${failure.seeds.length > 50 ? ', …' : ''}`,
      ...(replay ? [`shrunk counterexample: simulate({ ...config, ...${JSON.stringify(replay)} })`] : []),
    ].join('\n');
    return { name, failure: { message: failure.counterexample?.message ?? failure.message, detail } };
  });
}

function checkCases(result: CheckResult): Case[] {
  return result.verdicts.map((v) => {
    if (v.status === 'pass') return { name: v.name };
    if (v.status === 'unknown') return { name: v.name, skipped: v.message ?? 'not decided within the bounds' };
    const steps = v.counterexample ? `${v.counterexample.kind} of ${v.counterexample.steps.length} steps:\n${v.counterexample.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}` : '';
    return { name: v.name, failure: { message: v.message ?? 'failed', detail: steps } };
  });
}

/** The report as JUnit XML. */
export function junitReport(report: SweepReport): string {
  const suites = report.entries.map((entry) => {
    const result = entry.result;
    const cases = result.kind === 'protocol-notebook/explore' ? exploreCases(result) : checkCases(result);
    const name = `${report.file}:${entry.line} ${result.kind === 'protocol-notebook/explore' ? 'explore' : 'check'}${entry.ordinal > 0 ? ` #${entry.ordinal + 1}` : ''}`;
    const failures = cases.filter((c) => c.failure).length;
    const skipped = cases.filter((c) => c.skipped).length;
    const seconds = (result.stats.wallMs / 1000).toFixed(3);
    const body = cases
      .map((c) => {
        const open = `    <testcase classname="${escapeXml(name)}" name="${escapeXml(c.name)}"`;
        if (c.failure) return `${open}>\n      <failure message="${escapeXml(c.failure.message)}">${escapeXml(c.failure.detail)}</failure>\n    </testcase>`;
        if (c.skipped) return `${open}>\n      <skipped message="${escapeXml(c.skipped)}"/>\n    </testcase>`;
        return `${open}/>`;
      })
      .join('\n');
    return `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds}">\n${body}\n  </testsuite>`;
  });
  const errors = report.cellErrors.map(
    (e) => `  <testsuite name="${escapeXml(`${report.file}:${e.line}`)}" tests="1" errors="1">\n    <testcase classname="${escapeXml(report.file)}" name="cell at line ${e.line}">\n      <error message="${escapeXml(`${e.name}: ${e.message}`)}"/>\n    </testcase>\n  </testsuite>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="protocol-notebook ${report.command}">\n${[...suites, ...errors].join('\n')}\n</testsuites>\n`;
}
