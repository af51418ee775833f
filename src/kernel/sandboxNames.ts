/**
 * Names the rewritten cell code uses to reach the sandbox's own machinery
 * (defined by sandboxRuntime.ts inside the context). Prefixed so they do not
 * collide with a user's names.
 */
import engineSandboxBundle from './engineSandboxBundle.json';

export const SANDBOX = {
  /** Steps left before the budget is exceeded (a script-scope `let`, fast to decrement). */
  steps: '__pn_steps',
  /** Called when `steps` goes below zero: records where and throws StepBudgetExceeded. */
  outOfSteps: '__pn_outOfSteps',
  /** `import` of the protocol API: `__pn_import(module, name?)`. */
  importBinding: '__pn_import',
  /** The engine bundle's global (esbuild `globalName`). */
  engineGlobal: engineSandboxBundle.globalName,
} as const;

/** The only module a cell may import. */
export const API_MODULE = 'protocol-notebook';

/** The brand `simulate()` puts on its result (src/engine/simulate.ts). */
export const RUN_BRAND = 'protocol-notebook/run';
