/**
 * The coverage section of an explore() or check() report: a table of
 * handler → runs (→ new states), the handlers that never ran, where each
 * property was judged and how deep the search or the runs went.
 */
import { printable } from '../common/printableText';
import type { ExploreCoverage } from './explore/types';
import type { CheckCoverage } from './modelCheck/types';

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => `    ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}`.trimEnd());
}

function neverRan(names: readonly string[]): string[] {
  return names.length > 0 ? [`  never ran: ${names.map(printable).join(', ')}`] : [];
}

/** The coverage lines of a model check. */
export function checkCoverageText(coverage: CheckCoverage): string[] {
  const judged = coverage.properties.map((p) => `${printable(p.name)} in ${count(p.states, p.judged === 'states' ? 'state' : 'end state')}`);
  const lines = [`  coverage: depth ${coverage.depth}${judged.length > 0 ? `; judged ${judged.join(', ')}` : ''}`];
  if (coverage.handlers.length > 0) {
    lines.push(...table([['handler', 'runs', 'new states'], ...coverage.handlers.map((h) => [printable(h.handler), h.runs.toLocaleString('en-US'), h.newStates.toLocaleString('en-US')])]));
  }
  return [...lines, ...neverRan(coverage.neverRan)];
}

/** The coverage lines of a seed sweep. */
export function exploreCoverageText(coverage: ExploreCoverage): string[] {
  const judged = coverage.properties.map((p) => `${printable(p.name)} in ${count(p.runs, 'run')}`);
  const longest = coverage.longestRun.seed === undefined ? '' : `longest run ${count(coverage.longestRun.events, 'event')} (seed ${coverage.longestRun.seed})`;
  const head = [longest, judged.length > 0 ? `judged ${judged.join(', ')}` : ''].filter((part) => part !== '').join('; ');
  const lines = [`  coverage${head ? `: ${head}` : ''}`];
  if (coverage.handlers.length > 0) lines.push(...table([['handler', 'runs'], ...coverage.handlers.map((h) => [printable(h.handler), h.runs.toLocaleString('en-US')])]));
  return [...lines, ...neverRan(coverage.neverRan)];
}
