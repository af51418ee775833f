/**
 * One `node:vm` context in which a notebook's cells run, one after another,
 * sharing their top-level declarations. The context has only JavaScript's own
 * globals plus what sandboxPrelude.ts defines and the engine's API: no
 * `require`, `process`, timers, file system or network, and string code
 * generation (`eval`, `new Function`) and WebAssembly are disabled, so every
 * piece of code that runs has been through the step-check rewriter.
 */
import * as vm from 'node:vm';
import { CONTROL, fastBuiltins, sandboxPrelude, type SandboxControl } from './sandboxPrelude';
import { SANDBOX } from './sandboxNames';

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

/** Compiled once per worker, run in every fresh context. */
const preludeScript = new vm.Script(sandboxPrelude, { filename: SCRIPT_NAMES.prelude });
const fastBuiltinsScript = new vm.Script(fastBuiltins, { filename: SCRIPT_NAMES.prelude });

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
    });
    preludeScript.runInContext(this.context);
    fastBuiltinsScript.runInContext(this.context);
    this.control = vm.runInContext(CONTROL, this.context) as SandboxControl;
    this.control.installApi(options.engine && this.loadEngine(options.engine), options.seed);
    if (options.sweep) this.control.installSweepHost(options.sweep);
  }

  private loadEngine(engine: vm.Script): unknown {
    try {
      engine.runInContext(this.context);
    } catch (error) {
      // A bug of the build (the bundle needs a global the sandbox does not have), not of the cell.
      throw new Error(`The protocol-notebook engine could not be loaded in the cell sandbox: ${(error as Error).message}`);
    }
    return vm.runInContext(`globalThis.${SANDBOX.engineGlobal}`, this.context);
  }

  /**
   * Evaluates a compiled cell; resolves to its completion value (the value of
   * its last expression statement). Throws what the cell throws.
   */
  evaluate(code: string, scriptId: number, stepBudget: number, randomSeed: number): unknown {
    this.control.begin(stepBudget, randomSeed);
    const script = new vm.Script(code, { filename: cellScriptName(scriptId) });
    return script.runInContext(this.context);
  }

  /** Where the step budget ran out during the last `evaluate`, if it did. */
  stepBudgetHit(): { script: number; line: number; column: number } | undefined {
    const hit = this.control.stepBudgetHit();
    return hit ? { script: Number(hit.script), line: Number(hit.line), column: Number(hit.column) } : undefined;
  }

  /** Console lines since the last call, as `[level, args]` (args are sandbox values). */
  takeLogs(): [string, unknown[]][] {
    return this.control.takeLogs();
  }

  /** Values passed to `display()` since the last call. */
  takeDisplays(): unknown[] {
    return this.control.takeDisplays();
  }
}
