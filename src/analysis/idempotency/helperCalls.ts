/**
 * Calls into the notebook's own functions, as the walk sees them: what a
 * helper's parameters stand for (the arguments of the call), and what a
 * helper returns when it returns a place in the state (`getAccount(s, k)`
 * returning `s.accounts[k]`, also created on a miss). Also the environment of
 * a handler itself, whose parameters stand for `state`, `msg` and `ctx`.
 */
import * as ts from 'typescript';
import { type Binding, emptyInfo, type Environment, type Path, pathOf, pathText, type Root, symbolOf, unwrap, valueInfo } from './environment';
import { functionDeclarationOf, type HandlerSite } from './handlers';

type HelperFunction = HandlerSite['fn'];

/** How deep the walk follows helpers into helpers. */
const maxHelperDepth = 6;

/** The notebook function `callee` names, unless it is too deep or already being walked; records what it found in `env.visited`. */
export function notebookFunction(env: Environment, stack: readonly ts.Node[], callee: ts.Expression): HelperFunction | undefined {
  if (stack.length > maxHelperDepth || !ts.isIdentifier(callee)) return undefined;
  let symbol = symbolOf(env, callee);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = env.checker.getAliasedSymbol(symbol);
  const fn = symbol && functionDeclarationOf(symbol);
  env.visited?.set(callee.text, fn ?? null);
  return fn && !stack.includes(fn) ? fn : undefined;
}

/** The environment of a handler: its parameters stand for `state`, `msg` and `ctx`. */
export function handlerBindings(fn: HelperFunction, checker: ts.TypeChecker, visited?: Map<string, ts.Node | null>): Environment {
  const env: Environment = { checker, bindings: new Map(), visited };
  env.returnedPath = (call) => returnedPath(env, [fn], call);
  const roots: Root[] = ['state', 'msg', 'ctx'];
  fn.parameters.forEach((parameter, i) => {
    if (i < roots.length) bindPattern(env, parameter.name, { path: { root: roots[i], segments: [] }, info: emptyInfo() });
  });
  const ctx = fn.parameters[2]?.name;
  if (ctx && ts.isIdentifier(ctx)) env.ctxName = ctx.text;
  return env;
}

/** Binds the names of a declaration (or parameter) to what its initializer stands for. */
export function bindPattern(env: Environment, name: ts.BindingName, binding: Binding): void {
  if (ts.isIdentifier(name)) {
    const symbol = symbolOf(env, name);
    if (symbol) env.bindings.set(symbol, binding);
    return;
  }
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    let segment = '[]';
    if (ts.isObjectBindingPattern(name)) {
      const key = element.propertyName ?? element.name;
      segment = ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? `.${key.text}` : '[]';
    }
    const path: Path | undefined = binding.path && { root: binding.path.root, segments: [...binding.path.segments, segment] };
    const info = emptyInfo();
    if (path?.root === 'state') info.reads.add(pathText(path));
    info.fresh = binding.info.fresh;
    bindPattern(env, element.name, { path, info });
  }
}

/** A helper's environment: its parameters stand for what the call passes. */
export function argumentBindings(caller: Environment, stack: ts.Node[], fn: HelperFunction, e: ts.CallExpression): Environment {
  const env: Environment = { checker: caller.checker, bindings: new Map(), visited: caller.visited };
  env.returnedPath = (call) => returnedPath(env, stack, call);
  fn.parameters.forEach((parameter, i) => {
    const argument = e.arguments[i];
    if (argument) bindPattern(env, parameter.name, { path: pathOf(caller, argument), info: valueInfo(caller, argument) });
  });
  return env;
}

/** The place a helper returns, when its one `return` gives a path: `getAccount(s, k) { return s.accounts[k]; }`. */
export function returnedPath(env: Environment, stack: ts.Node[], call: ts.CallExpression): Path | undefined {
  const fn = notebookFunction(env, stack, unwrap(call.expression));
  if (!fn) return undefined;
  let returned: ts.Expression | undefined;
  if (ts.isBlock(fn.body)) {
    const returns = fn.body.statements.filter(ts.isReturnStatement);
    returned = returns.length === 1 ? returns[0].expression : undefined;
  } else returned = fn.body;
  if (!returned) return undefined;
  const inner = argumentBindings(env, [...stack, fn], fn, call);
  const local = localInitializer(inner, fn, returned);
  // `let a = s.accounts.get(k); if (!a) { a = { … }; s.accounts.set(k, a); } return a;` returns the entry, created on a miss.
  return pathOf(inner, local ?? returned);
}

/** For a local of `fn` that is returned, the expression it was declared with. */
function localInitializer(env: Environment, fn: HelperFunction, returned: ts.Expression): ts.Expression | undefined {
  const e = unwrap(returned);
  if (!ts.isIdentifier(e)) return undefined;
  const declaration = symbolOf(env, e)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  return declaration.pos >= fn.pos && declaration.end <= fn.end ? declaration.initializer : undefined;
}

