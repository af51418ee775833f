import { join } from 'node:path';

/**
 * How a kernel process is started: its Node flags and its environment. The
 * environment is not the caller's: only a fixed time zone and locale (so no
 * reading of time or locale depends on the machine), nothing secret.
 */

/** Node's flag for its permission model: named so in Node 20–23.4, `--permission` from 23.5 on. */
function permissionFlag(): string | undefined {
  if (process.versions.electron) return undefined; // Electron's Node does not offer it.
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20) return undefined;
  return major > 23 || (major === 23 && minor >= 5) ? '--permission' : '--experimental-permission';
}

/**
 * Flags of the kernel process: its heap limit; no code generated from
 * strings in the kernel's own realm (the cells' realm has it off anyway);
 * and, where Node has the permission model, reading only the kernel's
 * bundles, writing nothing, starting no process, loading no native addon.
 */
export function kernelProcessArgs(bundleDir: string, engineDir: string, memoryMb: number): string[] {
  const args = [`--max-old-space-size=${memoryMb}`, '--disallow-code-generation-from-strings', '--no-warnings'];
  const permission = permissionFlag();
  if (permission) {
    args.push(permission, '--allow-worker', `--allow-fs-read=${join(bundleDir, '*')}`);
    if (engineDir !== bundleDir) args.push(`--allow-fs-read=${join(engineDir, '*')}`);
  }
  return args;
}

/** The kernel process's whole environment. */
export function kernelProcessEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { TZ: 'UTC', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' };
  // Inside VS Code, process.execPath is Electron: this makes it run as plain Node.
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  return env;
}

/**
 * What the kernel process may hold beyond the cells' heap limit before it is
 * ended: its own code (Node, the bundles, two V8 heaps) takes about 100 MB.
 */
export const KERNEL_BASE_MB = 128;
