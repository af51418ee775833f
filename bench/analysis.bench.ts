/**
 * Latency of the idempotency diagnostics while typing: a notebook of 20 code
 * cells (types, helpers, 15 nodes with 4 handlers each) is analysed once cold,
 * then one cell is edited at a time, as a keystroke does, and the warm
 * notebook program is updated and re-analysed (what the editor does after its
 * debounce). Prints wall-clock and CPU time per edit: median, p95 and max, and
 * the edit-to-warnings latency (debounce + p95) against the 50 ms budget.
 * CPU time is the process's own, so it stays meaningful on a busy machine.
 */
import { idempotencyFindings } from '../src/analysis/idempotency/idempotencyFindings';
import { createNotebookProgram } from '../src/analysis/notebookProgram';

const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const DEBOUNCE_MS = 15; // src/notebook/idempotencyDiagnostics.ts

const header = `import { node } from 'protocol-notebook';
type Msg =
  | { type: 'deposit'; id: string; amount: number }
  | { type: 'withdraw'; id: string; amount: number }
  | { type: 'put'; id: string; key: string; value: string }
  | { type: 'vote'; id: string; from: string };
type Bank = { balance: number; seen: Set<string>; kv: Map<string, string>; voters: Set<string>; log: string[]; tally: number };`;

const helpers = [
  `function credit(b: Bank, amount: number) {\n  b.balance += amount;\n}`,
  `function alreadySeen(b: Bank, m: { id: string }): boolean {\n  return b.seen.has(m.id);\n}`,
  `function remember(b: Bank, m: { id: string }) {\n  b.seen.add(m.id);\n}`,
  `function record(b: Bank, line: string) {\n  b.log.push(line);\n}`,
];

function nodeCell(n: number, factor: number): string {
  return `export const Bank${n} = node<Bank, Msg>({
  name: 'Bank${n}',
  init: () => ({ balance: 0, seen: new Set(), kv: new Map(), voters: new Set(), log: [], tally: 0 }),
  on: {
    deposit(state, msg, ctx) {
      if (alreadySeen(state, msg)) return;
      remember(state, msg);
      credit(state, msg.amount * ${factor});
      ctx.reply(msg, { type: 'deposit', id: msg.id, amount: state.balance });
    },
    withdraw(state, msg) {
      if (state.balance < msg.amount) return;
      state.balance -= msg.amount;
      record(state, \`withdrew \${msg.amount}\`);
    },
    put(state, msg) {
      state.kv.set(msg.key, msg.value);
    },
    vote(state, msg) {
      state.voters.add(msg.from);
      state.tally = state.voters.size;
    },
  },
});`;
}

function notebook(version: number, edited: number): { index: number; source: string }[] {
  const sources = [header, ...helpers, ...Array.from({ length: 15 }, (_, n) => nodeCell(n, n === edited ? version : 1))];
  // Markdown cells sit between code cells, as in a real notebook.
  return sources.map((source, i) => ({ index: i * 2, source }));
}

function stats(samples: number[]): { median: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)], max: sorted[sorted.length - 1] };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

function timed(run: () => void): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const program = createNotebookProgram();
let findings = 0;
const cold = timed(() => {
  program.update(notebook(1, -1));
  findings = idempotencyFindings(program).length;
});
console.log(`cold: program and analysis of 20 code cells: ${fmt(cold.wall)} wall, ${fmt(cold.cpu)} CPU (${findings} findings)`);

const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < EDITS; i++) {
  const cells = notebook(2 + (i % 7), 5 + (i % 10));
  const t = timed(() => {
    program.update(cells);
    findings = idempotencyFindings(program).length;
  });
  wall.push(t.wall);
  cpu.push(t.cpu);
}
const w = stats(wall);
const c = stats(cpu);
console.log(`warm: one cell edited, program updated and re-analysed (${EDITS} edits, ${findings} findings):`);
console.log(`  wall  median ${fmt(w.median)}, p95 ${fmt(w.p95)}, max ${fmt(w.max)}`);
console.log(`  CPU   median ${fmt(c.median)}, p95 ${fmt(c.p95)}, max ${fmt(c.max)}`);
console.log(`edit to warnings (debounce ${DEBOUNCE_MS} ms + p95): ${fmt(DEBOUNCE_MS + w.p95)} wall, ${fmt(DEBOUNCE_MS + c.p95)} CPU; budget 50 ms`);
