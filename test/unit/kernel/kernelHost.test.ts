import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KernelHost } from '../../../src/kernel/host';
import { MIME, type CellResult, type KernelCell } from '../../../src/common/kernelMessages';
import { kernelBundles, kernelHosts } from './kernelBundles';

/** Code cells with ids c0, c1, … at notebook positions 0, 2, 4, … (markdown in between). */
function cells(...sources: string[]): KernelCell[] {
  return sources.map((source, i) => ({ id: `c${i}`, index: 2 * i, source }));
}

/** The value a cell's last expression showed. */
function shown(result: CellResult): unknown {
  assert.ok(result.ok, `cell failed: ${JSON.stringify(result.error)}`);
  const output = result.outputs.at(-1);
  assert.equal(output?.mime, MIME.value);
  return output.data;
}

describe('KernelHost', () => {
  const kernels = kernelHosts({ stepBudget: 5_000_000, timeoutMs: 20_000, memoryMb: 256 });
  const newHost = kernels.newHost;
  before(() => kernels.setUp());
  after(() => kernels.disposeAll());

  it("locks Array.prototype without freezing it: its methods cannot be replaced or deleted, other intrinsics are frozen", async () => {
    const host = newHost();
    const probe = [
      "const original = Array.prototype.push;",
      "let replaced = 'no';",
      "try { (Array.prototype as any).push = () => 0; replaced = 'assigned'; } catch { replaced = 'threw'; }",
      "let deleted = 'no';",
      "try { delete (Array.prototype as any).map; deleted = String(typeof Array.prototype.map); } catch { deleted = 'threw'; }",
      "const list: number[] = []; list.push(1, 2);",
      "({ same: Array.prototype.push === original, replaced, deleted, frozen: Object.isFrozen(Array.prototype), methodFrozen: Object.isFrozen(Array.prototype.push), mapFrozen: Object.isFrozen(Map.prototype), list })",
    ].join('\n');
    const value = shown(await host.execute(cells(probe), 0)) as Record<string, unknown>;
    assert.deepEqual(value, { same: true, replaced: 'threw', deleted: 'threw', frozen: false, methodFrozen: true, mapFrozen: true, list: [1, 2] });
  });

  it('lets a cell see the declarations of the cells above it', async () => {
    const host = newHost();
    const notebook = cells('const base: number = 20;\nfunction plus(n: number) { return base + n; }\nclass Box { v = 1 }', 'let two = 2;', 'plus(two) + new Box().v');
    assert.ok((await host.execute(notebook, 0)).ok);
    assert.ok((await host.execute(notebook, 1)).ok);
    const result = await host.execute(notebook, 2);
    assert.equal(shown(result), 23);
    assert.equal(result.replayed, undefined, 'no replay when the cells above ran in order');
  });

  it('replays the cells above when a cell is re-run, with the same result', async () => {
    const host = newHost();
    const notebook = cells('let counter = 0;', 'counter += 1; counter');
    const first = await host.execute(notebook, 0).then(() => host.execute(notebook, 1));
    const again = await host.execute(notebook, 1);
    assert.equal(shown(first), 1);
    assert.equal(shown(again), 1, 're-running gives what running from the top gives');
    assert.deepEqual(again.replayed, ['c0']);
  });

  it('replays later cells against an edited earlier cell', async () => {
    const host = newHost();
    const before = cells('const size = 3;', 'size * 2');
    await host.execute(before, 0);
    assert.equal(shown(await host.execute(before, 1)), 6);
    const edited = cells('const size = 5;', 'size * 2');
    const result = await host.execute(edited, 1);
    assert.equal(shown(result), 10);
    assert.deepEqual(result.replayed, ['c0']);
  });

  it('runs only the cells above that have not run yet when a cell is skipped', async () => {
    const host = newHost();
    const notebook = cells('let log: string[] = [];', 'log.push("second");', 'log.push("third"); log');
    await host.execute(notebook, 0);
    const result = await host.execute(notebook, 2);
    assert.deepEqual(shown(result), ['second', 'third']);
    assert.deepEqual(result.replayed, ['c1']);
  });

  it('reports a cell above that fails while it is replayed, and where', async () => {
    const host = newHost();
    const result = await host.execute(cells('const a = 1;', 'null!.boom;', 'a'), 2);
    assert.equal(result.ok, false);
    assert.match(result.error?.message ?? '', /^A cell above \(cell 3\) failed when it was re-run first: TypeError: /);
    assert.equal(result.error?.position?.cellId, 'c1');
    assert.deepEqual(result.replayed, ['c0', 'c1']);
  });

  it('says where a name declared again was first declared', async () => {
    const host = newHost();
    const notebook = cells('const limit = 1;', 'let other = 2;\nconst limit = 3;');
    await host.execute(notebook, 0);
    const result = await host.execute(notebook, 1);
    assert.equal(result.error?.name, 'SyntaxError');
    assert.match(result.error?.message ?? '', /^'limit' is already declared in cell 1 \(line 1\)/);
    assert.deepEqual(result.error?.position, { cellId: 'c1', line: 1, column: 6 });
  });

  it('reports a thrown error at its line and column in the cell, with cell frames in the stack', async () => {
    const host = newHost();
    const notebook = cells('function check(n: number): void {\n  if (n > 1) throw new RangeError(`too big: ${n}`);\n}', 'const value: number = 2;\n\ncheck(value);');
    await host.execute(notebook, 0);
    const result = await host.execute(notebook, 1);
    assert.equal(result.ok, false);
    assert.equal(result.error?.name, 'RangeError');
    assert.equal(result.error?.message, 'too big: 2');
    assert.deepEqual(result.error?.position, { cellId: 'c0', line: 1, column: 19 });
    assert.match(result.error?.stack ?? '', /at check \(cell 1, line 2, col 20\)\n {4}at cell 3, line 3, col 1/);
    assert.doesNotMatch(result.error?.stack ?? '', /node:|kernelWorker|protocol-notebook-/);
  });

  it('reports a syntax error at its position', async () => {
    const result = await newHost().execute(cells('const ok = 1;\nconst broken: number = ;'), 0);
    assert.equal(result.error?.name, 'SyntaxError');
    assert.deepEqual(result.error?.position, { cellId: 'c0', line: 1, column: 23 });
  });

  it('stops `while (true) {}` and `for (;;);` with the step budget, and the next execution works', async () => {
    const host = newHost();
    const notebook = cells('let ready = 1;', 'let spins = 0;\nwhile (true) { spins++; }', 'for (;;);', 'ready + 1');
    await host.execute(notebook, 0);
    for (const target of [1, 2]) {
      const result = await host.execute(notebook, target);
      assert.equal(result.ok, false);
      assert.equal(result.error?.stoppedBy, 'step-budget');
      assert.equal(result.error?.name, 'StepBudgetExceeded');
      assert.deepEqual(result.error?.position, { cellId: `c${target}`, line: target === 1 ? 1 : 0, column: 0 });
    }
    assert.equal(shown(await host.execute(notebook, 3)), 2);
  });

  it('still reports the budget when the cell catches the error', async () => {
    const result = await newHost().execute(cells('function spin() { while (true) {} }\ntry { spin(); } catch { }\n"swallowed"'), 0);
    assert.equal(result.error?.stoppedBy, 'step-budget');
    assert.deepEqual(result.error?.position, { cellId: 'c0', line: 0, column: 18 });
  });

  it('kills a cell the budget cannot see (a catastrophic regex) on the wall clock, and the next execution works', async () => {
    const host = newHost({ timeoutMs: 3000 });
    const notebook = cells('const n = 41;', "/^(a+)+$/.test('a'.repeat(n) + 'b')", 'n + 1');
    await host.execute(notebook, 0);
    const result = await host.execute(notebook, 1);
    assert.equal(result.ok, false);
    assert.equal(result.error?.stoppedBy, 'timeout');
    // The user removes the runaway cell; a fresh kernel replays what is above.
    const fixed = [notebook[0], notebook[2]];
    const next = await host.execute(fixed, 1);
    assert.equal(shown(next), 42);
    assert.deepEqual(next.replayed, ['c0']);
  });

  it('reports a memory hog as memory, and the next execution works', async () => {
    const host = newHost({ memoryMb: 64, stepBudget: 1e12 });
    const notebook = cells('const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1));', '1 + 1');
    const result = await host.execute(notebook, 0);
    assert.equal(result.ok, false);
    assert.equal(result.error?.stoppedBy, 'memory');
    const next = await host.execute(cells('1 + 1'), 0);
    assert.equal(shown(next), 2);
  });

  it('cancels a running cell when its signal aborts', async () => {
    const host = newHost({ stepBudget: 1e12 });
    const controller = new AbortController();
    const running = host.execute(cells('while (true) {}'), 0, controller.signal);
    setTimeout(() => controller.abort(), 200);
    const result = await running;
    assert.equal(result.error?.stoppedBy, 'cancelled');
    assert.equal(shown(await host.execute(cells('"after"'), 0)), 'after');
  });

  it('restarts at once even while a cell runs, which then ends as cancelled, and forgets declarations', async () => {
    const host = newHost({ stepBudget: 1e12 });
    assert.ok((await host.execute(cells('const kept = 1;'), 0)).ok);
    const running = host.execute(cells('const kept = 1;', 'while (true) {}'), 1);
    setTimeout(() => void host.restart(), 200);
    const result = await running;
    assert.equal(result.error?.stoppedBy, 'cancelled');
    const after = await host.execute(cells('typeof kept'), 0);
    assert.equal(shown(after), 'undefined');
  });

  it('keeps at most 10,000 console lines of a cell and says how many more there were', async () => {
    const result = await newHost().execute(cells('for (let i = 0; i < 10_005; i++) console.log(i);'), 0);
    assert.equal(result.logs.length, 10_001);
    assert.equal(result.logs[9_999], '9999');
    assert.equal(result.logs[10_000], '… 5 more lines not shown');
  });

  it('gives Math.random, Date and performance the same values on every run', async () => {
    const source = '[Math.random(), Math.random(), Date.now(), new Date().getHours(), new Date().toString(), performance.now()]';
    const first = shown(await newHost().execute(cells(source), 0));
    const host = newHost();
    const second = shown(await host.execute(cells(source), 0));
    const third = shown(await host.execute(cells(source), 0));
    assert.deepEqual(second, first);
    assert.deepEqual(third, first);
    assert.deepEqual((first as unknown[]).slice(2), [946684800000, 0, 'Sat, 01 Jan 2000 00:00:00 GMT', 0]);
    assert.notEqual((first as number[])[0], (first as number[])[1]);
  });

  it('offers no require, process, fetch, timers, eval or Function constructor from strings', async () => {
    const probe = `[typeof require, typeof process, typeof fetch, typeof setTimeout, typeof module, typeof WebAssembly,
      (() => { try { return eval('1'); } catch (e) { return e.name; } })(),
      (() => { try { return new Function('return 1')(); } catch (e) { return e.name; } })(),
      (() => { try { return Object.getPrototypeOf(display).constructor('return process')(); } catch (e) { return e.name; } })()]`;
    assert.deepEqual(shown(await newHost().execute(cells(probe), 0)), [
      'undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'EvalError', 'EvalError', 'EvalError',
    ]);
  });

  it('captures console output into logs and display() values into outputs', async () => {
    const result = await newHost().execute(cells('console.log("n =", 1, new Map([["k", 2]]));\ndisplay(new Set([1, 2]));\n"last"'), 0);
    assert.deepEqual(result.logs, ["n = 1 Map(1) { 'k' => 2 }"]);
    assert.deepEqual(result.outputs.map((o) => o.data), [{ $set: [1, 2] }, 'last']);
    assert.equal(result.outputs[0].text, 'Set(2) { 1, 2 }');
  });
});

describe('KernelHost running simulations', () => {
  let host: KernelHost;
  const protocol = `import { node, simulate, always } from 'protocol-notebook';
type Msg = { type: 'ping'; n: number } | { type: 'pong'; n: number };
export const Pinger = node<{ pongs: number }, Msg>({
  init: () => ({ pongs: 0 }),
  start(_state, ctx) { ctx.send('ponger', { type: 'ping', n: 1 }); },
  on: { pong(state) { state.pongs += 1; } },
});
export const Ponger = node<{ pings: number }, Msg>({
  init: () => ({ pings: 0 }),
  on: {
    ping(state, msg, ctx) {
      state.pings += 1;
      if (msg.n < 0) throw new RangeError('negative ping');
      ctx.reply(msg, { type: 'pong', n: msg.n });
    },
  },
});`;
  const run = `simulate({
  nodes: { pinger: Pinger, ponger: Ponger },
  network: { latency: [1, 10] },
  properties: { 'at most one pong': always((w) => w.state.pinger.pongs <= 1) },
  seed: 3, until: 100,
});`;

  before(async () => {
    const bundles = await kernelBundles();
    assert.ok(bundles.engineBundle, 'the engine is built');
    host = new KernelHost({ workerScript: bundles.workerScript, engineBundle: bundles.engineBundle, timeoutMs: 20_000 });
  });
  after(() => host.dispose());

  it('shows a simulate cell as a run output with its trace, verdicts and a summary', async () => {
    const notebook = cells(protocol, run);
    assert.ok((await host.execute(notebook, 0)).ok);
    const result = await host.execute(notebook, 1);
    assert.ok(result.ok, JSON.stringify(result.error));
    const output = result.outputs[0];
    assert.equal(output.mime, MIME.run);
    const data = output.data as { kind: string; seed: number; verdicts: { name: string; status: string }[]; trace: { events: unknown[] } };
    assert.equal(data.kind, 'protocol-notebook/run');
    assert.equal(data.seed, 3);
    assert.deepEqual(data.verdicts.map((v) => [v.name, v.status]), [['at most one pong', 'pass']]);
    assert.ok(data.trace.events.length > 0);
    assert.match(output.text, /seed 3/);
    assert.match(output.text, /✓ at most one pong/);
  });

  it('resolves named, renamed and namespace imports of the API, and names a missing export', async () => {
    const ok = await host.execute(cells("import * as pn from 'protocol-notebook';\nimport { simulate as run, node } from 'protocol-notebook';\n[typeof pn.simulate, typeof run, node === pn.node, typeof always]"), 0);
    assert.deepEqual(shown(ok), ['function', 'function', true, 'function']);
    const missing = await host.execute(cells("import { teleport } from 'protocol-notebook';"), 0);
    assert.equal(missing.error?.name, 'SyntaxError');
    assert.match(missing.error?.message ?? '', /does not provide an export named 'teleport'/);
  });

  it('records where each handler is (notebook cell, line, column) in the trace, for the chart to reveal', async () => {
    const result = await host.execute(cells(protocol, run), 1);
    const trace = (result.outputs[0].data as { trace: { handlers?: unknown[] } }).trace;
    assert.deepEqual(trace.handlers, [
      { kind: 'pinger', handler: 'pong', line: 5, column: 8, cell: 0 },
      { kind: 'pinger', handler: 'init', line: 4, column: 2, cell: 0 },
      { kind: 'pinger', handler: 'recover', line: 4, column: 2, cell: 0 },
      { kind: 'ponger', handler: 'ping', line: 10, column: 4, cell: 0 },
    ]);
  });

  it('gives the same run, byte for byte, when the cell is run again', async () => {
    const notebook = cells(protocol, run);
    const first = await host.execute(notebook, 1);
    const second = await host.execute(notebook, 1);
    assert.deepEqual(second.replayed, ['c0']);
    assert.equal(JSON.stringify(second.outputs), JSON.stringify(first.outputs));
  });

  it('maps an error thrown in a handler during simulate to the handler\'s line in its cell', async () => {
    const failing = cells(protocol.replace("{ type: 'ping', n: 1 }", "{ type: 'ping', n: -1 }"), run);
    const result = await host.execute(failing, 1);
    assert.equal(result.ok, false);
    assert.equal(result.error?.name, 'RangeError');
    assert.equal(result.error?.message, 'negative ping');
    assert.deepEqual(result.error?.position, { cellId: 'c0', line: 12, column: 27 });
    assert.match(result.error?.stack ?? '', /at ping \(cell 1, line 13, col 28\)/);
    assert.equal(result.outputs[0]?.mime, MIME.run, 'the run is still shown');
  });
});
