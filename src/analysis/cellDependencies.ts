/**
 * Which cells above a code cell it needs: what a run of that cell must replay
 * when the kernel holds none of them (after a restart, or an edit above), so
 * that one broken cell it does not use cannot block it.
 *
 * Names only, and conservative: a cell above is needed when it declares a
 * name the cell (or a needed cell) uses or declares, or changes such a name at
 * its top level (assigns to it, calls a method on it, hands it to a function
 * that may change it, or calls a function value that shares state with it,
 * such as `const inc = counter.inc`). When the notebook could change shared state
 * in a way names do not show — a function body that writes a top-level name,
 * `globalThis`, `eval`, `this` at the top — the answer is "unsure", and the
 * caller replays every cell above, as without this analysis.
 */
import * as ts from 'typescript';
import type { CellNeeds, NotebookNeeds } from '../common/cellNeeds';

/** A code cell as the analysis sees it: `index` is its position among all the notebook's cells. */
export interface DependencyCell {
  index: number;
  source: string;
}

/** What one cell declares, reads and changes at its top level, by name. */
interface CellNames {
  declared: Set<string>;
  /** Every identifier in the cell (an over-approximation of what it reads). */
  used: Set<string>;
  /** Names changed by top-level statements (not inside a function). */
  writtenAtTop: Set<string>;
  /** Names changed inside function bodies (which run whenever they are called). */
  writtenInFunctions: Set<string>;
  /** Names called at the top level (`f()`, `new F()`): a function value may change state it closes over. */
  calledAtTop: Set<string>;
  /** For each top-level variable, the names its initial value may share state with (`const inc = counter.inc`). */
  aliases: Map<string, Set<string>>;
  /** Top-level names that are plain functions (declared, or a function expression): calling one changes only what it names. */
  functions: Set<string>;
  /** The cell reaches state in ways names do not show. */
  opaque: boolean;
  /** Where each name first appears (0-based line and column), as a reference where it is one. */
  firstUse: Map<string, { line: number; column: number }>;
}

/** Names whose calls change none of their arguments: the protocol API, `display`, `console`, `Math`, `JSON`. */
const pureRoots = new Set(['display', 'console', 'Math', 'JSON', 'String', 'Number', 'Boolean']);
/** Names that reach the global object or run code from strings. */
const opaqueNames = new Set(['globalThis', 'eval', 'Function', 'window', 'self', 'global']);

/**
 * The notebook indices of the code cells above `cells[target]` that it needs,
 * or undefined when the cells do not let that be told (then every cell above
 * is needed). `apiValues` are the names the protocol API exports (calls to
 * them do not change their arguments).
 */
export function cellDependencies(cells: readonly DependencyCell[], target: number, apiValues: readonly string[]): number[] | undefined {
  return notebookDependencies(cells, apiValues).needsOf(target)?.needed;
}

/**
 * The same analysis for any cell of a notebook, each cell parsed once (the
 * headless runner asks about every cell below one that ended the kernel),
 * with the reason each needed cell is needed: the name that links it, and
 * the cell that uses that name.
 */
export function notebookDependencies(cells: readonly DependencyCell[], apiValues: readonly string[]): NotebookNeeds {
  const pure = new Set([...pureRoots, ...apiValues]);
  const parsed: CellNames[] = [];
  const namesAt = (i: number) => (parsed[i] ??= namesOf(cells[i].source, pure));
  let prefix = emptyPrefix();
  return {
    needsOf(target: number): CellNeeds | undefined {
      if (!Number.isInteger(target) || target < 0 || target >= cells.length) return undefined;
      // What the cells up to the target say together, grown cell by cell (asked in order, each cell is added once).
      if (prefix.count > target + 1) prefix = emptyPrefix();
      while (prefix.count <= target) addToPrefix(prefix, namesAt(prefix.count));
      return prefix.unsure ? undefined : needsOf(cells, target, namesAt, prefix);
    },
  };
}

/** What the first `count` cells say together. */
interface Prefix {
  count: number;
  /** Some cell reaches state in ways names do not show, or a function body changes a top-level name. */
  unsure: boolean;
  topLevel: Set<string>;
  writtenInFunctions: Set<string>;
  functions: Set<string>;
  aliases: Map<string, Set<string>>;
  /** For each name, the cells that declare it, in order. */
  declaredBy: Map<string, number[]>;
  /** The cells that write or call at their top level, in order: what they change depends on the functions and aliases of the cells up to the target. */
  mayChange: number[];
}

function emptyPrefix(): Prefix {
  return { count: 0, unsure: false, topLevel: new Set(), writtenInFunctions: new Set(), functions: new Set(), aliases: new Map(), declaredBy: new Map(), mayChange: [] };
}

function addToPrefix(prefix: Prefix, names: CellNames): void {
  const j = prefix.count++;
  if (names.opaque) prefix.unsure = true;
  // A function that changes a top-level name can be run by any later call, a simulation's handlers included.
  for (const name of names.declared) {
    prefix.topLevel.add(name);
    if (prefix.writtenInFunctions.has(name)) prefix.unsure = true;
    const list = prefix.declaredBy.get(name);
    if (list) list.push(j);
    else prefix.declaredBy.set(name, [j]);
  }
  for (const name of names.writtenInFunctions) {
    prefix.writtenInFunctions.add(name);
    if (prefix.topLevel.has(name)) prefix.unsure = true;
  }
  for (const name of names.functions) prefix.functions.add(name);
  for (const [name, sources] of names.aliases) {
    let shared = prefix.aliases.get(name);
    if (!shared) prefix.aliases.set(name, (shared = new Set()));
    for (const source of sources) shared.add(source);
  }
  if (names.writtenAtTop.size > 0 || names.calledAtTop.size > 0) prefix.mayChange.push(j);
}

/** The needs of `cells[target]`, with `prefix` holding the cells up to it. */
function needsOf(cells: readonly DependencyCell[], target: number, namesAt: (i: number) => CellNames, prefix: Prefix): CellNeeds {
  // What a top-level statement may change: what it writes, the function values it calls, and what those share state with.
  const changedBy = new Map<string, number[]>();
  for (const j of prefix.mayChange) {
    if (j >= target) break;
    const n = namesAt(j);
    const changed = new Set(n.writtenAtTop);
    for (const name of n.calledAtTop) if (!prefix.functions.has(name)) changed.add(name);
    for (const name of withAliases(changed, prefix.aliases)) {
      const list = changedBy.get(name);
      if (list) list.push(j);
      else changedBy.set(name, [j]);
    }
  }

  // A cell is needed when it declares or changes a name the target, or a needed cell, uses or declares: followed name by name.
  const wantedBy = new Map<string, number>();
  const pending: string[] = [];
  const wantName = (name: string, j: number) => {
    if (wantedBy.has(name)) return;
    wantedBy.set(name, j);
    pending.push(name);
  };
  const want = (j: number) => {
    const n = namesAt(j);
    for (const name of n.used) wantName(name, j);
    for (const name of n.declared) wantName(name, j);
  };
  want(target);
  const needed = new Map<number, { name: string; by: number }>();
  for (let k = 0; k < pending.length; k++) {
    const name = pending[k];
    for (const list of [prefix.declaredBy.get(name), changedBy.get(name)]) {
      for (const j of list ?? []) {
        if (j >= target) break;
        if (needed.has(j)) continue;
        needed.set(j, { name, by: wantedBy.get(name) as number });
        want(j);
      }
    }
  }
  const order = [...needed.keys()].sort((a, b) => a - b);
  return {
    needed: order.map((j) => cells[j].index),
    reasons: order.map((j) => {
      const { name, by } = needed.get(j) as { name: string; by: number };
      const at = namesAt(by).firstUse.get(name);
      return at ? { name, by: cells[by].index, at } : { name, by: cells[by].index };
    }),
  };
}

/** `changed` and, transitively, every name a changed name shares state with. */
function withAliases(changed: Set<string>, aliases: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const pending = [...changed];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const source of aliases.get(name) ?? []) {
      if (changed.has(source)) continue;
      changed.add(source);
      pending.push(source);
    }
  }
  return changed;
}

function namesOf(source: string, pure: ReadonlySet<string>): CellNames {
  const file = ts.createSourceFile('/cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names: CellNames = { declared: new Set(), used: new Set(), writtenAtTop: new Set(), writtenInFunctions: new Set(), calledAtTop: new Set(), aliases: new Map(), functions: new Set(), opaque: false, firstUse: new Map() };
  for (const statement of file.statements) {
    for (const name of declaredBy(statement)) names.declared.add(name);
    if (ts.isFunctionDeclaration(statement) && statement.name) names.functions.add(statement.name.text);
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const initializer = declaration.initializer;
      if (!initializer) continue;
      const isFunction = ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer);
      const shared = new Set<string>();
      // Every name in the initial value: a helper's result (`wrap(counter)`) may be the very object it was handed.
      if (!isFunction) identifiersIn(initializer, shared);
      for (const name of bindingNames(declaration.name)) {
        if (isFunction) names.functions.add(name);
        else if (shared.size > 0) names.aliases.set(name, shared);
      }
    }
  }

  const firstAsProperty = new Map<string, { line: number; column: number }>();
  const visit = (node: ts.Node, inFunction: boolean): void => {
    const written = inFunction ? names.writtenInFunctions : names.writtenAtTop;
    if (ts.isIdentifier(node)) {
      names.used.add(node.text);
      const property = isPropertyName(node);
      if (opaqueNames.has(node.text) && !property) names.opaque = true;
      if (!property && !names.firstUse.has(node.text)) names.firstUse.set(node.text, spotOf(file, node));
      else if (property) firstAsProperty.set(node.text, firstAsProperty.get(node.text) ?? spotOf(file, node));
    } else if (node.kind === ts.SyntaxKind.ThisKeyword && !inFunction) {
      names.opaque = true;
    } else if (ts.isWithStatement(node) || (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)) {
      names.opaque = true;
    } else if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
      addRoots(node.left, written);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      addRoots(node.operand, written);
    } else if (ts.isDeleteExpression(node)) {
      addRoots(node.expression, written);
    } else if ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
      addRoots(node.initializer, written);
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = rootOf(node.expression);
      if (!callee || !pure.has(callee)) {
        // A method may change its object, a function value what it closes over, and any function its arguments.
        if (callee && node.expression !== undefined && !ts.isIdentifier(node.expression)) written.add(callee);
        else if (callee && !inFunction) names.calledAtTop.add(callee);
        for (const argument of node.arguments ?? []) referencesPassed(argument, written);
      }
    }
    const entersFunction = inFunction || ts.isFunctionLike(node) || ts.isClassLike(node);
    ts.forEachChild(node, (child) => visit(child, entersFunction));
  };
  visit(file, false);
  // A name seen only as a property (`run.total`) is still where the cell names it.
  for (const [name, spot] of firstAsProperty) if (!names.firstUse.has(name)) names.firstUse.set(name, spot);
  return names;
}

/** The top-level names a statement declares (values and types: a clash with either is an error). */
function declaredBy(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name) {
    return [statement.name.text];
  }
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) return [statement.name.text];
  if (ts.isImportEqualsDeclaration(statement)) return [statement.name.text];
  if (ts.isImportDeclaration(statement) && statement.importClause) {
    const clause = statement.importClause;
    const found = clause.name ? [clause.name.text] : [];
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) found.push(bindings.name.text);
    else if (bindings) found.push(...bindings.elements.map((e) => e.name.text));
    return found;
  }
  return [];
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** `x` in `x.a.b[0]`, `(x as T).a`, `x!`; undefined for anything else (a call's result, `this`). */
function rootOf(expression: ts.Expression): string | undefined {
  let node: ts.Expression = expression;
  for (;;) {
    if (ts.isIdentifier(node)) return node.text;
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
      node = node.expression;
    } else {
      return undefined;
    }
  }
}

/** The names a write target changes: its root, or every name in a destructuring pattern. */
function addRoots(target: ts.Expression, into: Set<string>): void {
  const root = rootOf(target);
  if (root) into.add(root);
  else identifiersIn(target, into);
}

/**
 * The names whose values an argument hands over by reference: `x` for `x` or
 * `x.a`, and those inside object and array literals. A computed value (`a + b`,
 * a call's result) hands over no name; a function handed over is covered by
 * the check of what function bodies write.
 */
function referencesPassed(expression: ts.Expression, into: Set<string>): void {
  const root = rootOf(expression);
  if (root) {
    into.add(root);
  } else if (ts.isObjectLiteralExpression(expression)) {
    for (const property of expression.properties) {
      if (ts.isPropertyAssignment(property)) referencesPassed(property.initializer, into);
      else if (ts.isShorthandPropertyAssignment(property)) into.add(property.name.text);
      else if (ts.isSpreadAssignment(property)) referencesPassed(property.expression, into);
    }
  } else if (ts.isArrayLiteralExpression(expression)) {
    for (const element of expression.elements) referencesPassed(element, into);
  } else if (ts.isSpreadElement(expression)) {
    referencesPassed(expression.expression, into);
  } else if (ts.isConditionalExpression(expression)) {
    referencesPassed(expression.whenTrue, into);
    referencesPassed(expression.whenFalse, into);
  } else if (ts.isBinaryExpression(expression) && (expression.operatorToken.kind === ts.SyntaxKind.BarBarToken || expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || expression.operatorToken.kind === ts.SyntaxKind.CommaToken)) {
    referencesPassed(expression.left, into);
    referencesPassed(expression.right, into);
  }
}

function identifiersIn(node: ts.Node, into: Set<string>): void {
  if (ts.isIdentifier(node)) into.add(node.text);
  ts.forEachChild(node, (child) => identifiersIn(child, into));
}

function spotOf(file: ts.SourceFile, node: ts.Node): { line: number; column: number } {
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return { line, column: character };
}

/** `b` in `a.b` or `{ b: 1 }`: a property, not a reference to a name. */
function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
}
