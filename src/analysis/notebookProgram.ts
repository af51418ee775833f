/**
 * The notebook as one TypeScript program: its code cells, in order, are one
 * virtual file (see cellMap.ts) that imports the `protocol-notebook` module
 * (the engine's own types, see protocolApi.ts), served by a long-lived
 * `ts.LanguageService`. Updating a cell bumps
 * the file's version and hands the service the changed span, so it reparses
 * incrementally and keeps the library files it has already parsed.
 *
 * Everything that needs types or syntax of the notebook — the idempotency
 * analysis now, completion, hover and cross-cell errors later — takes its
 * program, checker and source file from here rather than building its own.
 */
import * as ts from 'typescript';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { buildCellMap, cellPositionAt, cellRangeOf, type CellMap, type CellPosition, type CellRange, type ProgramCell, virtualOffsetOf } from './cellMap';
import { findProtocolApi, protocolApiModule, type ProtocolApiLocation } from './protocolApi';
import { exportedValueNames, kernelGlobalsDeclaration, kernelGlobalsFileName } from './languageFeatures/kernelGlobals';

/** Each program's virtual file has its own name: the shared registry keys files by name. */
let programsCreated = 0;

/** Compiler options the cells are checked with. */
export const notebookCompilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  types: [],
};

/** A notebook's program, kept warm between edits. */
export interface NotebookProgram {
  /** Replaces the notebook's code cells; only cells whose text changed cost anything. */
  update(cells: readonly ProgramCell[]): void;
  /** The current program (cheap when nothing changed since the last call). */
  program(): ts.Program;
  /** The virtual file's name (for language-service calls). */
  readonly fileName: string;
  /** The virtual file holding every code cell. */
  sourceFile(): ts.SourceFile;
  /** A type checker over the current program. */
  checker(): ts.TypeChecker;
  /** The language service, for completion, hover and the like (positions are virtual offsets). */
  readonly languageService: ts.LanguageService;
  /** The current layout of the cells in the virtual file. */
  cellMap(): CellMap;
  /** The cell and position of a virtual offset. */
  toCellPosition(offset: number): { cellIndex: number; position: CellPosition } | undefined;
  /** The virtual offset of a position in a cell. */
  toOffset(cellIndex: number, position: CellPosition): number | undefined;
  /** The cell range of a node of the virtual file (its text, without leading trivia). */
  rangeOf(node: ts.Node): CellRange | undefined;
  /** The value names the `protocol-notebook` API exports (the kernel's globals); empty when the API is not found. */
  readonly apiValues: readonly string[];
  /** Drops the language service. */
  dispose(): void;
}

export interface NotebookProgramOptions {
  /** Folder holding TypeScript's `lib.*.d.ts` files; found automatically when omitted. */
  libDirectory?: string;
  /** The `protocol-notebook` module's types; found automatically when omitted (see protocolApi.ts). */
  protocolApi?: ProtocolApiLocation;
}

/** One registry for every notebook: library files are parsed once per process. */
const sharedRegistry = ts.createDocumentRegistry();

/**
 * Where TypeScript's library declarations are: next to the bundle
 * (`dist/typescript-lib`, copied there by the build) or in the package.
 */
export function findLibDirectory(): string {
  const candidates = [join(__dirname, 'typescript-lib'), dirname(ts.getDefaultLibFilePath(notebookCompilerOptions))];
  for (const candidate of candidates) if (existsSync(join(candidate, 'lib.es2022.d.ts'))) return candidate;
  throw new Error(`TypeScript library declarations not found (looked in ${candidates.join(', ')})`);
}

/** Creates a notebook program; call `update` with the cells before asking for the program. */
export function createNotebookProgram(options: NotebookProgramOptions = {}): NotebookProgram {
  const libDirectory = options.libDirectory ?? findLibDirectory();
  const api = options.protocolApi ?? findProtocolApi();
  const notebookFileName = `/notebook-${++programsCreated}.ts`;
  const compilerOptions: ts.CompilerOptions = api ? { ...notebookCompilerOptions, paths: { [protocolApiModule]: [api.entry] } } : notebookCompilerOptions;
  let map = buildCellMap([]);
  let version = 0;
  let previous: { text: string; snapshot: ts.IScriptSnapshot } | undefined;
  let snapshot = snapshotOf(map.text, undefined);
  const diskSnapshots = new Map<string, ts.IScriptSnapshot | undefined>();
  // The names the kernel defines in every cell (the API without its import, `display`): see kernelGlobals.ts.
  const apiValues = api ? exportedValueNames(api.entry, readFileSync(api.entry, 'utf8')) : [];
  const globals = api && ts.ScriptSnapshot.fromString(kernelGlobalsDeclaration(protocolApiModule, apiValues));

  const libPath = (fileName: string) => join(libDirectory, fileName.replace(/^.*[\\/]/, ''));
  const isLib = (fileName: string) => /(^|[\\/])lib\.[\w.]*d\.ts$/.test(fileName);
  const inApi = (path: string) => !!api && (path === api.root || path.startsWith(api.root + sep) || path.startsWith(api.root + '/'));
  /** The file on disk a program file name stands for: a library file, or a file of the API. */
  const diskPath = (fileName: string) => (isLib(fileName) ? libPath(fileName) : inApi(fileName) ? fileName : undefined);
  const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => compilerOptions,
    getScriptFileNames: () => (globals ? [notebookFileName, kernelGlobalsFileName] : [notebookFileName]),
    getScriptVersion: (fileName) => (fileName === notebookFileName ? String(version) : '1'),
    getScriptSnapshot: (fileName) => {
      if (fileName === notebookFileName) return snapshot;
      if (fileName === kernelGlobalsFileName) return globals;
      if (!diskSnapshots.has(fileName)) {
        const path = diskPath(fileName);
        diskSnapshots.set(fileName, path && isFile(path) ? ts.ScriptSnapshot.fromString(readFileSync(path, 'utf8')) : undefined);
      }
      return diskSnapshots.get(fileName);
    },
    getCurrentDirectory: () => '/',
    getDefaultLibFileName: () => join(libDirectory, 'lib.es2022.d.ts'),
    fileExists: (fileName) => {
      if (fileName === notebookFileName) return true;
      if (fileName === kernelGlobalsFileName) return !!globals;
      const path = diskPath(fileName);
      return !!path && isFile(path);
    },
    readFile: (fileName) => {
      if (fileName === notebookFileName) return map.text;
      const path = diskPath(fileName);
      return path && isFile(path) ? readFileSync(path, 'utf8') : undefined;
    },
    directoryExists: (directory) => directory === '/' || directory === libDirectory || (inApi(directory) && existsSync(directory)),
    getDirectories: () => [],
  };
  const languageService = ts.createLanguageService(host, sharedRegistry);

  function snapshotOf(text: string, before: { text: string; snapshot: ts.IScriptSnapshot } | undefined): ts.IScriptSnapshot {
    const base = ts.ScriptSnapshot.fromString(text);
    if (!before) return base;
    const change = changeRangeBetween(before.text, text);
    return {
      getText: (start, end) => base.getText(start, end),
      getLength: () => base.getLength(),
      getChangeRange: (old) => (old === before.snapshot ? change : undefined),
    };
  }

  function program(): ts.Program {
    const result = languageService.getProgram();
    if (!result) throw new Error('the notebook program could not be built');
    return result;
  }

  return {
    update(cells) {
      const next = buildCellMap(cells);
      if (next.text === map.text) {
        map = next;
        return;
      }
      previous = { text: map.text, snapshot };
      map = next;
      snapshot = snapshotOf(map.text, previous);
      version++;
    },
    program,
    fileName: notebookFileName,
    sourceFile() {
      const file = program().getSourceFile(notebookFileName);
      if (!file) throw new Error('the notebook file is missing from its program');
      return file;
    },
    checker: () => program().getTypeChecker(),
    languageService,
    cellMap: () => map,
    toCellPosition: (offset) => cellPositionAt(map, offset),
    toOffset: (cellIndex, position) => virtualOffsetOf(map, cellIndex, position),
    rangeOf(node) {
      return cellRangeOf(map, node.getStart(), node.getEnd());
    },
    apiValues,
    dispose() {
      languageService.dispose();
    },
  };
}

/** The smallest span of `before` that, replaced, gives `after` (common prefix and suffix kept). */
export function changeRangeBetween(before: string, after: string): ts.TextChangeRange {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return ts.createTextChangeRange(ts.createTextSpan(prefix, before.length - prefix - suffix), after.length - prefix - suffix);
}
