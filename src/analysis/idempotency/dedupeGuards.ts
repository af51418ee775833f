/**
 * Recognises deduplication guards: a condition that is true exactly when this
 * message was already applied, because the handler records something the
 * condition tests. `if (state.seen.has(msg.id)) return; … state.seen.add(msg.id)`
 * is one; so are a sequence-number check paired with storing the number, a
 * state-machine check paired with the transition, and helpers that do either.
 * A check with no matching record (or a record under another key) is not a guard.
 */
import * as ts from 'typescript';
import { canonicalText, displayPathText, type Environment, pathOf, pathText, unwrap } from './environment';

/**
 * What a handler records in state: for each path written, the values written
 * to it (canonical text), `*` for membership (`add`, `set`, `push`, `x[k] = …`).
 */
export type Marks = Map<string, Set<string>>;

export const memberMark = '*';

/** The mark of a removal (`delete`): a pending entry that is consumed by the first delivery. */
export const removalMark = '-';

/** The mark of a strict increase (`+= 1`, `++`): after it the value exceeds what a guard compared it with. */
export const growthMark = '+';

/**
 * What a guard test found out, beyond its sense: the recorded entries it
 * tests (so the walk can check that every path records them), and why a test
 * that looks like a guard is not one.
 */
export interface GuardEvidence {
  entries: string[];
  notes: string[];
}

/** The entry `xs[.id=msg.id]`: an element of `xs` whose field `id` is `msg.id` (from `xs.some((x) => x.id === msg.id)`, or a pushed `{ id: msg.id }`). */
export function fieldEntry(collection: string, field: string, value: string): string {
  return `${collection}[.${field}=${value}]`;
}

export function addMark(marks: Marks, path: string, value: string): void {
  let values = marks.get(path);
  if (!values) marks.set(path, (values = new Set()));
  values.add(value);
}

/** `seen`: true means a duplicate (skip the work); `first`: true means the first delivery. */
export type GuardSense = 'seen' | 'first';

/** Follows a call to a helper the guard condition depends on; undefined when it is not a helper. */
export type HelperSense = (call: ts.CallExpression) => GuardSense | undefined;

function flip(sense: GuardSense | undefined): GuardSense | undefined {
  return sense === 'seen' ? 'first' : sense === 'first' ? 'seen' : undefined;
}

/** Whether `condition` is a guard, and in which sense, given what the handler records. */
export function guardSense(env: Environment, condition: ts.Expression, marks: Marks, helperSense: HelperSense, evidence?: GuardEvidence): GuardSense | undefined {
  const e = unwrap(condition);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return flip(guardSense(env, e.operand, marks, helperSense, evidence));
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      const left = guardSense(env, e.left, marks, helperSense, evidence);
      const right = guardSense(env, e.right, marks, helperSense, evidence);
      // `dup || other` skips every duplicate; `first && other` runs only on first deliveries.
      const wanted: GuardSense = op === ts.SyntaxKind.BarBarToken ? 'seen' : 'first';
      return left === wanted || right === wanted ? wanted : undefined;
    }
    return comparisonSense(env, e, marks, evidence);
  }
  if (ts.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'has' || callee.name.text === 'includes') && e.arguments.length >= 1) {
      const set = pathOf(env, callee.expression);
      if (set?.root === 'state') return membershipSense(marks, `${pathText(set)}[${canonicalText(env, e.arguments[0])}]`, evidence);
    }
    const byField = fieldTest(env, e);
    if (byField) return membershipSense(marks, byField, evidence);
    const viaHelper = helperSense(e);
    if (viaHelper) return viaHelper;
  }
  // A truthiness test of a recorded entry: `state.applied[msg.id]`, `cached` (= `state.results.get(msg.id)`).
  const path = pathOf(env, e);
  return path?.root === 'state' ? membershipSense(marks, pathText(path), evidence) : undefined;
}

/** `xs.some((x) => x.id === msg.id)` (or `find`): the entry of an element with that field value. */
function fieldTest(env: Environment, call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !['some', 'find', 'findLast'].includes(callee.name.text)) return undefined;
  const collection = pathOf(env, callee.expression);
  const callback = call.arguments[0];
  if (collection?.root !== 'state' || !callback || !ts.isArrowFunction(callback) || callback.parameters.length < 1) return undefined;
  const parameter = callback.parameters[0].name;
  let body: ts.Node = callback.body;
  if (ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    if (!only || !ts.isReturnStatement(only) || !only.expression) return undefined;
    body = only.expression;
  }
  const test = unwrap(body as ts.Expression);
  if (!ts.isIdentifier(parameter) || !ts.isBinaryExpression(test) || test.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken) return undefined;
  const sides = [unwrap(test.left), unwrap(test.right)];
  const ownField = sides.findIndex((side) => ts.isPropertyAccessExpression(side) && ts.isIdentifier(side.expression) && side.expression.text === parameter.text);
  if (ownField < 0) return undefined;
  const field = (sides[ownField] as ts.PropertyAccessExpression).name.text;
  return fieldEntry(pathText(collection), field, canonicalText(env, sides[1 - ownField]));
}

/**
 * An entry the handler records is there on a duplicate (`seen`); an entry the
 * handler removes is there only on the first delivery (`first`: a pending request).
 */
function membershipSense(marks: Marks, entry: string, evidence?: GuardEvidence): GuardSense | undefined {
  const written = marks.get(entry);
  if (!written) return undefined;
  evidence?.entries.push(entry);
  if (written.size === 1 && written.has(removalMark)) return 'first';
  return written.has(removalMark) ? undefined : 'seen';
}

function comparisonSense(env: Environment, e: ts.BinaryExpression, marks: Marks, evidence?: GuardEvidence): GuardSense | undefined {
  const op = e.operatorToken.kind;
  const leftPath = pathOf(env, e.left);
  const rightPath = pathOf(env, e.right);
  // Normalise to `value OP recorded`, where `recorded` is the state path.
  let recorded: string;
  let value: ts.Expression;
  let flipped: boolean;
  if (leftPath?.root === 'state') [recorded, value, flipped] = [pathText(leftPath), e.right, true];
  else if (rightPath?.root === 'state') [recorded, value, flipped] = [pathText(rightPath), e.left, false];
  else return undefined;
  const written = marks.get(recorded);
  if (!written) return undefined;
  evidence?.entries.push(recorded);
  const absent = absenceSense(op, written, value);
  if (absent) return absent;
  const valueOp = flipped ? mirror(op) : op;
  if (!written.has(canonicalText(env, value))) return growthSense(valueOp, written) ?? transitionSense(op, written, value);
  switch (op) {
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
    case ts.SyntaxKind.EqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsToken: {
      if (holdsOnlyTheLast(env, recorded, value)) {
        // `if (state.lastId.get(msg.client) === msg.id) return` forgets an id as soon as the next one comes.
        evidence?.notes.push(`\`${displayPathText(recorded)}\` holds only the last \`${canonicalText(env, value)}\`, so a duplicate that arrives after the next message is applied again; record every id (a Set, or a sequence number per sender)`);
        return undefined;
      }
      return op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken ? 'seen' : 'first';
    }
    default: {
      // After `recorded = value`, a duplicate has value === recorded: `value <= recorded` catches it, `value > recorded` lets only new ones through.
      if (valueOp === ts.SyntaxKind.LessThanEqualsToken) return 'seen';
      if (valueOp === ts.SyntaxKind.GreaterThanToken) return 'first';
      return undefined;
    }
  }
}

/**
 * A slot that holds one message value at a time: the recorded path is not
 * keyed by the value it is compared with (`lastId[msg.client] === msg.id`,
 * `lastRequest === msg.id`), so the next message overwrites it.
 */
function holdsOnlyTheLast(env: Environment, recorded: string, value: ts.Expression): boolean {
  const path = pathOf(env, value);
  if (path?.root !== 'msg') return false;
  return !recorded.endsWith(`[${pathText(path)}]`);
}

/**
 * A guard that rejects what is behind the recorded value, when the handler
 * then increases it: `if (msg.term < state.term) return; … state.term += 1`.
 * A delivery that passes has value <= recorded; after the increase value <
 * recorded, so the duplicate is rejected (Raft's term check).
 */
function growthSense(valueOp: ts.SyntaxKind, written: Set<string>): GuardSense | undefined {
  if (!written.has(growthMark)) return undefined;
  if (valueOp === ts.SyntaxKind.LessThanToken) return 'seen';
  if (valueOp === ts.SyntaxKind.GreaterThanEqualsToken) return 'first';
  return undefined;
}

/**
 * A test for absence of an entry the handler fills in:
 * `if (state.results.get(msg.id) !== undefined) return …` after
 * `state.results.set(msg.id, r)`, or `if (state.decided === null) { state.decided = msg.v; … }`.
 * After the first delivery the entry holds a value, so a duplicate sees it.
 */
function absenceSense(op: ts.SyntaxKind, written: Set<string>, value: ts.Expression): GuardSense | undefined {
  const e = unwrap(value);
  const nothing = e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
  if (!nothing || written.has(removalMark) || written.has('undefined') || written.has('null')) return undefined;
  switch (op) {
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsToken:
      return 'seen';
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
    case ts.SyntaxKind.EqualsEqualsToken:
      return 'first';
    default:
      return undefined;
  }
}

/**
 * A state-machine guard on the state a transition starts from:
 * `if (state.phase !== 'prepared') return; state.phase = 'committed';` — after
 * the first delivery the phase is another constant, so a duplicate returns.
 */
function transitionSense(op: ts.SyntaxKind, written: Set<string>, value: ts.Expression): GuardSense | undefined {
  const from = unwrap(value);
  if (!isConstant(from)) return undefined;
  const constant = ts.isStringLiteralLike(from) ? JSON.stringify(from.text) : from.getText();
  if (![...written].every((w) => w !== constant && w !== memberMark && w !== removalMark && w !== growthMark && isConstantText(w))) return undefined;
  if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) return 'first';
  if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return 'seen';
  return undefined;
}

function isConstant(e: ts.Expression): boolean {
  return ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword;
}

/** Canonical texts of constants, as `canonicalText` writes them. */
function isConstantText(text: string): boolean {
  return /^(".*"|-?\d+(\.\d+)?|true|false|null)$/.test(text);
}

function mirror(op: ts.SyntaxKind): ts.SyntaxKind {
  switch (op) {
    case ts.SyntaxKind.LessThanToken: return ts.SyntaxKind.GreaterThanToken;
    case ts.SyntaxKind.GreaterThanToken: return ts.SyntaxKind.LessThanToken;
    case ts.SyntaxKind.LessThanEqualsToken: return ts.SyntaxKind.GreaterThanEqualsToken;
    case ts.SyntaxKind.GreaterThanEqualsToken: return ts.SyntaxKind.LessThanEqualsToken;
    default: return op;
  }
}

/** Whether a statement always leaves the function (ends in `return` or `throw`). */
export function alwaysExits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) return statement.statements.length > 0 && alwaysExits(statement.statements[statement.statements.length - 1]);
  if (ts.isIfStatement(statement)) return !!statement.elseStatement && alwaysExits(statement.thenStatement) && alwaysExits(statement.elseStatement);
  return false;
}
