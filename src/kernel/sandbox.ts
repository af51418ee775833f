/**
 * One `node:vm` context in which a notebook's cells run, one after another,
 * sharing their top-level declarations. The context has only JavaScript's own
 * globals plus what sandboxRuntime.ts defines and the engine's API: no
 * `require`, `process`, timers, file system or network; string code
 * generation (`eval`, `new Function`) and WebAssembly are disabled, so every
 * piece of code that runs has been through the step-check rewriter; and its
 * intrinsics are frozen before the first cell.
 *
 * The boundary: this class hands the realm only primitives (and values the
 * realm produced, passed back unread) and takes back only strings, which it
 * parses here. It never reads a property of, or calls, a value a cell made.
 * Microtasks run inside the evaluation that queued them (`afterEvaluate`),
 * so nothing a cell queued can run after its result was taken.
 */
import * as vm from 'node:vm';
import { fastBuiltins } from './fastBuiltins';
import { RUN_BRAND, SANDBOX } from './sandboxNames';
import { runtimeScript, scopeScript, type Collected, type Outcome, type RuntimeSettings, type SandboxControl, type ScopeHandle } from './sandboxRuntime';
import { SWEEP_HOST_GLOBAL } from '../check/explore/sweepHost';
import { CHECK_THREADS_GLOBAL } from '../check/modelCheck/checkThreads';


/** Script names used in stack traces; cellScriptName(n) is recognised by the stack mapper. */
export const SCRIPT_NAMES = {
  prelude: 'protocol-notebook-sandbox.js',
  engine: 'protocol-notebook-engine.js',
  cellPrefix: 'protocol-notebook-cell-',
} as const;

/** The file name under which compiled script number `scriptId` runs. */
export function cellScriptName(scriptId: number): string {
  return `${SCRIPT_NAMES.cellPrefix}${scriptId}.js`;
}

/** What `Date.now()` returns in a cell: 2000-01-01T00:00:00Z. */
export const FROZEN_NOW = 946684800000;

/** Console lines kept per cell; the rest are counted. */
export const MAX_LOG_LINES = 10_000;

/** `display()` values kept per cell. */
export const MAX_DISPLAYS = 100;

/** Console output kept per cell, in characters of JSON. */
export const MAX_LOG_CHARS = 1_000_000;

/** A value (a run with its trace, say) shown at most this large, in characters of JSON. */
export const MAX_VALUE_CHARS = 64 * 1024 * 1024;

/** What the sandbox runtime is told: its limits and the names it uses (the bench's realm of bench/support/sandboxRealm.ts takes the same). */
export const runtimeSettings: RuntimeSettings = {
  frozenNow: FROZEN_NOW,
  maxLogLines: MAX_LOG_LINES,
  maxDisplays: MAX_DISPLAYS,
  maxValueChars: MAX_VALUE_CHARS,
  maxLogChars: MAX_LOG_CHARS,
  stackTraceLimit: 50,
  runBrand: RUN_BRAND,
  ownScriptPrefix: 'protocol-notebook-',
  apiModule: 'protocol-notebook',
  engineGlobal: SANDBOX.engineGlobal,
  sweepHostGlobal: SWEEP_HOST_GLOBAL,
  checkThreadsGlobal: CHECK_THREADS_GLOBAL,
  outOfStepsName: SANDBOX.outOfSteps,
};

/** Compiled once per process, run in every fresh context. */
const scopeCompiled = new vm.Script(scopeScript, { filename: SCRIPT_NAMES.prelude });
const runtimeCompiled = new vm.Script(runtimeScript(), { filename: SCRIPT_NAMES.prelude });
const fastBuiltinsCompiled = new vm.Script(fastBuiltins, { filename: SCRIPT_NAMES.prelude });
const drainCompiled = new vm.Script('void 0', { filename: SCRIPT_NAMES.prelude });

export interface SandboxOptions {
  /** The engine bundle (an IIFE defining SANDBOX.engineGlobal), compiled once by the caller; absent when not built. */
  engine?: vm.Script;
  /** Overrides the seed of every `simulate` call. */
  seed?: number;
  /** The kernel's side of explore()'s sweep host (SweepBridge.call); absent: sweeps run alone. */
  sweep?: (op: string, arg: string) => string;
}

export class Sandbox {
  private readonly context: vm.Context;
  private readonly control: SandboxControl;

  constructor(options: SandboxOptions) {
    this.context = vm.createContext(Object.create(null), {
      name: 'protocol-notebook cells',
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    const scope = scopeCompiled.runInContext(this.context) as ScopeHandle;
    const runtime = runtimeCompiled.runInContext(this.context) as (settingsJson: string, scope: ScopeHandle) => SandboxControl;
    this.control = runtime(JSON.stringify(runtimeSettings), scope);
    fastBuiltinsCompiled.runInContext(this.context);
    if (options.engine) this.loadEngine(options.engine);
    this.control.installApi(options.seed ?? null);
    if (options.sweep) this.control.installSweepHost(options.sweep);
    this.control.harden();
  }

  private loadEngine(engine: vm.Script): void {
    try {
      engine.runInContext(this.context);
    } catch {
      // A bug of the build (the bundle needs a global the sandbox does not have), not of the cell.
      throw new Error('The protocol-notebook engine could not be loaded in the cell sandbox.');
    }
  }

  /**
   * Evaluates a compiled cell and every microtask it queues. Returns what it
   * came to: a value, a throw, or a promise that can never settle. The value
   * stays in the realm until `collect`/`outcome` turn it into JSON.
   */
  evaluate(code: string, scriptId: number, stepBudget: number, randomSeed: number): Outcome {
    this.control.begin(stepBudget, randomSeed);
    // A syntax error here is V8's, made in this realm: safe to read.
    const script = new vm.Script(code, { filename: cellScriptName(scriptId) });
    try {
      this.control.settle(script.runInContext(this.context));
    } catch (thrown) {
      // Thrown by the cell's realm: handed back unread.
      this.control.settleThrown(thrown);
    }
    // Promise reactions of a settled value were queued after the evaluation: run them now.
    drainCompiled.runInContext(this.context);
    return JSON.parse(this.control.outcome()) as Outcome;
  }

  /** Where the step budget ran out during the last `evaluate`, if it did. */
  stepBudgetHit(): { script: number; line: number; column: number } | undefined {
    const hit = this.control.budgetHit();
    if (typeof hit !== 'string' || hit === '') return undefined;
    const [script, line, column] = hit.split(',').map(Number);
    return { script, line, column };
  }

  /**
   * The JSON of the top-level bindings `names` (identifiers the cells
   * declared), as the realm encodes them; '' for one not initialised yet.
   */
  readBindings(names: readonly string[]): string[] {
    if (names.length === 0) return [];
    const reads = names.map((name) => `(() => { try { return ${name}; } catch { return undefined; } })()`).join(', ');
    const values: unknown = new vm.Script(`[${reads}]`, { filename: SCRIPT_NAMES.prelude }).runInContext(this.context);
    return JSON.parse(this.control.encodeEach(values)) as string[];
  }

  /** Console lines and `display()` values since the last call, as plain data. */
  collect(): Collected {
    return JSON.parse(this.control.collect()) as Collected;
  }
}
