/**
 * What the kernel puts in every cell's global scope, as declarations for the
 * notebook program: the API's values (the kernel installs them as globals, so
 * a cell may use `simulate` without importing it), `display`, and what the
 * sandbox adds to the ES2022 library (`console`, a frozen `performance`; see
 * src/kernel/sandboxPrelude.ts). Without these, a cell that runs would show
 * "cannot find name" errors.
 */
import * as ts from 'typescript';

/** One name for every notebook program: the shared document registry parses it once. */
export const kernelGlobalsFileName = '/protocol-notebook-kernel-globals.d.ts';

/** The value names a module's entry file exports (types left out: the kernel installs values). */
export function exportedValueNames(entryFileName: string, entryText: string): string[] {
  const file = ts.createSourceFile(entryFileName, entryText, ts.ScriptTarget.ES2022, false);
  const names: string[] = [];
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) if (!element.isTypeOnly) names.push(element.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name && exported(statement)) {
      names.push(statement.name.text);
    } else if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    }
  }
  return [...new Set(names)];
}

/** The declaration file of the kernel's globals, for the API module `apiModule` exporting `apiValues`. */
export function kernelGlobalsDeclaration(apiModule: string, apiValues: readonly string[]): string {
  const api = `import(${JSON.stringify(apiModule)})`;
  return [
    'export {};',
    'declare global {',
    ...apiValues.map((name) => `  const ${name}: typeof ${api}.${name};`),
    '  /** Shows `value` under the cell, after the cell\'s own result; returns `value`. */',
    '  function display<T>(value: T): T;',
    ...consoleDeclaration,
    '  /** The sandbox\'s clock is frozen, so that runs are reproducible: `now()` is always 0. */',
    '  const performance: { now(): number; readonly timeOrigin: number };',
    '}',
    '',
  ].join('\n');
}

/** What a cell writes with these is shown under the cell (warn and error lines prefixed with their level). */
const consoleLevels = ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'table'] as const;

const consoleDeclaration = [
  '  /** Lines written here are shown under the cell, in order (the CLI prints them). */',
  '  const console: {',
  ...consoleLevels.map((level) => `    ${level}(...values: unknown[]): void;`),
  '  };',
];
