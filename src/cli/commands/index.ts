/**
 * The CLI's commands, one row each: a summary for the usage text, and the
 * module that runs it, loaded only when the command is run (so `run` does
 * not pay for loading TypeScript, which `lint` carries, unless it type-checks
 * or a cell ends the kernel). Add a command by adding its module here.
 */
import { createRequire } from 'node:module';
import type { NotebookNeeds } from '../../common/cellNeeds';

const requireHere = createRequire(__filename);

/** A command's module. */
export interface CliCommandModule {
  /** Runs the command with its arguments; resolves to the process exit code. */
  main(args: string[]): Promise<number>;
}

export interface CliCommand {
  summary: string;
  load(): Promise<CliCommandModule>;
}

/**
 * A command module that esbuild.mjs bundles on its own, beside the CLI: esbuild
 * cannot follow a path computed at run time, so the module stays out of the
 * CLI bundle, and at run time `./name.js` is the bundle next to dist/cli.js (or,
 * run from source, the module itself). For `lint`, which carries TypeScript
 * (about 9 MB that every other command would otherwise parse at start-up).
 */
function bundledApart(path: string): string {
  return path;
}

/**
 * Loads a module bundled apart. Required rather than imported: the bundle is
 * CommonJS, and `import()` of it first scans all its 9 MB for the names it
 * exports, which doubles the time it takes to load.
 */
function loadApart<T>(path: string): Promise<T> {
  return new Promise<T>((resolve) => resolve(requireHere(bundledApart(path)) as T));
}

/** The part of the lint bundle the other commands use: the notebook's type errors (see lint.ts). */
export interface TypeChecker {
  notebookTypeErrors(text: string, fileName: string): string[];
}

/** Loads the type checker, which carries TypeScript: only when a command type-checks. */
export function loadTypeChecker(): Promise<TypeChecker> {
  return loadApart<TypeChecker>('./lint.js');
}

/** The part of the lint bundle `run` uses after a cell ends the kernel: which cells each cell needs (see lint.ts). */
export interface DependencyAnalysis {
  notebookCellNeeds(cells: readonly { index: number; source: string }[]): NotebookNeeds;
}

/** Loads the dependency analysis, which carries TypeScript: only once a cell has ended the kernel. */
export function loadDependencyAnalysis(): Promise<DependencyAnalysis> {
  return loadApart<DependencyAnalysis>('./lint.js');
}

export const commands: Record<string, CliCommand> = {
  run: { summary: 'run a notebook\'s cells headless and report every property verdict', load: () => import('./run') },
  linearizable: { summary: 'check recorded histories for linearizability (register or key–value store)', load: () => import('./linearizable') },
  lint: { summary: 'report message handlers that a duplicate delivery would apply twice', load: () => loadApart<CliCommandModule>('./lint.js') },
  explore: { summary: 'run every explore() seed sweep of a notebook, in parallel and in shards', load: () => import('./explore') },
  check: { summary: 'run every check() of a notebook (exhaustive model checking) and report its verdicts', load: () => import('./check') },
  merge: { summary: 'merge the --json reports of sharded explore (or check) jobs into one report', load: () => import('./merge') },
};
