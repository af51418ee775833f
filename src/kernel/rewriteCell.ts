/**
 * Rewrites a transpiled cell so it can run as a classic script in the shared
 * sandbox context:
 * - `import … from 'protocol-notebook'` becomes `var` bindings to the API
 *   (`var`, not `const`, so two cells may import the same name);
 * - `export` is dropped: a cell's top-level declarations are shared anyway;
 * - a step check is inserted at every loop body and function entry, so a
 *   runaway loop or recursion stops deterministically (see sandboxRuntime.ts).
 * Every change keeps the line structure, and positions map back through
 * `EditedText.originalOffset`.
 */
import { parse, type Node } from 'acorn';
import { base } from 'acorn-walk';
import { applyEdits, type EditedText, type TextEdit } from './textEdits';
import { API_MODULE, SANDBOX } from './sandboxNames';

/** Position of a node in the user's cell (0-based), for the step check to report. */
export type SourcePositionOf = (offset: number) => { line: number; column: number };

/** An error in the cell's structure found while rewriting (bad import, syntax), with its offset in `code`. */
export class CellRewriteError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    override readonly name = 'SyntaxError',
  ) {
    super(message);
  }
}

/** Options of `rewriteCell`. */
export interface RewriteOptions {
  /** Number of the compiled script (identifies the cell when the budget is hit). */
  scriptId: number;
  /** Where an offset of `code` is in the cell's source. */
  sourcePositionOf: SourcePositionOf;
  /** Insert step checks (true unless the budget is off). */
  instrument: boolean;
}

interface AnyNode extends Node {
  [key: string]: unknown;
}

type RecursiveVisit = (node: AnyNode, state: unknown, override?: string) => void;

/** A name a cell declares at its top level, shared with the cells below it. */
export interface TopLevelDeclaration {
  name: string;
  /** `let`, `const` and `class` cannot be declared again by a later cell; `var`, `function` and imports can, as `var`. */
  lexical: boolean;
  /** Offset of the declaring identifier in the transpiled code. */
  offset: number;
}

/** A cell ready to run as a script, and the names it declares. */
export interface RewrittenCell extends EditedText {
  declarations: TopLevelDeclaration[];
}

/**
 * Identifiers a cell may not use: the sandbox's own script-scope bindings (the
 * step counter among them) start with this, and a cell that could name them
 * could turn its budget off.
 */
export const RESERVED_PREFIX = '__pn_';

/**
 * Rewrites `code` (JavaScript with module syntax) into a script; see the
 * module comment. Two parses: the first, as a module, finds the `import` and
 * `export` statements to rewrite; the second parses the rewritten text as a
 * classic script — the goal V8 runs it with — and the step checks are placed
 * from that parse, so that text which reads differently to the two goals
 * (HTML-like comments, `await /x/g`) is instrumented as V8 will run it.
 */
export function rewriteCell(code: string, options: RewriteOptions): RewrittenCell {
  const program = parseAs(code, 'module', (offset) => offset);
  rejectReserved(program, (name) => name.startsWith(RESERVED_PREFIX), (offset) => offset);
  const moduleEdits: TextEdit[] = [{ start: 0, end: 0, text: '"use strict"; void 0; ' }];
  for (const statement of program.body as AnyNode[]) rewriteModuleSyntax(code, statement, moduleEdits);
  const script = applyEdits(code, moduleEdits);
  const toCode = (offset: number) => script.originalOffset(offset);
  const asScript = parseAs(script.text, 'script', toCode);
  // The first pass inserted `__pn_import` (harmless: it only reads the frozen API); any other reserved name
  // here is one the module parse did not see, hidden by a difference between the two goals.
  rejectReserved(asScript, (name) => name.startsWith(RESERVED_PREFIX) && name !== SANDBOX.importBinding, toCode);
  rejectDynamicImport(asScript, toCode);
  const stepEdits: TextEdit[] = [];
  if (options.instrument) insertStepChecks(asScript, { ...options, sourcePositionOf: (offset) => options.sourcePositionOf(toCode(offset)) }, stepEdits);
  const instrumented = applyEdits(script.text, stepEdits);
  return {
    text: instrumented.text,
    originalOffset: (offset) => toCode(instrumented.originalOffset(offset)),
    declarations: topLevelDeclarations(program.body as AnyNode[]),
  };
}

function parseAs(text: string, sourceType: 'module' | 'script', toCode: (offset: number) => number): AnyNode {
  try {
    return parse(text, { ecmaVersion: 'latest', sourceType, allowHashBang: false }) as unknown as AnyNode;
  } catch (error) {
    const pos = (error as { pos?: unknown }).pos;
    throw new CellRewriteError((error as Error).message.replace(/\s*\(\d+:\d+\)$/, ''), typeof pos === 'number' ? toCode(pos) : 0);
  }
}

/** Every node of the parse, children after their parent. */
function forEachNode(program: AnyNode, visit: (node: AnyNode) => void): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object' || typeof (node as AnyNode).type !== 'string') return;
    const n = node as AnyNode;
    visit(n);
    for (const key of Object.keys(n)) if (key !== 'type' && key !== 'start' && key !== 'end') walk(n[key]);
  };
  walk(program);
}

/** Identifiers in any position (bindings, references, labels); names are compared decoded, so escapes do not hide them. */
function rejectReserved(program: AnyNode, reserved: (name: string) => boolean, toCode: (offset: number) => number): void {
  forEachNode(program, (node) => {
    if (node.type !== 'Identifier') return;
    const name = node.name as string;
    if (reserved(name)) throw new CellRewriteError(`'${name}' is reserved for the kernel: names starting with ${RESERVED_PREFIX} cannot be used in cells`, toCode(node.start));
  });
}

function rejectDynamicImport(program: AnyNode, toCode: (offset: number) => number): void {
  forEachNode(program, (node) => {
    if (node.type === 'ImportExpression') {
      throw new CellRewriteError(`import() is not available in cells: import from '${API_MODULE}' at the top of a cell`, toCode(node.start), 'ImportError');
    }
  });
}

function topLevelDeclarations(statements: AnyNode[]): TopLevelDeclaration[] {
  const found: TopLevelDeclaration[] = [];
  const bindings = (pattern: AnyNode | null | undefined, lexical: boolean): void => {
    if (!pattern) return;
    switch (pattern.type) {
      case 'Identifier':
        found.push({ name: pattern.name as string, lexical, offset: pattern.start });
        return;
      case 'ObjectPattern':
        for (const property of pattern.properties as AnyNode[]) bindings((property.type === 'RestElement' ? property.argument : property.value) as AnyNode, lexical);
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements as (AnyNode | null)[]) bindings(element, lexical);
        return;
      case 'RestElement':
        bindings(pattern.argument as AnyNode, lexical);
        return;
      case 'AssignmentPattern':
        bindings(pattern.left as AnyNode, lexical);
        return;
    }
  };
  for (const statement of statements) {
    const declaration = statement.type.startsWith('Export') ? (statement.declaration as AnyNode | null) : statement;
    if (!declaration) continue;
    if (declaration.type === 'VariableDeclaration') {
      for (const d of declaration.declarations as AnyNode[]) bindings(d.id as AnyNode, declaration.kind !== 'var');
    } else if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
      bindings(declaration.id as AnyNode | null, declaration.type === 'ClassDeclaration');
    } else if (declaration.type === 'ImportDeclaration') {
      for (const specifier of declaration.specifiers as AnyNode[]) bindings(specifier.local as AnyNode, false);
    }
  }
  return found;
}

function newlinesIn(code: string, start: number, end: number): string {
  return code.slice(start, end).replace(/[^\n]/g, '');
}

function rewriteModuleSyntax(code: string, statement: AnyNode, edits: TextEdit[]): void {
  const removeKeepingLines = () =>
    edits.push({ start: statement.start, end: statement.end, text: newlinesIn(code, statement.start, statement.end) });
  switch (statement.type) {
    case 'ImportDeclaration': {
      const source = statement.source as AnyNode;
      if (source.value !== API_MODULE) {
        throw new CellRewriteError(`Cells can import only from '${API_MODULE}', not '${String(source.value)}'`, source.start, 'ImportError');
      }
      const bindings = (statement.specifiers as AnyNode[]).map((specifier) => {
        const local = (specifier.local as AnyNode).name as string;
        if (specifier.type !== 'ImportSpecifier') return `${local} = ${SANDBOX.importBinding}(${JSON.stringify(API_MODULE)})`;
        const imported = specifier.imported as AnyNode;
        const name = (imported.name ?? imported.value) as string;
        return `${local} = ${SANDBOX.importBinding}(${JSON.stringify(API_MODULE)}, ${JSON.stringify(name)})`;
      });
      const text = bindings.length ? `var ${bindings.join(', ')};` : '';
      edits.push({ start: statement.start, end: statement.end, text: text + newlinesIn(code, statement.start, statement.end) });
      return;
    }
    case 'ExportNamedDeclaration': {
      const declaration = statement.declaration as AnyNode | null;
      if (declaration) edits.push({ start: statement.start, end: declaration.start, text: '' });
      else removeKeepingLines();
      return;
    }
    case 'ExportDefaultDeclaration': {
      const declaration = statement.declaration as AnyNode;
      const named = (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id;
      if (named) {
        edits.push({ start: statement.start, end: declaration.start, text: '' });
      } else {
        // `export default <expr>` shows the value like a last expression would.
        edits.push({ start: statement.start, end: declaration.start, text: '(' });
        edits.push({ start: declaration.end, end: declaration.end, text: ')' });
      }
      return;
    }
    case 'ExportAllDeclaration':
      removeKeepingLines();
      return;
  }
}

const LOOPS = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * Inserts `--steps < 0 && outOfSteps(script, line, column)` at each loop body
 * and function entry. Openers are added on the way down and closers on the
 * way up, so edits at the same offset nest correctly.
 */
function insertStepChecks(program: AnyNode, options: RewriteOptions, edits: TextEdit[]): void {
  // A function that is a property's value (a handler `deposit(state, msg) {…}`, `pong: (s) => …`)
  // is reported at the property's name, which is what a reader looks for.
  const namedAt = new Map<AnyNode, number>();
  const check = (node: AnyNode) => {
    const { line, column } = options.sourcePositionOf(namedAt.get(node) ?? node.start);
    return `--${SANDBOX.steps} < 0 && ${SANDBOX.outOfSteps}(${options.scriptId}, ${line}, ${column})`;
  };
  const visitors = base as unknown as Record<string, (node: AnyNode, state: unknown, visit: RecursiveVisit) => void>;
  const visit: RecursiveVisit = (node, state, override) => {
    const type = override ?? node.type;
    const closers: TextEdit[] = [];
    if (!override && (type === 'Property' || type === 'MethodDefinition' || type === 'PropertyDefinition') && node.value) {
      namedAt.set(node.value as AnyNode, (node.key as AnyNode).start);
    }
    if (!override && LOOPS.has(type)) {
      const body = node.body as AnyNode;
      if (body.type === 'BlockStatement') {
        edits.push({ start: body.start + 1, end: body.start + 1, text: `${check(node)}; ` });
      } else {
        edits.push({ start: body.start, end: body.start, text: `{ ${check(node)}; ` });
        closers.push({ start: body.end, end: body.end, text: ' }' });
      }
    } else if (!override && FUNCTIONS.has(type)) {
      const body = node.body as AnyNode;
      if (body.type === 'BlockStatement') {
        edits.push({ start: body.start + 1, end: body.start + 1, text: `${check(node)}; ` });
      } else {
        edits.push({ start: body.start, end: body.start, text: `(${check(node)}, ` });
        closers.push({ start: body.end, end: body.end, text: ')' });
      }
    }
    visitors[type](node, state, visit);
    edits.push(...closers);
  };
  visit(program, undefined);
}
