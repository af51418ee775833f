/**
 * Walks one handler (and the helpers it calls) in order, tracking what local
 * names stand for and which statements sit behind a deduplication guard, and
 * reports every expression that a second delivery would apply again.
 */
import * as ts from 'typescript';
import { addMark, alwaysExits, fieldEntry, type GuardEvidence, type GuardSense, growthMark, guardSense, type Marks, memberMark, removalMark } from './dedupeGuards';
import { recordGap, unrecognisedGuardNote } from './guardSoundness';
import { replyDifference, timerPhrase } from './replyRules';
import { staleReadsOf, staleReplyPhrase } from './staleReplies';
import { argumentBindings, bindPattern, handlerBindings, notebookFunction } from './helperCalls';
import {
  canonicalText, displayPathText, displayText, emptyInfo, type Environment, type Path, pathOf, pathsOverlap, symbolOf,
  pathText, unwrap, valueInfo,
} from './environment';
import type { IdempotencyRule } from './finding';
import type { HandlerSite } from './handlers';
import { compoundPhrase, effectPhrase, freshSendPhrase, selfDerivedPhrase } from './findingWording';

export { handlerBindings };

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
  /** Where each entry was recorded: the expression in the handler (for helpers, the call), shared by both passes. */
  sites: Map<string, ts.Node[]>;
  /** The call in the handler through which a helper is walked. */
  callSite?: ts.Node;
  /** True in the second pass, which reports. */
  final: boolean;
  /** State paths written so far in this pass. */
  written: Set<string>;
  /** Said after every finding that follows a check that looked like a guard and was not one. */
  notes: string[];
}

/** Records that the handler writes `value` at `path` (the other half of a guard), and where. */
function mark(walk: Walk, path: string, value: string, node: ts.Node): void {
  addMark(walk.marks, path, value);
  walk.written.add(path);
  if (walk.final) return;
  let list = walk.sites.get(path);
  if (!list) walk.sites.set(path, (list = []));
  list.push(walk.callSite ?? node);
}

/**
 * The expressions of a message handler that a duplicate delivery would apply
 * again, leaving out those behind a deduplication guard.
 */
export function walkHandler(fn: HelperFunction, checker: ts.TypeChecker, stateType?: ts.Type, visited?: Map<string, ts.Node | null>): WalkEvent[] {
  // First pass: what the handler records (the other half of any guard); second pass: findings.
  const marks: Marks = new Map();
  const sites = new Map<string, ts.Node[]>();
  walkFunction(fn, handlerBindings(fn, checker, visited), { marks, sites, final: false }, [fn], true, stateType);
  return walkFunction(fn, handlerBindings(fn, checker, visited), { marks, sites, final: true }, [fn], true, stateType);
}

/** What both passes share, and which pass it is. */
interface PassState {
  marks: Marks;
  sites: Map<string, ts.Node[]>;
  final: boolean;
  callSite?: ts.Node;
  written?: Set<string>;
  notes?: string[];
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

function walkFunction(fn: HelperFunction, env: Environment, pass: PassState, stack: ts.Node[], returnsState = false, stateType?: ts.Type): WalkEvent[] {
  const walk: Walk = {
    env, marks: pass.marks, sites: pass.sites, final: pass.final, callSite: pass.callSite, events: [], stack, returnsState, stateType,
    written: pass.written ?? new Set(), notes: pass.notes ? [...pass.notes] : [],
  };
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
  let value = unwrap(returned);
  if (ts.isIdentifier(value)) {
    // `const next = { ...state, n: state.n + 1 }; return next;` returns the object it built.
    const declaration = symbolOf(walk.env, value)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) value = unwrap(declaration.initializer);
  }
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
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i];
    walkStatement(walk, statement, guarded, statements.slice(i + 1));
    if (!guarded && ts.isIfStatement(statement)) {
      // `if (duplicate) return;` guards everything after it; so does `if (first) {…} else return;`.
      const evidence: GuardEvidence = { entries: [], notes: [] };
      const sense = senseOf(walk, statement.expression, evidence);
      const exitsOnDuplicate = sense === 'seen' && alwaysExits(statement.thenStatement);
      const exitsOnFirst = sense === 'first' && !!statement.elseStatement && alwaysExits(statement.elseStatement);
      if (!exitsOnDuplicate && !exitsOnFirst) continue;
      const rest = statements.slice(i + 1);
      const gap = walk.final ? recordGap(walk.sites, evidence.entries, rest, statement.expression) : undefined;
      if (gap) {
        // The id is not recorded on every path the work takes: the check does not protect it.
        walk.notes.push(gap);
        continue;
      }
      guarded = true;
      if (walk.final && walk.returnsState) {
        const duplicatePath = exitsOnDuplicate ? [statement.thenStatement] : [statement.elseStatement as ts.Statement];
        const firstPath = exitsOnDuplicate ? rest : [statement.thenStatement, ...rest];
        reportReplyDifference(walk, duplicatePath, firstPath);
      }
    }
  }
}

/** A duplicate that a guard sends down another path must still be answered, and answered alike. */
function reportReplyDifference(walk: Walk, duplicatePath: readonly ts.Node[], firstPath: readonly ts.Node[]): void {
  const ctx = walk.env.ctxName;
  if (!ctx) return;
  const difference = replyDifference(ctx, duplicatePath, firstPath);
  if (difference) walk.events.push({ rule: difference.rule, node: difference.node, phrase: difference.phrase, helpers: [] });
}

function walkStatement(walk: Walk, s: ts.Statement, guarded: boolean, following: readonly ts.Statement[] = []): void {
  if (ts.isBlock(s)) return walkStatements(walk, s.statements, guarded);
  if (ts.isReturnStatement(s) && s.expression) {
    visitExpression(walk, s.expression, guarded);
    return returnedState(walk, s.expression, guarded);
  }
  if (ts.isIfStatement(s)) {
    visitExpression(walk, s.expression, guarded);
    const evidence: GuardEvidence = { entries: [], notes: [] };
    let sense = senseOf(walk, s.expression, evidence);
    if (walk.final && !guarded) {
      // A guard whose record is missing on some path, or a check that only looks like a guard, protects nothing: say so.
      const guardedBranch = sense === 'first' ? s.thenStatement : sense === 'seen' ? s.elseStatement : undefined;
      const gap = guardedBranch && recordGap(walk.sites, evidence.entries, ts.isBlock(guardedBranch) ? guardedBranch.statements : [guardedBranch], s.expression);
      if (gap) {
        walk.notes.push(gap);
        sense = undefined;
      } else if (!sense) {
        const note = unrecognisedGuardNote(walk.env, s.expression, evidence.notes);
        if (note) walk.notes.push(note);
      }
      if (sense && walk.returnsState) {
        const [firstBranch, duplicateBranch] = sense === 'first' ? [s.thenStatement, s.elseStatement] : [s.elseStatement, s.thenStatement];
        if (firstBranch) reportReplyDifference(walk, duplicateBranch ? [duplicateBranch, ...following] : [...following], [firstBranch]);
      }
    }
    walkStatement(walk, s.thenStatement, guarded || sense === 'first');
    if (s.elseStatement) walkStatement(walk, s.elseStatement, guarded || sense === 'seen');
    return;
  }
  if (ts.isVariableStatement(s)) {
    for (const d of s.declarationList.declarations) bindLocal(walk, d, guarded);
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
      for (const d of child.declarations) bindLocal(walk, d, guarded);
    } else if (ts.isCaseBlock(child)) {
      for (const clause of child.clauses) {
        if (ts.isCaseClause(clause)) visitExpression(walk, clause.expression, guarded);
        walkStatements(walk, clause.statements, guarded);
      }
    } else if (ts.isCatchClause(child)) walkStatement(walk, child.block, guarded);
  });
}

/** `const x = …`: walks the initializer and binds the name, noting state it reads before the handler writes it. */
function bindLocal(walk: Walk, d: ts.VariableDeclaration, guarded: boolean): void {
  if (!d.initializer) return;
  visitExpression(walk, d.initializer, guarded);
  const info = valueInfo(walk.env, d.initializer);
  const staleReads = staleReadsOf(walk.env, walk.marks, walk.written, d.initializer, info.reads);
  bindPattern(walk.env, d.name, { path: pathOf(walk.env, d.initializer), info, ...(staleReads ? { staleReads } : {}) });
}

function senseOf(walk: Walk, condition: ts.Expression, evidence?: GuardEvidence): GuardSense | undefined {
  return guardSense(walk.env, condition, walk.marks, (call) => helperGuardSense(walk, call), evidence);
}

function report(walk: Walk, guarded: boolean, rule: IdempotencyRule, node: ts.Node, phrase: string): void {
  if (guarded) return;
  const note = walk.notes.length > 0 ? ` (${walk.notes[walk.notes.length - 1]})` : '';
  walk.events.push({ rule, node, phrase: phrase + note, helpers: [] });
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
      if (node.operator === ts.SyntaxKind.PlusPlusToken) mark(walk, pathText(target), growthMark, node);
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
    if (removed?.root === 'state') mark(walk, pathText(removed), removalMark, node);
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
      mark(walk, written, canonicalText(env, e.right), e);
    } else assignTo(walk, target, e.right, e, guarded);
    return;
  }
  if (monotoneAssignments.has(op)) {
    mark(walk, written, canonicalText(env, e.right), e);
    return;
  }
  if (op === ts.SyntaxKind.PlusEqualsToken && isPositiveNumber(e.right)) mark(walk, written, growthMark, e);
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
  mark(walk, written, canonicalText(env, value), node);
  // `state.lww = { value: msg.value, at: msg.at }` records each field too.
  const literal = unwrap(value);
  if (ts.isObjectLiteralExpression(literal)) {
    for (const p of literal.properties) if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) mark(walk, `${written}.${p.name.text}`, canonicalText(env, p.initializer), node);
  }
}

function isPositiveNumber(e: ts.Expression): boolean {
  const v = unwrap(e);
  return ts.isNumericLiteral(v) && Number(v.text) > 0;
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

const localMutators = new Set(['push', 'unshift', 'splice']);

function call(walk: Walk, e: ts.CallExpression, guarded: boolean): void {
  const env = walk.env;
  const callee = unwrap(e.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const receiver = pathOf(env, callee.expression);
    const method = callee.name.text;
    if (receiver?.root === 'state') return stateMethodCall(walk, e, receiver, method, guarded);
    if (!receiver && localMutators.has(method) && ts.isIdentifier(unwrap(callee.expression))) {
      // `recent.push(ctx.now)` on a local copy of state: storing `recent` later stores the growth.
      const added = emptyInfo();
      for (const a of e.arguments) {
        const info = valueInfo(env, a);
        for (const r of info.reads) added.reads.add(r);
        added.fresh ??= info.fresh;
      }
      updateLocal(env, callee.expression, added, true);
      return;
    }
    if (receiver?.root === 'ctx' && receiver.segments.length === 0) {
      if (method === 'effect') report(walk, guarded, 'unguarded-effect', e, effectPhrase(e));
      if (method === 'setTimer' && walk.returnsState) report(walk, guarded, 'timer-rearm', e, timerPhrase(e));
      if (method === 'send' || method === 'reply' || method === 'broadcast') {
        const phrase = freshSendPhrase(env, e);
        if (phrase) report(walk, guarded, 'fresh-send', e, phrase);
        else if (method === 'reply') {
          const stale = staleReplyPhrase(walk.env, walk.written, e);
          if (stale) report(walk, guarded, 'state-dependent-reply', e, stale);
        }
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
  const inner = walkFunction(helper.fn, helperEnvironment(walk, helper.fn, e), { marks: walk.marks, sites: walk.sites, final: walk.final, callSite: walk.callSite ?? e, written: walk.written, notes: walk.notes }, [...walk.stack, helper.fn], false, walk.stateType);
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
    const inserted = method === 'splice' ? e.arguments.slice(2) : method === 'push' || method === 'unshift' ? e.arguments : [];
    if (method === 'push' && first) mark(walk, `${collection}[${canonicalText(env, first)}]`, memberMark, e);
    // An inserted element is found again by `find` (`${collection}[]`) and by a test of its fields.
    if (inserted.length > 0) mark(walk, `${collection}[]`, memberMark, e);
    for (const item of inserted) {
      const literal = unwrap(item);
      if (!ts.isObjectLiteralExpression(literal)) continue;
      for (const p of literal.properties) {
        if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) mark(walk, fieldEntry(collection, p.name.text, canonicalText(env, p.initializer)), memberMark, e);
        else if (ts.isShorthandPropertyAssignment(p)) mark(walk, fieldEntry(collection, p.name.text, canonicalText(env, p.name)), memberMark, e);
      }
    }
    return;
  }
  if (method === 'add' && first) mark(walk, `${collection}[${canonicalText(env, first)}]`, memberMark, e);
  if (method === 'delete' && first) mark(walk, `${collection}[${canonicalText(env, first)}]`, removalMark, e);
  if (method === 'set' && first && second) {
    const entry = `${collection}[${canonicalText(env, first)}]`;
    const info = valueInfo(env, second);
    const shown = `${displayPathText(collection)}[${displayText(env, first)}]`;
    if ([...info.derived].some((d) => pathsOverlap(d, entry))) report(walk, guarded, 'map-set-derived', e, selfDerivedPhrase(env, shown, entry, second));
    else if (info.fresh) report(walk, guarded, 'nondeterministic-state', e, `stores a new \`${info.fresh}\` in \`${shown}\``);
    mark(walk, entry, canonicalText(env, second), e);
  }
}

/** The notebook function a call invokes, when it is one we can walk. */
function helperOf(walk: Walk, callee: ts.Expression): { fn: HelperFunction; name: string } | undefined {
  const fn = notebookFunction(walk.env, walk.stack, callee);
  if (!fn || fn.getSourceFile().isDeclarationFile) return undefined;
  return { fn, name: (callee as ts.Identifier).text };
}

/** A helper's parameters stand for what the call passes: `credit(state, msg.amount)`. */
function helperEnvironment(walk: Walk, fn: HelperFunction, e: ts.CallExpression): Environment {
  return argumentBindings(walk.env, [...walk.stack, fn], fn, e);
}

/**
 * A helper used as a guard condition: `alreadyApplied(state, msg)` returning
 * `s.applied.has(m.id)`, or a check-and-record helper that returns `false`
 * for a duplicate.
 */
function helperGuardSense(walk: Walk, e: ts.CallExpression): GuardSense | undefined {
  const helper = helperOf(walk, unwrap(e.expression));
  if (!helper) return undefined;
  const inner: Walk = {
    env: helperEnvironment(walk, helper.fn, e), marks: walk.marks, sites: walk.sites, final: walk.final, callSite: walk.callSite ?? e, events: [], stack: [...walk.stack, helper.fn],
    returnsState: false, written: walk.written, notes: [],
  };
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
