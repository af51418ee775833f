/**
 * What the expressions of a handler refer to: the handler's `state`, `msg` and
 * `ctx` parameters, paths inside them (`state.accounts[msg.to].balance`), and
 * which parts of the old state a value is computed from. A small abstract
 * interpretation, enough to tell `state.x = msg.v` from `state.x = state.x + 1`.
 */
import * as ts from 'typescript';

/** Where a path starts: the handler's three parameters. */
export type Root = 'state' | 'msg' | 'ctx';

/** A place reached from a handler parameter, e.g. `state.counts[msg.key]`. */
export interface Path {
  root: Root;
  /** `.name` for a property, `[key]` for an element, with keys written canonically. */
  segments: string[];
}

/** What a value is made of, as far as idempotency cares. */
export interface ValueInfo {
  /** Paths in state whose current value flows into this one. */
  reads: Set<string>;
  /** Paths in state that flow in through arithmetic, concatenation, negation or appending. */
  derived: Set<string>;
  /** A source of fresh values it uses (`ctx.random()`, `ctx.now()`), when it does. */
  fresh?: string;
}

/** What a local name (or a helper's parameter) stands for. */
export interface Binding {
  path?: Path;
  info: ValueInfo;
  /** State paths the value was read from before the handler wrote them (a reply built from it tells the old state). */
  staleReads?: Set<string>;
}

/** The bindings in scope while walking one function (a handler or a helper it calls). */
export interface Environment {
  checker: ts.TypeChecker;
  bindings: Map<ts.Symbol, Binding>;
  /** The path a call to a notebook helper returns (`getAccount(state, k)` returning `s.accounts[k]`). */
  returnedPath?: (call: ts.CallExpression) => Path | undefined;
  /** Records each name the analysis called into: the helper it found, or null (nothing it could look into). */
  visited?: Map<string, ts.Node | null>;
  /** The handler's `ctx` parameter, when it is a plain name. */
  ctxName?: string;
}

export function emptyInfo(): ValueInfo {
  return { reads: new Set(), derived: new Set() };
}

export function pathText(path: Path): string {
  return path.root + path.segments.join('');
}

/** `balance` for `state.balance`, `msg.amount` for a message field. */
export function displayPath(path: Path): string {
  if (path.root === 'state') return path.segments.length === 0 ? 'state' : pathText(path).slice('state.'.length).replace(/^\[/, 'state[');
  return pathText(path);
}

/** A path text for display: `state.` dropped. */
export function displayPathText(text: string): string {
  return text.startsWith('state.') ? text.slice('state.'.length) : text;
}

export function extendPath(path: Path, segment: string): Path {
  // Durable storage survives crashes but is state all the same: `ctx.durable.x` is written like `state.x`.
  if (path.root === 'ctx' && path.segments.length === 0 && segment === '.durable') return { root: 'state', segments: ['.durable'] };
  return { root: path.root, segments: [...path.segments, segment] };
}

/** Strips parentheses, `!` non-null assertions and type assertions. */
export function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/** Symbols already looked up, per checker: the walk asks about the same names many times. */
const symbolCache = new WeakMap<ts.TypeChecker, Map<ts.Node, ts.Symbol | undefined>>();

export function symbolOf(env: Environment, node: ts.Node): ts.Symbol | undefined {
  let cache = symbolCache.get(env.checker);
  if (!cache) symbolCache.set(env.checker, (cache = new Map()));
  if (cache.has(node)) return cache.get(node);
  const symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? env.checker.getShorthandAssignmentValueSymbol(node.parent) : env.checker.getSymbolAtLocation(node);
  cache.set(node, symbol);
  return symbol;
}

/** The path an expression denotes, when it is a place reached from `state`, `msg` or `ctx`. */
export function pathOf(env: Environment, expression: ts.Expression): Path | undefined {
  const e = unwrap(expression);
  if (ts.isIdentifier(e)) {
    const symbol = symbolOf(env, e);
    return symbol ? env.bindings.get(symbol)?.path : undefined;
  }
  if (ts.isPropertyAccessExpression(e)) {
    const base = pathOf(env, e.expression);
    return base && extendPath(base, `.${e.name.text}`);
  }
  if (ts.isElementAccessExpression(e)) {
    const base = pathOf(env, e.expression);
    return base && extendPath(base, `[${canonicalText(env, e.argumentExpression)}]`);
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'get' && e.arguments.length === 1) {
    // `m.get(k)` is the entry `m[k]`.
    const base = pathOf(env, e.expression.expression);
    return base && base.root !== 'ctx' ? extendPath(base, `[${canonicalText(env, e.arguments[0])}]`) : undefined;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && elementFinders.has(e.expression.name.text)) {
    // `xs.find(…)` is some element of `xs`.
    const base = pathOf(env, e.expression.expression);
    return base?.root === 'state' ? extendPath(base, '[]') : undefined;
  }
  if (ts.isCallExpression(e)) return env.returnedPath?.(e);
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    // `m.get(k) ?? 0`, `xs.find(…) ?? fallback`: the entry, when there is one.
    return pathOf(env, e.left) ?? pathOf(env, e.right);
  }
  return undefined;
}

const elementFinders = new Set(['find', 'findLast', 'at']);

/** For `more.filter((v) => !old.includes(v))`: the path of `old`, whose elements the filter leaves out. */
function filteredAgainst(env: Environment, e: ts.Expression): string[] {
  const call = unwrap(e);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'filter') return [];
  const callback = call.arguments[0];
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return [];
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken) {
      const test = unwrap(n.operand);
      if (ts.isCallExpression(test) && ts.isPropertyAccessExpression(test.expression) && (test.expression.name.text === 'includes' || test.expression.name.text === 'has')) {
        const path = pathOf(env, test.expression.expression);
        if (path) found.push(pathText(path));
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(callback.body);
  return found;
}

/** A text for an expression that is the same wherever the same value is meant (aliases resolved). */
export function canonicalText(env: Environment, e: ts.Expression): string {
  const path = pathOf(env, e);
  if (path) return pathText(path);
  const inner = unwrap(e);
  if (ts.isStringLiteralLike(inner)) return JSON.stringify(inner.text);
  return inner.getText().replace(/\s+/g, ' ');
}

/** The path's text for display, or the expression's source. */
export function displayText(env: Environment, e: ts.Expression): string {
  const path = pathOf(env, e);
  const text = path ? displayPath(path) : unwrap(e).getText().replace(/\s+/g, ' ');
  return text.length > 48 ? `${text.slice(0, 45)}…` : text;
}

const arithmetic = new Set([
  ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken, ts.SyntaxKind.AsteriskAsteriskToken, ts.SyntaxKind.LessThanLessThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
  ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.BarToken, ts.SyntaxKind.CaretToken,
]);

/** Binary operators that compute a new value from their operands (not merges or tests). */
export function isArithmeticOperator(kind: ts.SyntaxKind): boolean {
  return arithmetic.has(kind);
}

/** `ctx` methods whose result differs from one delivery to the next. */
const freshContextMethods = new Set(['random', 'randomInt', 'pick', 'now']);

/** Calls that produce a new value on every delivery. */
const freshSources = ['ctx.random', 'ctx.now', 'Math.random', 'Date.now', 'crypto.randomUUID', 'performance.now'];

function merge(target: ValueInfo, source: ValueInfo): ValueInfo {
  for (const r of source.reads) target.reads.add(r);
  for (const d of source.derived) target.derived.add(d);
  target.fresh ??= source.fresh;
  return target;
}

function deriveAll(info: ValueInfo): ValueInfo {
  for (const r of info.reads) info.derived.add(r);
  return info;
}

/** What a value is made of: which state it reads, what it derives by arithmetic, whether it is fresh. */
export function valueInfo(env: Environment, expression: ts.Expression): ValueInfo {
  const e = unwrap(expression);
  const path = pathOf(env, e);
  if (ts.isIdentifier(e)) {
    const symbol = symbolOf(env, e);
    const binding = symbol && env.bindings.get(symbol);
    if (binding) {
      const info = merge(emptyInfo(), binding.info);
      if (binding.path?.root === 'state') info.reads.add(pathText(binding.path));
      return info;
    }
    return emptyInfo();
  }
  if (path) {
    const info = emptyInfo();
    if (path.root === 'state') info.reads.add(pathText(path));
    if (path.root === 'ctx' && pathText(path) === 'ctx.now') info.fresh = 'ctx.now';
    if (ts.isCallExpression(e)) for (const a of e.arguments) merge(info, valueInfo(env, a));
    if (ts.isElementAccessExpression(e)) merge(info, valueInfo(env, e.argumentExpression));
    return info;
  }
  if (ts.isBinaryExpression(e)) {
    const info = merge(valueInfo(env, e.left), valueInfo(env, e.right));
    if (e.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && e.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      return e.operatorToken.kind === ts.SyntaxKind.EqualsToken ? valueInfo(env, e.right) : info;
    }
    return isArithmeticOperator(e.operatorToken.kind) ? deriveAll(info) : info;
  }
  if (ts.isPrefixUnaryExpression(e)) {
    const info = valueInfo(env, e.operand);
    return e.operator === ts.SyntaxKind.PlusToken ? info : deriveAll(info);
  }
  if (ts.isPostfixUnaryExpression(e)) return deriveAll(valueInfo(env, e.operand));
  if (ts.isConditionalExpression(e)) return merge(merge(valueInfo(env, e.condition), valueInfo(env, e.whenTrue)), valueInfo(env, e.whenFalse));
  if (ts.isTemplateExpression(e)) {
    const info = emptyInfo();
    for (const span of e.templateSpans) merge(info, valueInfo(env, span.expression));
    return deriveAll(info);
  }
  if (ts.isArrayLiteralExpression(e)) {
    const info = emptyInfo();
    const absentFrom = e.elements.flatMap((element) => (ts.isSpreadElement(element) ? filteredAgainst(env, element.expression) : []));
    for (const element of e.elements) {
      if (ts.isSpreadElement(element)) {
        const spread = valueInfo(env, element.expression);
        const path = pathOf(env, element.expression);
        // `[...old, more]` appends to `old`; a bare copy `[...old]` does not, and neither does a union
        // `[...old, ...more.filter((v) => !old.includes(v))]`, which adds only what is not there yet.
        const union = path !== undefined && absentFrom.includes(pathText(path));
        merge(info, e.elements.length > 1 && !union ? deriveAll(spread) : spread);
      } else merge(info, valueInfo(env, element));
    }
    return info;
  }
  if (ts.isObjectLiteralExpression(e)) {
    const info = emptyInfo();
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) merge(info, valueInfo(env, p.initializer));
      else if (ts.isShorthandPropertyAssignment(p)) merge(info, valueInfo(env, p.name));
      else if (ts.isSpreadAssignment(p)) merge(info, valueInfo(env, p.expression));
    }
    return info;
  }
  if (ts.isNewExpression(e)) {
    const info = emptyInfo();
    for (const a of e.arguments ?? []) merge(info, valueInfo(env, a));
    const name = e.expression.getText();
    if (name === 'Date') info.fresh ??= 'new Date()';
    // Building a Set or Map from old entries plus new ones is a union: repeating it changes nothing.
    if (name === 'Set' || name === 'Map') info.derived.clear();
    return info;
  }
  if (ts.isCallExpression(e)) return callInfo(env, e);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return valueInfo(env, e.expression);
  if (ts.isSpreadElement(e) || ts.isAwaitExpression(e) || ts.isTypeOfExpression(e) || ts.isVoidExpression(e)) return valueInfo(env, e.expression);
  return emptyInfo();
}

function callInfo(env: Environment, call: ts.CallExpression): ValueInfo {
  const callee = unwrap(call.expression);
  const calleeText = callee.getText().replace(/\s+/g, '');
  const calleePath = ts.isPropertyAccessExpression(callee) ? pathOf(env, callee.expression) : undefined;
  const info = emptyInfo();
  for (const a of call.arguments) merge(info, valueInfo(env, a));
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    if (calleePath?.root === 'ctx' && calleePath.segments.length === 0 && freshContextMethods.has(method)) {
      info.fresh ??= `ctx.${method}()`;
      return info;
    }
    if (freshSources.includes(calleeText)) {
      info.fresh ??= `${calleeText}()`;
      return info;
    }
    if (calleeText === 'Math.max' || calleeText === 'Math.min') return info;
    const receiver = valueInfo(env, callee.expression);
    // `old.concat(more)` appends to `old`; `old.slice(1)` drops its first element, again on every delivery.
    // `old.slice(0, k).concat(more)` truncates first: the same `k` and `more` rebuild the same array.
    const appends = method === 'concat' && !isTruncation(callee.expression);
    merge(info, appends || (method === 'slice' && dropsFromFront(call.arguments[0])) ? deriveAll(receiver) : receiver);
  }
  return info;
}

/** `xs.slice(0, k)` with a `k` that is not counted from the end: the prefix a rebuild keeps. */
export function isTruncation(e: ts.Expression): boolean {
  const call = unwrap(e);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'slice' || call.arguments.length !== 2) return false;
  const [start, end] = call.arguments.map(unwrap);
  return ts.isNumericLiteral(start) && Number(start.text) === 0 && !(ts.isPrefixUnaryExpression(end) && end.operator === ts.SyntaxKind.MinusToken);
}

/** Whether `xs.slice(start)` drops elements from the front: a start that is not 0 or counted from the end. */
function dropsFromFront(start: ts.Expression | undefined): boolean {
  if (!start) return false;
  const e = unwrap(start);
  if (ts.isNumericLiteral(e)) return Number(e.text) > 0;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) return false;
  return true;
}

/** Whether two state paths overlap: one is the other or lies inside it. */
export function pathsOverlap(a: string, b: string): boolean {
  const inside = (x: string, y: string) => x === y || x.startsWith(`${y}.`) || x.startsWith(`${y}[`);
  return inside(a, b) || inside(b, a);
}
