/**
 * A cell realm as src/kernel/sandbox.ts makes it (the same runtime, fast
 * builtins and engine sandbox bundle, in a vm context with string code
 * generation off), with the last step, the runtime's `harden()` (our freeze
 * of the realm's intrinsics), optional, for bench/sesEvaluation.bench.ts.
 * Scripts run as given: no step checks, so the figure is the freeze's alone.
 */
import * as vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync, transformSync } from 'esbuild';
import engineSandboxBundle from '../../src/kernel/engineSandboxBundle.json';
import { fastBuiltins } from '../../src/kernel/fastBuiltins';
import { runtimeSettings } from '../../src/kernel/sandbox';
import { runtimeScript, scopeScript, type SandboxControl, type ScopeHandle } from '../../src/kernel/sandboxRuntime';

const root = join(__dirname, '..', '..');


let engine: vm.Script | undefined;
/** The engine sandbox bundle (esbuild.mjs's row), built in memory once. */
function engineScript(): vm.Script {
  if (engine) return engine;
  const { entryPoints, outfile: _outfile, ...options } = engineSandboxBundle as typeof engineSandboxBundle & { platform: 'neutral'; format: 'iife' };
  const built = buildSync({ ...options, entryPoints: entryPoints.map((e) => join(root, e)), bundle: true, write: false, logLevel: 'warning' });
  engine = new vm.Script(built.outputFiles[0].text, { filename: 'protocol-notebook-engine.js' });
  return engine;
}

/** bench/protocols/throughput.ts as a script for the realm: its import dropped (the API is also global there), its exports made plain bindings. */
export const throughputScript = transformSync(
  readFileSync(join(root, 'bench', 'protocols', 'throughput.ts'), 'utf8').replace(/^import .*$/m, '').replace(/^export /gm, ''),
  { loader: 'ts' },
).code;

/** A realm with the engine's API installed; frozen by our `harden()` when `frozen`. Returns a function that runs a script there and returns its number. */
export function sandboxRealm(frozen: boolean): (code: string) => number {
  const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
  const scope = new vm.Script(scopeScript).runInContext(context) as ScopeHandle;
  const runtime = new vm.Script(runtimeScript()).runInContext(context) as (settingsJson: string, scope: ScopeHandle) => SandboxControl;
  const control = runtime(JSON.stringify(runtimeSettings), scope);
  new vm.Script(fastBuiltins).runInContext(context);
  engineScript().runInContext(context);
  control.installApi(null);
  if (frozen) control.harden();
  return (code) => Number(new vm.Script(code).runInContext(context));
}
