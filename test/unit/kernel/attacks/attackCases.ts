/**
 * Hostile notebooks, one per route out of the sandbox or around its limits,
 * grouped by the class of attack they belong to. Each is the cells between
 * the escape kit (escapeKit.ts) and a last cell that must still run.
 */
import assert from 'node:assert/strict';

/** What the CLI printed for one run of a hostile notebook. */
export interface AttackRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

export interface AttackCase {
  name: string;
  kind: 'realm' | 'kernel-calls' | 'budget' | 'after-result' | 'resources' | 'determinism' | 'output' | 'throws';
  /** The hostile cells. */
  cells: string[];
  /** Extra options of `protocol-notebook run`. */
  args?: string[];
  /**
   * The hostile cell ends the kernel process (a time or memory limit): the last cell reports it as a failed cell
   * above instead of running (the escape kit names `Function`, so the analysis cannot tell what any cell needs).
   */
  endsKernel?: boolean;
  /** Also run through `explore` and `check` (the escape cases). */
  everyCommand?: boolean;
  /** Wall-clock limit of the whole run (the cell limit plus a few seconds). */
  limitMs?: number;
  /** What else the run must show. */
  expect?: (run: AttackRun) => void;
}

/** Escape, bell and the right-to-left override: none may reach the terminal raw. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_CONTROLS = new RegExp('[\\u001b\\u0007\\u202e]');

const inspectCustom = "Symbol.for('nodejs.util.inspect.custom')";

/** The run reported this error name for a cell. */
const reports = (name: string | RegExp) => (run: AttackRun) => assert.match(run.stdout, typeof name === 'string' ? new RegExp(`error: ${name}\\b`) : name, run.stdout);

export const attackCases: AttackCase[] = [
  // 1. Kernel-realm objects reaching cell code.
  { name: 'the rejection of a dynamic import()', kind: 'realm', everyCommand: true, cells: ["import('node:fs').catch((e: unknown) => tryEscape('import', e));"], expect: reports('ImportError') },
  { name: 'import() hidden behind a unicode escape', kind: 'realm', cells: ["\\u0069mport('node:fs').catch((e: unknown) => tryEscape('import', e));"] },
  {
    name: 'a util.inspect hook on a logged value',
    kind: 'realm',
    everyCommand: true,
    cells: [`console.log({ [${inspectCustom}](depth: unknown, options: unknown, inspect: unknown) { tryEscape('inspect', inspect); tryEscape('inspect options', options); return 'x'; } });`],
  },
  {
    name: 'a util.inspect hook on the cell value',
    kind: 'realm',
    cells: [`({ [${inspectCustom}](depth: unknown, options: unknown, inspect: unknown) { tryEscape('inspect', inspect); return 'x'; } })`],
  },
  {
    name: '%o on a proxy whose handler has an inspect hook',
    kind: 'realm',
    everyCommand: true,
    cells: [
      `const handler = { [${inspectCustom}](d: unknown, o: unknown, inspect: unknown) { tryEscape('handler inspect', inspect); return 'h'; }, get(t: object, k: PropertyKey, r: unknown) { tryEscape('get receiver', r); return Reflect.get(t, k); } };
console.log('%o', new Proxy({ a: 1 }, handler));`,
    ],
  },
  {
    name: 'Error.prepareStackTrace receiving CallSites',
    kind: 'realm',
    everyCommand: true,
    cells: [
      `try { (Error as any).prepareStackTrace = (e: unknown, sites: any[]) => { for (const s of sites) { tryEscape('callsite', s); try { tryEscape('callsite function', s.getFunction()); } catch {} try { tryEscape('callsite this', s.getThis()); } catch {} } return 'x'; }; } catch {}
throw new Error('read my stack');`,
    ],
    expect: reports('Error'),
  },
  {
    name: 'prepareStackTrace defined on Function.prototype',
    kind: 'realm',
    cells: [
      `try { Object.defineProperty(Function.prototype, 'prepareStackTrace', { value: (e: unknown, sites: any[]) => { sites.forEach((s) => { try { tryEscape('fp callsite', s.getThis()); } catch {} }); return 'x'; } }); } catch {}
throw new Error('read my stack');`,
    ],
  },
  {
    name: 'a global Error replaced with one that has prepareStackTrace',
    kind: 'realm',
    cells: [
      `try { (globalThis as any).Error = { prepareStackTrace: (e: unknown, sites: any[]) => { sites.forEach((s) => { try { tryEscape('fake Error callsite', s.getThis()); } catch {} }); return 'x'; } }; } catch {}
throw new TypeError('read my stack');`,
    ],
  },
  {
    name: 'an unhandled rejection with an inspect hook',
    kind: 'realm',
    everyCommand: true,
    cells: [`Promise.reject({ [${inspectCustom}](d: unknown, o: unknown, inspect: unknown) { tryEscape('unhandled inspect', inspect); return 'r'; } }); 'posted'`],
  },
  {
    name: 'a thenable cell value receiving the resolve functions',
    kind: 'realm',
    everyCommand: true,
    cells: [`({ then(resolve: (v: unknown) => void, reject: unknown) { tryEscape('then resolve', resolve); tryEscape('then reject', reject); resolve(1); } })`],
  },
  {
    name: 'toJSON and getters of a displayed value',
    kind: 'realm',
    cells: [`display({ toJSON(key: unknown) { tryEscape('toJSON this', this); return { key }; }, get g() { tryEscape('getter this', this); return 1; } });`],
  },
  {
    name: 'a stack overflow inside the sweep host',
    kind: 'realm',
    cells: [
      `const host = (globalThis as any).__protocolNotebookSweepHost;
function deep(n: number): number { try { return deep(n + 1); } catch (e) { try { host.begin(1, 1); } catch (inner) { tryEscape('overflow in host', inner); } tryEscape('overflow', e); return n; } }
deep(0);`,
    ],
  },
  {
    name: 'the sweep host given hostile arguments',
    kind: 'realm',
    cells: [
      `const host = (globalThis as any).__protocolNotebookSweepHost;
for (const args of [[{ toJSON() { tryEscape('begin toJSON', this); return 1; } }, 1], ['x', 'y'], [-1, 0], [1e300, 1e300]]) { try { host.begin(...args); } catch (e) { tryEscape('begin error', e); } }
try { host.finish({ toJSON() { tryEscape('finish toJSON', this); return []; } }); } catch (e) { tryEscape('finish error', e); }
tryEscape('host.begin', host.begin);`,
    ],
  },
  {
    name: 'the check threads given hostile arguments',
    kind: 'realm',
    cells: [
      `const threads = (globalThis as any).__protocolNotebookCheckThreads;
for (const workers of [{ valueOf() { tryEscape('begin valueOf', this); return 2; } }, 'x', -1, 1e300, 1]) { try { tryEscape('begin', threads.begin(workers)); } catch (e) { tryEscape('begin error', e); } }
try { threads.finish(); } catch (e) { tryEscape('finish error', e); }
tryEscape('threads.begin', threads.begin);`,
    ],
  },

  // 2. The kernel calling cell functions on cell values.
  { name: 'Array.prototype.map replaced', kind: 'kernel-calls', everyCommand: true, cells: ["try { Array.prototype.map = function (f: unknown) { tryEscape('map callback', f); return []; } as any; } catch {}\nconsole.log('a log'); display(1);"] },
  { name: 'Array.prototype.flatMap, find and forEach replaced', kind: 'kernel-calls', cells: ["for (const m of ['flatMap', 'find', 'forEach', 'filter', 'every']) { try { (Array.prototype as any)[m] = function (f: unknown) { tryEscape(m + ' callback', f); return []; }; } catch {} }\ndisplay(explore({ nodes: {}, properties: {} } as any, { seeds: 1 }));"] },
  {
    name: 'prototype pollution that makes every value look like a result',
    kind: 'kernel-calls',
    everyCommand: true,
    cells: ["try { (Object.prototype as any).kind = 'protocol-notebook/explore'; (Object.prototype as any).failures = { find(f: unknown) { tryEscape('polluted find', f); } }; } catch {}\n({ plain: true })"],
  },
  {
    // Array.prototype is locked, not frozen: its methods are fixed, but a cell may add to it, as to Object.prototype.
    name: 'a getter for the holes of every array and a new method on Array.prototype',
    kind: 'kernel-calls',
    everyCommand: true,
    cells: [
      "for (const k of [0, 1, 2, 3]) { try { Object.defineProperty(Array.prototype, k, { get() { tryEscape('hole getter', this); return undefined; }, configurable: true }); } catch {} }\ntry { Object.defineProperty(Array.prototype, 'toJSON', { value(this: unknown) { tryEscape('array toJSON', this); return 'x'; }, configurable: true }); } catch {}\nconst sparse: unknown[] = [];\nsparse[5] = 1;\nconsole.log(sparse, [1, , 3]);\ndisplay(sparse);\ndisplay(explore({ nodes: {}, properties: {} } as any, { seeds: 1 }));\n({ holes: [, , 1] })",
    ],
  },
  {
    // Array.prototype stays extensible, so its own prototype can be replaced: every lookup an array misses then reaches the cell's proxy.
    name: "a proxy as Array.prototype's prototype",
    kind: 'kernel-calls',
    everyCommand: true,
    cells: [
      "const spy = new Proxy(Object.create(null), { get(t: object, k: PropertyKey, r: unknown) { tryEscape('proto get receiver', r); return undefined; }, has(t: object, k: PropertyKey) { return false; }, set(t: object, k: PropertyKey, v: unknown, r: unknown) { tryEscape('proto set value', v); tryEscape('proto set receiver', r); return false; }, getOwnPropertyDescriptor() { return undefined; } });\ntry { Object.setPrototypeOf(Array.prototype, spy); } catch {}\nconst holes: unknown[] = [];\nholes[3] = 1;\nconsole.log(holes, [1, , 3]);\ndisplay(holes);\ndisplay(simulate({ nodes: {}, properties: {} } as any));\ndisplay(explore({ nodes: {}, properties: {} } as any, { seeds: 1 }));\n({ list: [, 1] })",
    ],
  },
  {
    // Object.prototype is left unfrozen (V8's fast paths), so a cell can put accessors on its index keys: every array write that misses reaches them.
    name: 'throwing, fixed index setters on Object.prototype',
    kind: 'kernel-calls',
    everyCommand: true,
    cells: [
      "for (let k = 0; k < 64; k++) { try { Object.defineProperty(Object.prototype, k, { get() { tryEscape('index getter', this); throw new Error('index getter'); }, set(v: unknown) { tryEscape('index setter this', this); tryEscape('index setter value', v); throw new Error('index setter'); }, configurable: false }); } catch {} }\nconsole.log('a log', { a: [1, 2] });\ndisplay([1, 2, 3]);\ntry { display(simulate({ nodes: {}, properties: {} } as any)); } catch (e) { console.log('simulate failed'); }\n({ list: [1, 2] })",
    ],
  },
  {
    name: 'throwing, fixed index setters on Array.prototype',
    kind: 'kernel-calls',
    everyCommand: true,
    cells: [
      "for (let k = 0; k < 64; k++) { try { Object.defineProperty(Array.prototype, k, { get() { tryEscape('index getter', this); throw new Error('index getter'); }, set(v: unknown) { tryEscape('index setter this', this); tryEscape('index setter value', v); throw new Error('index setter'); }, configurable: false }); } catch {} }\nconsole.log('a log', [1, 2]);\ndisplay({ n: 1 });\nconst loop: any = { name: 'x' }; loop.self = loop; display(loop);\n[1, 2]",
    ],
  },
  {
    // The careful encoding (of a value with a cycle) copies fields one by one: a setter of the same name must not receive them.
    name: 'setters on Object.prototype named like the fields of a value with a cycle',
    kind: 'kernel-calls',
    cells: [
      "for (const k of ['name', 'self', 'level', 'args', 'json', 'state', 'value', 'handlers', 'logs', 'displays']) { try { Object.defineProperty(Object.prototype, k, { set(v: unknown) { tryEscape('named setter this', this); tryEscape('named setter value', v); throw new Error('named setter'); }, configurable: false }); } catch {} }\nconst loop: any = {}; Object.defineProperty(loop, 'name', { value: 'x', enumerable: true }); Object.defineProperty(loop, 'self', { value: loop, enumerable: true });\nconsole.log(loop); display(loop);\nloop",
    ],
    expect: (run) => assert.match(run.stdout, /name/, run.stdout),
  },
  {
    // A property descriptor's fields are read with inherited ones: `get` on Object.prototype turns every literal descriptor into a broken accessor.
    name: 'get, set and value on Object.prototype, read by every property descriptor',
    kind: 'kernel-calls',
    cells: [
      "for (const k of ['get', 'set']) { try { Object.defineProperty(Object.prototype, k, { value(this: unknown, v: unknown) { tryEscape('descriptor ' + k, this); tryEscape('descriptor value', v); return 1; }, configurable: true }); } catch {} }\ntry { Object.defineProperty(Object.prototype, 'value', { get() { tryEscape('descriptor value getter', this); return 1; }, configurable: true }); } catch {}\nconst e = new Error('mine'); try { e.name = 'Mine'; } catch {}\nconsole.log('a log', e.name); display([1]);\ntry { display(simulate({ nodes: {}, properties: {} } as any)); } catch {}\nthrow new TypeError('after the pollution');",
      'for (;;) {}',
    ],
    expect: (run) => {
      reports('TypeError')(run);
      reports('StepBudgetExceeded')(run);
      assert.match(run.stdout, /log: a log Mine$/m, run.stdout);
    },
  },
  {
    // JSON.stringify calls a toJSON it inherits: the runtime's own error reports and lists must not inherit one.
    name: 'toJSON on Object.prototype and Array.prototype, forging what the kernel reads',
    kind: 'kernel-calls',
    everyCommand: true,
    cells: [
      "const forged = { state: 'value', name: 'Forged', message: 'forged', isObject: true, json: 'forged', logs: null, displays: null };\nfor (const proto of [Object.prototype, Array.prototype]) { try { Object.defineProperty(proto, 'toJSON', { value(this: unknown) { tryEscape('toJSON this', this); return forged; }, configurable: false }); } catch {} }",
      "throw new RangeError('the real error');",
      "let kept = 1;\nthrow 'a thrown string';",
    ],
    expect: (run) => {
      assert.match(run.stdout, /error: RangeError: the real error$/m, run.stdout);
      assert.match(run.stdout, /error: Error: Uncaught "a thrown string"$/m, run.stdout);
      assert.doesNotMatch(run.stdout, /Forged/, run.stdout);
    },
  },
  { name: 'Object.defineProperty on Object.prototype', kind: 'kernel-calls', cells: ["try { Object.defineProperty(Object.prototype, 'verdicts', { get() { tryEscape('polluted getter', this); return []; } }); } catch {}\n({ plain: true })"] },
  {
    name: 'a value forged to look like an explore() result',
    kind: 'kernel-calls',
    everyCommand: true,
    cells: ["({ kind: 'protocol-notebook/explore', ok: false, failures: { find(f: unknown) { tryEscape('forged find', f); }, length: 1 }, stats: 5, seedsRun: 'x' })"],
  },
  { name: 'a value forged to look like a run', kind: 'kernel-calls', cells: ["({ kind: 'protocol-notebook/run', ok: true, seed: 1, verdicts: 'none', stats: { get events() { tryEscape('forged stats', this); return 1; } } })"] },
  { name: 'an array with an own map method as a log argument', kind: 'kernel-calls', cells: ["const a: any = [1, 2]; a.map = (f: unknown) => tryEscape('own map', f); a.join = (s: unknown) => tryEscape('own join', s); console.log(a); display(a);"] },

  // 3. The step budget.
  { name: 'a loop hidden from the rewriter by an HTML-like comment', kind: 'budget', args: ['--timeout', '8000'], cells: ['let y = 0, s: any = 1 <!--y + `\nwhile (true) {}\n// `'], expect: reports('StepBudgetExceeded') },
  { name: 'a loop after a --> comment line', kind: 'budget', args: ['--timeout', '8000'], cells: ['let z = 0;\n--> while (true) {}\nfor (;;) {}'], expect: reports(/error: (StepBudgetExceeded|SyntaxError)/) },
  { name: '`await /x/g`: a regular expression to one parser, a division to the other', kind: 'budget', args: ['--timeout', '8000'], cells: ['let await = 1, x = 1, g = 1;\nawait /x/g; while (true) {} //'], expect: reports(/error: (StepBudgetExceeded|SyntaxError)/) },
  { name: 'the step counter set by name', kind: 'budget', args: ['--timeout', '8000'], cells: ['__pn_steps = Infinity;\nwhile (true) {}'], expect: reports('SyntaxError') },
  { name: 'the step counter set through a unicode escape', kind: 'budget', args: ['--timeout', '8000'], cells: ['\\u005f_pn_steps = Infinity;\nwhile (true) {}'], expect: reports('SyntaxError') },
  { name: "the kernel's control object called by name", kind: 'budget', args: ['--timeout', '8000'], cells: ['__pn_kernel.begin(1e300, 0);\n__pn_outOfSteps(1, 0, 0);'], expect: reports('SyntaxError') },
  { name: 'the step counter as a global property', kind: 'budget', args: ['--timeout', '8000'], cells: ["(globalThis as any)['__pn_steps'] = Infinity;\nwhile (true) {}"], expect: reports('StepBudgetExceeded') },
  { name: "a sort driven by the cell's comparator", kind: 'budget', args: ['--timeout', '8000', '--step-budget', '300000'], cells: ['Array.from({ length: 1000 }, (_, i) => i).sort(() => { for (;;) {} });'], expect: reports('StepBudgetExceeded') },
  { name: "Array.from driven by the cell's endless iterator", kind: 'budget', args: ['--timeout', '8000', '--step-budget', '300000'], cells: ['Array.from({ [Symbol.iterator]: () => ({ next: () => ({ done: false, value: 1 }) }) });'], expect: reports('StepBudgetExceeded') },
  { name: 'a Map built from an endless generator', kind: 'budget', args: ['--timeout', '8000', '--step-budget', '300000'], cells: ['function* pairs() { let i = 0; for (;;) yield [i++, i]; }\nnew Map(pairs() as any);'], expect: reports('StepBudgetExceeded') },
  { name: 'String.replace driven by a callback', kind: 'budget', args: ['--timeout', '8000', '--step-budget', '300000'], cells: ["'a'.repeat(1_000_000).replace(/a/g, () => 'b');"], expect: reports('StepBudgetExceeded') },
  { name: 'getters driven by JSON.stringify', kind: 'budget', args: ['--timeout', '8000', '--step-budget', '300000'], cells: ['const loop: any = { get x() { return { get y() { for (;;) {} } }; } };\nJSON.stringify(loop);'], expect: reports('StepBudgetExceeded') },

  // 4. Work after the result.
  { name: 'a microtask chain queued after the value', kind: 'after-result', args: ['--timeout', '8000', '--step-budget', '300000'], cells: ["const spin = (): Promise<unknown> => Promise.resolve().then(spin);\nspin();\n'value posted'"], expect: reports('StepBudgetExceeded') },
  { name: 'a microtask chain with the budget off', kind: 'after-result', endsKernel: true, args: ['--timeout', '2000', '--step-budget', '0'], limitMs: 12_000, cells: ["const spin = (): Promise<unknown> => Promise.resolve().then(spin);\nspin();\n'value posted'"], expect: reports('Timeout') },
  { name: 'a promise that never settles', kind: 'after-result', limitMs: 6000, cells: ['new Promise(() => {})'], expect: reports('UnsettledPromise') },
  { name: 'an async loop awaiting forever', kind: 'after-result', args: ['--timeout', '8000', '--step-budget', '300000'], cells: ['(async () => { for (;;) await null; })()'], expect: reports('StepBudgetExceeded') },

  // 5. Resources.
  { name: 'a 500 MB value shown', kind: 'resources', endsKernel: true, limitMs: 40_000, cells: ["display('x'.repeat(500_000_000));"], expect: reports(/error: (OutOfMemory|OutputTooLarge)\b/) },
  { name: 'ArrayBuffers held off the heap', kind: 'resources', endsKernel: true, args: ['--memory', '256', '--step-budget', '0'], limitMs: 20_000, cells: ['const held: Uint8Array[] = [];\nfor (let i = 0; i < 40; i++) { const b = new Uint8Array(100_000_000); b.fill(1); held.push(b); }'], expect: reports('OutOfMemory') },
  { name: 'a 500 MB message in a simulation', kind: 'resources', endsKernel: true, limitMs: 40_000, cells: ["const Big = node<{}, any>({ init: () => ({}), start(_s, ctx) { ctx.send('sink', { type: 'big', blob: 'x'.repeat(500_000_000) }); }, on: {} });\nconst Sink = node<{}, any>({ init: () => ({}), on: { big() {} } });\nsimulate({ nodes: { big: Big, sink: Sink }, properties: {}, seed: 1 });"], expect: reports(/error: (OutOfMemory|OutputTooLarge|RangeError)\b/) },
  { name: 'a 500 MB log line', kind: 'resources', limitMs: 40_000, cells: ["console.log('y'.repeat(500_000_000));"], expect: (run) => assert.ok(run.stdout.length < 2_000_000, `printed ${run.stdout.length} characters`) },
  { name: 'check helper threads started over and over', kind: 'resources', args: ['--step-budget', '0'], cells: ["const threads = (globalThis as any).__protocolNotebookCheckThreads;\nfor (let i = 0; i < 200; i++) { threads.begin(16); try { threads.finish(); } catch {} }"] },
  { name: 'helper threads started over and over through the sweep host', kind: 'resources', args: ['--step-budget', '0'], cells: ["const host = (globalThis as any).__protocolNotebookSweepHost;\nfor (let i = 0; i < 200; i++) { host.begin(1_000_000, 16); host.claim(); try { host.finish([]); } catch {} }"] },

  // 6. Nondeterminism.
  { name: 'Intl formatting without a date', kind: 'determinism', cells: ['console.log(new Intl.DateTimeFormat().format(), new Intl.DateTimeFormat().formatToParts().length)'], expect: (run) => assert.match(run.stdout, /log: 1\/1\/2000 \d+$/m) },
  { name: 'the stack a cell reads', kind: 'determinism', cells: ["console.log(new Error('where am I').stack);\ntry { (simulate as any)(null); } catch (e) { console.log((e as Error).stack); }"], expect: (run) => {
      const logged = run.stdout.split('\n').filter((line) => line.includes(': log: ')).map((line) => line.slice(line.indexOf(': log: ') + 7));
      assert.ok(logged.some((line) => /at protocol-notebook-cell-\d+\.js/.test(line)), run.stdout);
      assert.deepEqual(logged.filter((line) => /\/(work|tmp|home|usr|root)\/|node:|kernelWorker|kernelProcess|\.ts\b/.test(line)), []);
    },
  },

  // 7. Output injection.
  { name: 'a property name with a newline and a fake verdict', kind: 'output', cells: ["simulate({ nodes: {}, properties: { 'fails\\n  ✓ everything holds': always(() => false) }, seed: 1 });"], expect: (run) => assert.doesNotMatch(run.stdout, /^ {2}✓ everything holds/m) },
  { name: 'terminal escape sequences in a log (title, clipboard)', kind: 'output', cells: ["console.log('\\u001b]0;owned\\u0007\\u001b]52;c;ZXZpbA==\\u0007\\u001b[2J');"], expect: (run) => assert.doesNotMatch(run.stdout, TERMINAL_CONTROLS) },
  { name: 'a log line posing as a verdict', kind: 'output', cells: ["console.log('  ✓ balance never negative\\nok: 9 cells, 9 simulations (0 with violations), 0 failing cells');"], expect: (run) => assert.doesNotMatch(run.stdout, /^( {2}✓ balance|ok: 9 cells)/m) },
  { name: 'escape sequences in an error message', kind: 'output', cells: ["throw new Error('\\u001b[31mred\\u001b]0;title\\u0007\\u202etxet');"], expect: (run) => assert.doesNotMatch(run.stdout, TERMINAL_CONTROLS) },

  // Found attacking the result once more.
  { name: 'a forged run whose fields have the wrong types', kind: 'kernel-calls', cells: ["({ kind: 'protocol-notebook/run', ok: false, seed: 1, verdicts: [{ name: 'x', status: 'fail', message: 5, at: 'soon' }], stats: { events: 1, messagesSent: 1, deliveries: 1, dropped: 0, duplicatesDelivered: 0, timersFired: 0, crashes: 0 }, error: { name: 1, message: {} } })"] },
  { name: 'a __proto__ key in a value, to give the kernel an object a prototype', kind: 'kernel-calls', cells: ["JSON.parse('{\"__proto__\": {\"kind\": \"protocol-notebook/run\", \"toString\": 5, \"verdicts\": 1}, \"a\": 1}')"] },
  { name: 'a value nested 20,000 levels deep', kind: 'resources', cells: ['let deep: unknown = 1;\nfor (let i = 0; i < 20_000; i++) deep = [deep];\ndisplay(deep); console.log(deep);'] },
  { name: 'a getter that logs while the kernel encodes the log', kind: 'after-result', args: ['--timeout', '8000', '--step-budget', '0'], cells: ['const again: any = { get x() { console.log(again); display(again); return 1; } };\nconsole.log(again); display(again);'] },

  {
    name: 'a Map whose size, entries and iterator throw, and an object posing as a Map',
    kind: 'kernel-calls',
    cells: ["class Sneaky extends Map { get size(): number { throw new Error('no'); } entries(): any { throw new Error('no'); } [Symbol.iterator](): any { throw new Error('no'); } }\nconst sneaky = new Sneaky([['k', 1]]);\nconst poser = { [Symbol.toStringTag]: 'Map', size: 3 };\ndisplay({ sneaky, poser }); console.log(sneaky, poser);"],
    expect: (run) => assert.match(run.stdout, /log: Map\(1\) \{ 'k' => 1 \} \{ size: 3 \}$/m, run.stdout),
  },

  // 8. Odd throws.
  { name: 'a revoked proxy thrown', kind: 'throws', cells: ['const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); throw proxy;'] },
  { name: 'an object with throwing getters thrown', kind: 'throws', cells: ["throw { get name() { throw new Error('name'); }, get message() { throw new Error('message'); }, get stack() { throw new Error('stack'); } };"] },
  { name: 'an object whose toString and toPrimitive throw', kind: 'throws', cells: ["throw { toString() { throw new Error('no'); }, [Symbol.toPrimitive]() { throw new Error('no'); }, name: { toString() { throw 1; } } };"] },
  { name: 'primitives and functions thrown', kind: 'throws', cells: ["try { throw Symbol('s'); } catch (e) { display(String(e)); }\nthrow () => tryEscape('thrown function', null);"] },
  { name: 'an error whose name getter loops', kind: 'throws', args: ['--timeout', '8000'], cells: ['class Looping extends Error { get name(): string { for (;;) {} } }\nthrow new Looping();'] },
  { name: 'a proxy thrown whose traps try the routes', kind: 'throws', everyCommand: true, cells: ["throw new Proxy({}, { get(t, k, r) { tryEscape('thrown proxy get', r); return undefined; }, getPrototypeOf(t) { tryEscape('thrown proxy proto', t); return null; }, ownKeys(t) { tryEscape('thrown proxy keys', t); return []; } });"] },
];
