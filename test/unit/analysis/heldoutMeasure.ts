/**
 * Measures both idempotency checks on the held-out handlers
 * (test/fixtures/handlers/heldout): the static analysis over each notebook,
 * and the engine's dynamic duplicate-delivery check over a run that drives
 * each node kind with its notebook's `workload`. Labels come from
 * `labels.json`, written before either check was run on the set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import * as engine from '../../../src/api/index';
import { idempotencyFindings } from '../../../src/analysis/idempotency/idempotencyFindings';
import { createNotebookProgram } from '../../../src/analysis/notebookProgram';
import { sendingDriver } from '../engine/sendingDriver';
import { corpusDirectory, fixtureCells } from './corpusFixtures';

export const heldoutDirectory = join(corpusDirectory, 'heldout');

/** Labelled after the checks were improved against the first set, and committed before they were run on it. */
export const secondHeldoutDirectory = join(corpusDirectory, 'heldout-second');

export interface HeldoutLabel {
  /** The set's folder. */
  directory: string;
  file: string;
  node: string;
  handler: string;
  idempotent: boolean;
  reason: string;
  class?: string;
}

/** What one check said about one handler. */
export interface Verdict {
  label: HeldoutLabel;
  /** Whether the check said "not idempotent". */
  flagged: boolean;
  /** Its messages (static findings, or the dynamic witness). */
  messages: string[];
}

export interface Score {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  trueNegative: number;
  precision: number;
  recall: number;
}

export interface HeldoutMeasurement {
  static: { verdicts: Verdict[]; score: Score };
  /** Only handlers the run exercised (at least one delivery replayed). */
  dynamic: { verdicts: Verdict[]; score: Score; unexercised: HeldoutLabel[] };
}

export function heldoutLabels(directory = heldoutDirectory): HeldoutLabel[] {
  return (JSON.parse(readFileSync(join(directory, 'labels.json'), 'utf8')) as Omit<HeldoutLabel, 'directory'>[]).map((l) => ({ ...l, directory }));
}

export function score(verdicts: readonly Verdict[]): Score {
  const s = { truePositive: 0, falsePositive: 0, falseNegative: 0, trueNegative: 0 };
  for (const v of verdicts) {
    if (v.label.idempotent) s[v.flagged ? 'falsePositive' : 'trueNegative']++;
    else s[v.flagged ? 'truePositive' : 'falseNegative']++;
  }
  const flagged = s.truePositive + s.falsePositive;
  const positive = s.truePositive + s.falseNegative;
  return { ...s, precision: flagged === 0 ? 1 : s.truePositive / flagged, recall: positive === 0 ? 1 : s.truePositive / positive };
}

function codeOf(label: HeldoutLabel): { cells: { index: number; source: string }[]; text: string } {
  const text = readFileSync(join(label.directory, label.file), 'utf8');
  const cells = fixtureCells(text).map((c) => ({ index: c.index, source: c.source }));
  return { cells, text };
}

/** The static analysis over each notebook, one verdict per labelled handler. */
export function measureStatic(labels: readonly HeldoutLabel[]): Verdict[] {
  const program = createNotebookProgram();
  const verdicts: Verdict[] = [];
  for (const file of [...new Set(labels.map((l) => l.file))]) {
    program.update(codeOf(labels.find((l) => l.file === file) as HeldoutLabel).cells);
    const findings = idempotencyFindings(program);
    for (const label of labels.filter((l) => l.file === file)) {
      const mine = findings.filter((f) => f.handler.nodeName === label.node && f.handler.messageType === label.handler);
      verdicts.push({ label, flagged: mine.length > 0, messages: mine.map((f) => f.message) });
    }
  }
  return verdicts;
}

/** Runs a notebook's code cells as one module against the engine; returns its exports. */
export function loadNotebookModule(cells: readonly { source: string }[]): Record<string, unknown> {
  const { outputText } = ts.transpileModule(cells.map((c) => c.source).join('\n'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const exports: Record<string, unknown> = {};
  new Function('require', 'exports', outputText)((name: string) => {
    if (name !== 'protocol-notebook') throw new Error(`a held-out notebook imports ${name}`);
    return engine;
  }, exports);
  return exports;
}

/** The dynamic check: each node kind run against its workload; a handler is flagged when the run reports a finding for it. */
export function measureDynamic(labels: readonly HeldoutLabel[]): { verdicts: Verdict[]; unexercised: HeldoutLabel[] } {
  const verdicts: Verdict[] = [];
  const unexercised: HeldoutLabel[] = [];
  for (const file of [...new Set(labels.map((l) => l.file))]) {
    const exports = loadNotebookModule(codeOf(labels.find((l) => l.file === file) as HeldoutLabel).cells);
    const workload = exports.workload as Record<string, engine.Message[]>;
    for (const node of [...new Set(labels.filter((l) => l.file === file).map((l) => l.node))]) {
      const definition = exports[node] as engine.NodeDefinition;
      const messages = workload[node];
      const result = engine.simulate({ nodes: { server: definition, client: sendingDriver(messages) }, network: { latency: 1 }, seed: 1, until: 10 * messages.length + 100, trace: false });
      if (result.error) throw new Error(`${file}: ${node}.${result.error.handler} threw: ${result.error.message}`);
      for (const label of labels.filter((l) => l.file === file && l.node === node)) {
        const replays = result.idempotencyReplays.find((r) => r.msgType === label.handler && r.nodeKind === node);
        if (!replays || replays.replays === 0) {
          unexercised.push(label);
          continue;
        }
        const mine = result.idempotency.filter((f) => f.msgType === label.handler && f.nodeKind === node);
        verdicts.push({ label, flagged: mine.length > 0, messages: mine.map((f) => f.witness) });
      }
    }
  }
  return { verdicts, unexercised };
}

export function measureHeldout(directory = heldoutDirectory): HeldoutMeasurement {
  const labels = heldoutLabels(directory);
  const staticVerdicts = measureStatic(labels);
  const dynamic = measureDynamic(labels);
  return { static: { verdicts: staticVerdicts, score: score(staticVerdicts) }, dynamic: { ...dynamic, score: score(dynamic.verdicts) } };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The table the measuring script prints, then each misclassified handler with its reason and what the check said. */
export function formatMeasurement(m: HeldoutMeasurement): string {
  const row = (name: string, s: Score, n: number) => `| ${name} | ${n} | ${percent(s.precision)} | ${percent(s.recall)} | ${s.truePositive} | ${s.falsePositive} | ${s.falseNegative} | ${s.trueNegative} |`;
  const lines = [
    '| check | handlers | precision | recall | tp | fp | fn | tn |',
    '|---|---|---|---|---|---|---|---|',
    row('static', m.static.score, m.static.verdicts.length),
    row('dynamic (exercised)', m.dynamic.score, m.dynamic.verdicts.length),
  ];
  if (m.dynamic.unexercised.length > 0) lines.push('', `not exercised by a run: ${m.dynamic.unexercised.map((l) => `${l.node}.${l.handler}`).join(', ')}`);
  for (const [name, verdicts] of [['static', m.static.verdicts], ['dynamic', m.dynamic.verdicts]] as const) {
    const wrong = verdicts.filter((v) => v.flagged === v.label.idempotent);
    if (wrong.length === 0) continue;
    lines.push('', `${name} misclassified:`);
    for (const v of wrong) lines.push(`- ${v.label.file} ${v.label.node}.${v.label.handler}: labelled ${v.label.idempotent ? 'idempotent' : 'not idempotent'} (${v.label.reason}); ${v.flagged ? `flagged: ${v.messages.join(' / ')}` : 'not flagged'}`);
  }
  return lines.join('\n');
}
