/**
 * Walks one handler (and the helpers it calls) in order, tracking what local
 * names stand for and which statements sit behind a deduplication guard, and
 * reports every expression that a second delivery would apply again.
 */
import * as ts from 'typescript';
import { addMark, alwaysExits, type GuardSense, guardSense, type Marks, memberMark, removalMark } from './dedupeGuards';
import {
  type Binding, canonicalText, displayPathText, displayText, emptyInfo, type Environment, type Path, pathOf, pathsOverlap, symbolOf,
  pathText, type Root, unwrap, valueInfo,
} from './environment';
import type { IdempotencyRule } from './finding';
import { functionDeclarationOf, type HandlerSite } from './handlers';
import { compoundPhrase, effectPhrase, freshSendPhrase, selfDerivedPhrase } from './findingWording';

/** An expression a duplicate would repeat, in the function where it was found. */
export interface WalkEvent {
  rule: IdempotencyRule;
  /** Where to report it: the expression in the handler (a call, for findings inside helpers). */
  node: ts.Node;
  /** What a duplicate does, without the subject: "adds `msg.amount` to `balance` again". */
  phrase: string;
  /** The helpers the finding was reached through, outermost first. */
  helpers: string[];
  /** The expression inside the innermost helper, for findings reached through helpers. */
  origin?: ts.Node;
}

type HelperFunction = HandlerSite['fn'];

interface Walk {
  env: Environment;
  marks: Marks;
  events: WalkEvent[];
  /** Helpers being walked (no recursion). */
  stack: ts.Node[];
  /** Whether a returned object is the node's next state (true for the handler itself, not its helpers). */
  returnsState: boolean;
  /** The state's declared type (`node<State, …>`), when written out. */
  stateType?: ts.Type;
}

const maxHelperDepth = 6;

/**
 * The expressions of a message handler that a duplicate delivery would apply
 * again, leaving out those behind a deduplication guard.
 */
export function walkHandler(fn: HelperFunction, checker: ts.TypeChecker, stateType?: ts.Type, visited?: Map<string, ts.Node | null>): WalkEvent[] {
  // First pass: what the handler records (the other half of any guard); second pass: findings.
  const marks: Marks = new Map();
  walkFunction(fn, handlerBindings(fn, checker, visited), marks, [fn], true, stateType);
  return walkFunction(fn, handlerBindings(fn, checker, visited), marks, [fn], true, stateType);
}

/**
 * Whether the state at `path` is a string, from the declared state type.
 * (Asking the checker for the expression's type would check the whole
 * `node(…)` call on every keystroke; the declared type is nearly free.)
 */
function isTextAt(walk: Walk, path: Path): boolean {
  let type = walk.stateType;
  for (const segment of path.segments) {
    if (!type) return false;
    if (segment.startsWith('.')) {
      const property = type.getProperty(segment.slice(1));
      type = property && walk.env.checker.getTypeOfSymbol(property);
    } else type = walk.env.checker.getIndexTypeOfType(type, ts.IndexKind.String) ?? walk.env.checker.getIndexTypeOfType(type, ts.IndexKind.Number);
  }
  return !!type && (type.flags & ts.TypeFlags.StringLike) !== 0;
}

/** The environment of a handler: its parameters stand for `state`, `msg` and `ctx`. */
export function handlerBindings(fn: HelperFunction, checker: ts.TypeChecker, visited?: Map<string, ts.Node | null>): Environment {
  const env: Environment = { checker, bindings: new Map(), visited };
  env.returnedPath = (call) => returnedPath(env, [fn], call);
  const roots: Root[] = ['state', 'msg', 'ctx'];
  fn.parameters.forEach((parameter, i) => {
    if (i < roots.length) bindPattern(env, parameter.name, { path: { root: roots[i], segments: [] }, info: emptyInfo() });
  });
  return env;
}

function walkFunction(fn: HelperFunction, env: Environment, marks: Marks, stack: ts.Node[], returnsState = false, stateType?: ts.Type): WalkEvent[] {
  const walk: Walk = { env, marks, events: [], stack, returnsState, stateType };
  if (ts.isBlock(fn.body)) walkStatements(walk, fn.body.statements, false);
  else {
    visitExpression(walk, fn.body, false);
    returnedState(walk, fn.body, false);
  }
  return walk.events;
}

/**
 * A handler may return the next state instead of changing it in place:
 * `return { ...state, balance: state.balance + msg.amount }` repeats like `+=`.
 */
function returnedState(walk: Walk, returned: ts.Expression, guarded: boolean): void {
  const value = unwrap(returned);
  if (!walk.returnsState || !ts.isObjectLiteralExpression(value)) return;
  for (const p of value.properties) {
    if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
    const written = `state.${p.name.text}`;
    const info = valueInfo(walk.env, p.initializer);
    if ([...info.derived].some((d) => pathsOverlap(d, written))) report(walk, guarded, 'self-derived-assignment', p, selfDerivedPhrase(walk.env, p.name.text, written, p.initializer));
    else if (info.fresh) report(walk, guarded, 'nondeterministic-state', p, `stores a new \`${info.fresh}\` in \`${p.name.text}\``);
  }
}

function walkStatements(walk: Walk, statements: readonly ts.Statement[], guarded: boolean): void {
  for (const statement of statements) {
    walkStatement(walk, statement, guarded);
    if (!guarded && ts.isIfStatement(statement)) {
      // `if (duplicate) return;` guards everything after it; so does `if (first) {…} else return;`.
      const sense = senseOf(walk, statement.expression);
      if (sense === 'seen' && alwaysExits(statement.thenStatement)) guarded = true;
      if (sense === 'first' && statement.elseStatement && alwaysExits(statement.elseStatement)) guarded = true;
    }
  }
}

function walkStatement(walk: Walk, s: ts.Statement, guarded: boolean): void {
  if (ts.isBlock(s)) return walkStatements(walk, s.statements, guarded);
  if (ts.isReturnStatement(s) && s.expression) {
    visitExpression(walk, s.expression, guarded);
    return returnedState(walk, s.expression, guarded);
  }
  if (ts.isIfStatement(s)) {
    visitExpression(walk, s.expression, guarded);
    const sense = senseOf(walk, s.expression);
    walkStatement(walk, s.thenStatement, guarded || sense === 'first');
    if (s.elseStatement) walkStatement(walk, s.elseStatement, guarded || sense === 'seen');
    return;
  }
  if (ts.isVariableStatement(s)) {
    for (const d of s.declarationList.declarations) {
      if (!d.initializer) continue;
      visitExpression(walk, d.initializer, guarded);
      bindPattern(walk.env, d.name, { path: pathOf(walk.env, d.initializer), info: valueInfo(walk.env, d.initializer) });
    }
    return;
  }
  if (ts.isForOfStatement(s) || ts.isForInStatement(s)) {
    visitExpression(walk, s.expression, guarded);
    const iterated = pathOf(walk.env, s.expression);
    const info = valueInfo(walk.env, s.expression);
    info.derived.clear();
    if (ts.isVariableDeclarationList(s.initializer)) {
      for (const d of s.initializer.declarations) bindPattern(walk.env, d.name, { path: iterated && { root: iterated.root, segments: [...iterated.segments, '[]'] }, info });
    }
    return walkStatement(walk, s.statement, guarded);
  }
  ts.forEachChild(s, (child) => {
    if (ts.isStatement(child)) walkStatement(walk, child, guarded);
    else if (ts.isExpression(child)) visitExpression(walk, child, guarded);
    else if (ts.isVariableDeclarationList(child)) {
      for (const d of child.declarations) {
        if (!d.initializer) continue;
        visitExpression(walk, d.initializer, guarded);
        bindPattern(walk.env, d.name, { path: pathOf(walk.env, d.initializer), info: valueInfo(walk.env, d.initializer) });
      }
    } else if (ts.isCaseBlock(child)) {
      for (const clause of child.clauses) {
        if (ts.isCaseClause(clause)) visitExpression(walk, clause.expression, guarded);
        walkStatements(walk, clause.statements, guarded);
      }
    } else if (ts.isCatchClause(child)) walkStatement(walk, child.block, guarded);
  });
}

/** Binds the names of a declaration (or parameter) to what its initializer stands for. */
function bindPattern(env: Environment, name: ts.BindingName, binding: Binding): void {
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

function senseOf(walk: Walk, condition: ts.Expression): GuardSense | undefined {
  return guardSense(walk.env, condition, walk.marks, (call) => helperGuardSense(walk, call));
}

function report(walk: Walk, guarded: boolean, rule: IdempotencyRule, node: ts.Node, phrase: string): void {
  if (!guarded) walk.events.push({ rule, node, phrase, helpers: [] });
}

function visitExpression(walk: Walk, node: ts.Node, guarded: boolean): void {
  const env = walk.env;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    // Callbacks (`msg.items.forEach(x => …)`) run as part of the handler.
    if (node.body && ts.isBlock(node.body)) walkStatements(walk, node.body.statements, guarded);
    else if (node.body) visitExpression(walk, node.body, guarded);
    return;
  }
  if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
    visitExpression(walk, node.right, guarded);
    return assignment(walk, node, guarded);
  }
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
    // A bare name is a local variable: `n++` never changes state, even when `n` was read from it.
    const target = ts.isIdentifier(unwrap(node.operand)) ? undefined : pathOf(env, node.operand);
    if (target?.root === 'state') {
      const verb = node.operator === ts.SyntaxKind.PlusPlusToken ? 'increments' : 'decrements';
      report(walk, guarded, 'increment', node, `${verb} \`${displayPathText(pathText(target))}\` again`);
    } else updateLocal(env, node.operand, valueInfo(env, node.operand), true);
    return;
  }
  if (ts.isCallExpression(node)) {
    ts.forEachChild(node, (child) => visitExpression(walk, child, guarded));
    return call(walk, node, guarded);
  }
  if (ts.isDeleteExpression(node)) {
    const removed = pathOf(env, node.expression);
    if (removed?.root === 'state') addMark(walk.marks, pathText(removed), removalMark);
    return;
  }
  ts.forEachChild(node, (child) => visitExpression(walk, child, guarded));
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** A local variable takes a new value; `derive` when it is computed from its old one. */
function updateLocal(env: Environment, target: ts.Expression, info: ReturnType<typeof valueInfo>, derive: boolean): void {
  const e = unwrap(target);
  if (!ts.isIdentifier(e)) return;
  const symbol = symbolOf(env, e);
  if (!symbol) return;
  const old = env.bindings.get(symbol);
  if (derive) {
    const merged = emptyInfo();
    for (const source of [old?.info, info]) {
      if (!source) continue;
      for (const r of source.reads) merged.reads.add(r);
      for (const d of source.derived) merged.derived.add(d);
      merged.fresh ??= source.fresh;
    }
    if (old?.path?.root === 'state') merged.reads.add(pathText(old.path));
    for (const r of merged.reads) merged.derived.add(r);
    env.bindings.set(symbol, { info: merged });
  } else env.bindings.set(symbol, { path: pathOf(env, target === e ? e : target), info });
}

const monotoneAssignments = new Set([ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken]);

function assignment(walk: Walk, e: ts.BinaryExpression, guarded: boolean): void {
  const env = walk.env;
  const op = e.operatorToken.kind;
  const left = unwrap(e.left);
  const target = ts.isIdentifier(left) ? undefined : pathOf(env, left);
  if (!target) {
    if (ts.isIdentifier(left)) {
      const info = valueInfo(env, e.right);
      if (op === ts.SyntaxKind.EqualsToken) {
        const symbol = symbolOf(env, left);
        if (symbol) env.bindings.set(symbol, { path: pathOf(env, e.right), info });
      } else updateLocal(env, left, info, !monotoneAssignments.has(op));
    }
    return;
  }
  if (target.root !== 'state') return;
  const written = pathText(target);
  const shown = displayPathText(written);
  if (op === ts.SyntaxKind.EqualsToken) {
    if (ts.isElementAccessExpression(left) && isLengthOf(env, left.argumentExpression, left.expression)) {
      report(walk, guarded, 'array-mutation', e, `appends \`${displayText(env, e.right)}\` to \`${displayText(env, left.expression)}\` again`);
      addMark(walk.marks, written, canonicalText(env, e.right));
    } else assignTo(walk, target, e.right, e, guarded);
    return;
  }
  if (monotoneAssignments.has(op)) {
    addMark(walk.marks, written, canonicalText(env, e.right));
    return;
  }
  const isText = ts.isStringLiteralLike(unwrap(e.right)) || ts.isTemplateExpression(unwrap(e.right)) || isTextAt(walk, target);
  report(walk, guarded, 'compound-assignment', e, compoundPhrase(op, shown, displayText(env, e.right), isText));
}

/** `target = value`: repeats when the value grows from the old one, or is fresh each time. */
function assignTo(walk: Walk, target: Path, value: ts.Expression, node: ts.Node, guarded: boolean): void {
  const env = walk.env;
  const written = pathText(target);
  const shown = displayPathText(written);
  const info = valueInfo(env, value);
  if ([...info.derived].some((d) => pathsOverlap(d, written))) report(walk, guarded, 'self-derived-assignment', node, selfDerivedPhrase(env, shown, written, value));
  else if (info.fresh) report(walk, guarded, 'nondeterministic-state', node, `stores a new \`${info.fresh}\` in \`${shown}\``);
  addMark(walk.marks, written, canonicalText(env, value));
}

/** `xs.length` used as the index into `xs`: an append. */
function isLengthOf(env: Environment, key: ts.Expression, array: ts.Expression): boolean {
  const k = unwrap(key);
  if (!ts.isPropertyAccessExpression(k) || k.name.text !== 'length') return false;
  const a = pathOf(env, array);
  const b = pathOf(env, k.expression);
  return !!a && !!b && pathText(a) === pathText(b);
}

const arrayPhrases: Record<string, (item: string, array: string) => string> = {
  push: (item, array) => `appends \`${item}\` to \`${array}\` again`,
  unshift: (item, array) => `prepends \`${item}\` to \`${array}\` again`,
  splice: (_item, array) => `splices \`${array}\` again`,
  pop: (_item, array) => `removes another element from \`${array}\``,
  shift: (_item, array) => `takes another element off \`${array}\``,
};

function call(walk: Walk, e: ts.CallExpression, guarded: boolean): void {
  const env = walk.env;
  const callee = unwrap(e.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const receiver = pathOf(env, callee.expression);
    const method = callee.name.text;
    if (receiver?.root === 'state') return stateMethodCall(walk, e, receiver, method, guarded);
    if (receiver?.root === 'ctx' && receiver.segments.length === 0) {
      if (method === 'effect') report(walk, guarded, 'unguarded-effect', e, effectPhrase(e));
      if (method === 'send' || method === 'reply' || method === 'broadcast') {
        const phrase = freshSendPhrase(env, e);
        if (phrase) report(walk, guarded, 'fresh-send', e, phrase);
      }
      return;
    }
  }
  if (callee.getText() === 'Object.assign' && e.arguments.length >= 2) {
    // `Object.assign(state, { count: state.count + 1 })` assigns each property.
    const target = pathOf(env, e.arguments[0]);
    if (target?.root !== 'state') return;
    for (const source of e.arguments.slice(1)) {
      const properties = unwrap(source);
      if (!ts.isObjectLiteralExpression(properties)) continue;
      for (const p of properties.properties) {
        if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) assignTo(walk, { root: 'state', segments: [...target.segments, `.${p.name.text}`] }, p.initializer, p, guarded);
      }
    }
    return;
  }
  const helper = helperOf(walk, callee);
  if (!helper) return;
  const inner = walkFunction(helper.fn, helperEnvironment(walk, helper.fn, e), walk.marks, [...walk.stack, helper.fn], false, walk.stateType);
  if (guarded) return;
  for (const event of inner) {
    walk.events.push({ rule: event.rule, node: e, phrase: event.phrase, helpers: [helper.name, ...event.helpers], origin: event.origin ?? event.node });
  }
}

function stateMethodCall(walk: Walk, e: ts.CallExpression, receiver: Path, method: string, guarded: boolean): void {
  const env = walk.env;
  const collection = pathText(receiver);
  const [first, second] = e.arguments;
  const phrase = arrayPhrases[method];
  if (phrase) {
    report(walk, guarded, 'array-mutation', e, phrase(first ? displayText(env, first) : '', displayPathText(collection)));
    if (method === 'push' && first) addMark(walk.marks, `${collection}[${canonicalText(env, first)}]`, memberMark);
    return;
  }
  if (method === 'add' && first) addMark(walk.marks, `${collection}[${canonicalText(env, first)}]`, memberMark);
  if (method === 'delete' && first) addMark(walk.marks, `${collection}[${canonicalText(env, first)}]`, removalMark);
  if (method === 'set' && first && second) {
    const entry = `${collection}[${canonicalText(env, first)}]`;
    const info = valueInfo(env, second);
    const shown = `${displayPathText(collection)}[${displayText(env, first)}]`;
    if ([...info.derived].some((d) => pathsOverlap(d, entry))) report(walk, guarded, 'map-set-derived', e, selfDerivedPhrase(env, shown, entry, second));
    else if (info.fresh) report(walk, guarded, 'nondeterministic-state', e, `stores a new \`${info.fresh}\` in \`${shown}\``);
    addMark(walk.marks, entry, canonicalText(env, second));
  }
}

/** The notebook function a call invokes, when it is one we can walk. */
function helperOf(walk: Walk, callee: ts.Expression): { fn: HelperFunction; name: string } | undefined {
  if (walk.stack.length > maxHelperDepth || !ts.isIdentifier(callee)) return undefined;
  let symbol = symbolOf(walk.env, callee);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = walk.env.checker.getAliasedSymbol(symbol);
  const fn = symbol && functionDeclarationOf(symbol);
  walk.env.visited?.set(callee.text, fn ?? null);
  if (!fn || walk.stack.includes(fn) || fn.getSourceFile().isDeclarationFile) return undefined;
  return { fn, name: callee.text };
}

/** A helper's parameters stand for what the call passes: `credit(state, msg.amount)`. */
function helperEnvironment(walk: Walk, fn: HelperFunction, e: ts.CallExpression): Environment {
  return argumentBindings(walk.env, [...walk.stack, fn], fn, e);
}

function argumentBindings(caller: Environment, stack: ts.Node[], fn: HelperFunction, e: ts.CallExpression): Environment {
  const env: Environment = { checker: caller.checker, bindings: new Map(), visited: caller.visited };
  env.returnedPath = (call) => returnedPath(env, stack, call);
  fn.parameters.forEach((parameter, i) => {
    const argument = e.arguments[i];
    if (argument) bindPattern(env, parameter.name, { path: pathOf(caller, argument), info: valueInfo(caller, argument) });
  });
  return env;
}

/** The place a helper returns, when its one `return` gives a path: `getAccount(s, k) { return s.accounts[k]; }`. */
function returnedPath(env: Environment, stack: ts.Node[], call: ts.CallExpression): Path | undefined {
  const callee = unwrap(call.expression);
  if (stack.length > maxHelperDepth || !ts.isIdentifier(callee)) return undefined;
  let symbol = symbolOf(env, callee);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = env.checker.getAliasedSymbol(symbol);
  const fn = symbol && functionDeclarationOf(symbol);
  env.visited?.set(callee.text, fn ?? null);
  if (!fn || stack.includes(fn)) return undefined;
  let returned: ts.Expression | undefined;
  if (ts.isBlock(fn.body)) {
    const returns = fn.body.statements.filter(ts.isReturnStatement);
    returned = returns.length === 1 ? returns[0].expression : undefined;
  } else returned = fn.body;
  return returned && pathOf(argumentBindings(env, [...stack, fn], fn, call), returned);
}

/**
 * A helper used as a guard condition: `alreadyApplied(state, msg)` returning
 * `s.applied.has(m.id)`, or a check-and-record helper that returns `false`
 * for a duplicate.
 */
function helperGuardSense(walk: Walk, e: ts.CallExpression): GuardSense | undefined {
  const helper = helperOf(walk, unwrap(e.expression));
  if (!helper) return undefined;
  const inner: Walk = { env: helperEnvironment(walk, helper.fn, e), marks: walk.marks, events: [], stack: [...walk.stack, helper.fn], returnsState: false };
  const body = helper.fn.body;
  if (!ts.isBlock(body)) return senseOf(inner, body);
  for (const statement of body.statements) {
    if (ts.isReturnStatement(statement) && statement.expression) {
      const value = unwrap(statement.expression);
      return value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword ? undefined : senseOf(inner, statement.expression);
    }
    if (ts.isIfStatement(statement) && !statement.elseStatement) {
      const returned = returnedLiteral(statement.thenStatement);
      const sense = returned === undefined ? undefined : senseOf(inner, statement.expression);
      if (sense && returned !== undefined) {
        // Returns `returned` on a duplicate (sense 'seen') or on a first delivery (sense 'first').
        const trueMeansSeen = sense === 'seen' ? returned : !returned;
        return trueMeansSeen ? 'seen' : 'first';
      }
    }
  }
  return undefined;
}

function returnedLiteral(statement: ts.Statement): boolean | undefined {
  const s = ts.isBlock(statement) && statement.statements.length === 1 ? statement.statements[0] : statement;
  if (!ts.isReturnStatement(s) || !s.expression) return undefined;
  if (s.expression.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (s.expression.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}
