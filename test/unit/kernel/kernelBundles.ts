/**
 * Builds the kernel worker, the CLI and the engine sandbox bundle for tests, into a
 * fresh temporary directory (so tests never run a stale dist/), with the same
 * options as the rows of esbuild.mjs. Built once per test process.
 */
import { build, type BuildOptions } from 'esbuild';
import engineSandboxBundle from '../../../src/kernel/engineSandboxBundle.json';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

export interface KernelBundles {
  workerScript: string;
  /** The CLI, next to the worker as in dist/. */
  cliScript: string;
  /** Absent until src/engine/index.ts exists. */
  engineBundle?: string;
}

let built: Promise<KernelBundles> | undefined;

/** Paths of freshly built kernel bundles. */
export function kernelBundles(): Promise<KernelBundles> {
  built ??= buildBundles();
  return built;
}

async function buildBundles(): Promise<KernelBundles> {
  const dir = mkdtempSync(join(tmpdir(), 'pn-kernel-'));
  const workerScript = join(dir, 'kernelWorker.js');
  const cliScript = join(dir, 'cli.js');
  const engineEntry = join(root, 'src', 'engine', 'index.ts');
  const engineBundle = existsSync(engineEntry) ? join(dir, 'engineSandbox.js') : undefined;
  const node: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', external: ['vscode'] };
  await Promise.all([
    build({ ...node, entryPoints: [join(root, 'src', 'kernel', 'worker.ts')], outfile: workerScript }),
    build({ ...node, entryPoints: [join(root, 'src', 'cli', 'main.ts')], outfile: cliScript }),
    engineBundle &&
      build({ ...(engineSandboxBundle as BuildOptions), absWorkingDir: root, outfile: engineBundle, bundle: true, logLevel: 'warning' }),
  ]);
  return { workerScript, cliScript, engineBundle };
}
