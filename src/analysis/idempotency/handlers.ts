/**
 * Finds message handlers from the API's shape: every `node({ …, on: { <type>(state, msg, ctx) { … } } })`
 * in the notebook. Timers (`timers: { … }`) are found too but are not delivered by
 * the network, so only `on` handlers can be duplicated.
 */
import * as ts from 'typescript';

/** A handler function found in a `node(…)` definition. */
export interface HandlerSite {
  nodeName: string;
  /** Its key in `on` (the message type) or `timers` (the timer's name). */
  name: string;
  kind: 'message' | 'timer';
  /** The function with its body. */
  fn: ts.FunctionLikeDeclaration & { body: ts.ConciseBody };
  /** The key naming the handler. */
  nameNode: ts.Node;
  /** The object member (method or property) defining it; comments above it belong to it. */
  member: ts.ObjectLiteralElementLike;
  /** The `node<State, …>(…)` call it belongs to. */
  call: ts.CallExpression;
}

/** Every handler of every `node(…)` call in the file. */
export function findHandlers(file: ts.SourceFile, checker: ts.TypeChecker): HandlerSite[] {
  const sites: HandlerSite[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && isNodeCall(n, checker)) {
      const spec = n.arguments[0];
      if (spec && ts.isObjectLiteralExpression(spec)) sites.push(...handlersOf(n, spec, nodeNameOf(n, spec), checker));
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return sites;
}

function isNodeCall(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
  if (!name || name.text !== 'node') return false;
  let symbol = checker.getSymbolAtLocation(name);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declarations = symbol?.declarations ?? [];
  // A `node` the user defined in the notebook is not the API's.
  return declarations.length === 0 || declarations.some((d) => d.getSourceFile() !== call.getSourceFile());
}

function nodeNameOf(call: ts.CallExpression, spec: ts.ObjectLiteralExpression): string {
  for (const p of spec.properties) {
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === 'name' && ts.isStringLiteralLike(p.initializer)) return p.initializer.text;
  }
  let parent: ts.Node = call.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) parent = parent.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent)) return propertyName(parent.name) ?? 'node';
  return 'node';
}

function handlersOf(call: ts.CallExpression, spec: ts.ObjectLiteralExpression, nodeName: string, checker: ts.TypeChecker): HandlerSite[] {
  const sites: HandlerSite[] = [];
  for (const p of spec.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = propertyName(p.name);
    const kind = key === 'on' ? 'message' : key === 'timers' ? 'timer' : undefined;
    if (!kind || !ts.isObjectLiteralExpression(p.initializer)) continue;
    for (const member of p.initializer.properties) {
      const name = member.name ? propertyName(member.name) : undefined;
      const fn = functionOf(member, checker);
      if (name !== undefined && fn && member.name) sites.push({ nodeName, name, kind, fn, nameNode: member.name, member, call });
    }
  }
  return sites;
}

function functionOf(member: ts.ObjectLiteralElementLike, checker: ts.TypeChecker): HandlerSite['fn'] | undefined {
  if (ts.isMethodDeclaration(member)) return member.body ? (member as HandlerSite['fn']) : undefined;
  if (ts.isPropertyAssignment(member)) return functionExpressionOf(member.initializer, checker);
  if (ts.isShorthandPropertyAssignment(member)) {
    const symbol = checker.getShorthandAssignmentValueSymbol(member);
    return symbol ? functionDeclarationOf(symbol) : undefined;
  }
  return undefined;
}

function functionExpressionOf(e: ts.Expression, checker: ts.TypeChecker): HandlerSite['fn'] | undefined {
  if ((ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && e.body) return e;
  if (ts.isIdentifier(e)) {
    const symbol = checker.getSymbolAtLocation(e);
    return symbol ? functionDeclarationOf(symbol) : undefined;
  }
  return undefined;
}

/** The node's declared state type (the first type argument of `node<State, …>`), when written out. */
export function declaredStateType(site: HandlerSite, checker: ts.TypeChecker): ts.Type | undefined {
  const node = site.call.typeArguments?.[0];
  return node && checker.getTypeFromTypeNode(node);
}

/** The function a symbol names, when it is declared as a function or a `const` holding one. */
export function functionDeclarationOf(symbol: ts.Symbol): HandlerSite['fn'] | undefined {
  for (const d of symbol.declarations ?? []) {
    if (ts.isFunctionDeclaration(d) && d.body) return d as HandlerSite['fn'];
    if (ts.isVariableDeclaration(d) && d.initializer) {
      let init: ts.Expression = d.initializer;
      while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
      if ((ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && init.body) return init;
    }
  }
  return undefined;
}

/** The text of a property name that is known statically. */
export function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}
