/**
 * Builds the kernel worker, the CLI with the lint bundle beside it (it carries
 * TypeScript, for type checking and the dependency analysis) and the engine
 * sandbox bundle for tests, into a fresh temporary directory (so tests never
 * run a stale dist/), with the same options as the rows of esbuild.mjs. Built
 * once per test process.
 */
import { build, type BuildOptions } from 'esbuild';
import engineSandboxBundle from '../../../src/kernel/engineSandboxBundle.json';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KernelHost, type KernelHostOptions } from '../../../src/kernel/host';

const root = join(__dirname, '..', '..', '..');

export interface KernelBundles {
  workerScript: string;
  /** The CLI, next to the worker and the lint bundle (lint.js) as in dist/. */
  cliScript: string;
  /** Absent until src/api/index.ts exists. */
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
  const engineEntry = join(root, 'src', 'api', 'index.ts');
  const engineBundle = existsSync(engineEntry) ? join(dir, 'engineSandbox.js') : undefined;
  const node: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', external: ['vscode'] };
  await Promise.all([
    build({ ...node, entryPoints: [join(root, 'src', 'kernel', 'worker.ts')], outfile: workerScript }),
    build({ ...node, entryPoints: [join(root, 'src', 'kernel', 'process', 'kernelProcess.ts')], outfile: join(dir, 'kernelProcess.js') }),
    build({ ...node, entryPoints: [join(root, 'src', 'cli', 'main.ts')], outfile: cliScript }),
    build({ ...node, entryPoints: [join(root, 'src', 'cli', 'commands', 'lint.ts')], outfile: join(dir, 'lint.js') }),
    engineBundle &&
      build({ ...(engineSandboxBundle as BuildOptions), absWorkingDir: root, outfile: engineBundle, bundle: true, logLevel: 'warning' }),
  ]);
  return { workerScript, cliScript, engineBundle };
}

/**
 * Kernel hosts on the built bundles for one suite: call `setUp` in `before`
 * and `disposeAll` in `after`; `newHost` gives a host with the suite's
 * settings, overridden by `extra`.
 */
export function kernelHosts(settings: Omit<KernelHostOptions, 'workerScript' | 'engineBundle'>) {
  let options: KernelHostOptions | undefined;
  const hosts: KernelHost[] = [];
  return {
    async setUp(): Promise<void> {
      const { workerScript, engineBundle } = await kernelBundles();
      options = { workerScript, engineBundle, ...settings };
    },
    newHost(extra: Partial<KernelHostOptions> = {}): KernelHost {
      if (!options) throw new Error('kernelHosts: call setUp() first');
      const host = new KernelHost({ ...options, ...extra });
      hosts.push(host);
      return host;
    },
    disposeAll(): void {
      hosts.forEach((h) => h.dispose());
    },
  };
}
