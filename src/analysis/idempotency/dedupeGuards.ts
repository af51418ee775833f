/**
 * Recognises deduplication guards: a condition that is true exactly when this
 * message was already applied, because the handler records something the
 * condition tests. `if (state.seen.has(msg.id)) return; … state.seen.add(msg.id)`
 * is one; so are a sequence-number check paired with storing the number, a
 * state-machine check paired with the transition, and helpers that do either.
 * A check with no matching record (or a record under another key) is not a guard.
 */
import * as ts from 'typescript';
import { canonicalText, type Environment, pathOf, pathText, unwrap } from './environment';

/**
 * What a handler records in state: for each path written, the values written
 * to it (canonical text), `*` for membership (`add`, `set`, `push`, `x[k] = …`).
 */
export type Marks = Map<string, Set<string>>;

export const memberMark = '*';

/** The mark of a removal (`delete`): a pending entry that is consumed by the first delivery. */
export const removalMark = '-';

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
export function guardSense(env: Environment, condition: ts.Expression, marks: Marks, helperSense: HelperSense): GuardSense | undefined {
  const e = unwrap(condition);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return flip(guardSense(env, e.operand, marks, helperSense));
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      const left = guardSense(env, e.left, marks, helperSense);
      const right = guardSense(env, e.right, marks, helperSense);
      // `dup || other` skips every duplicate; `first && other` runs only on first deliveries.
      const wanted: GuardSense = op === ts.SyntaxKind.BarBarToken ? 'seen' : 'first';
      return left === wanted || right === wanted ? wanted : undefined;
    }
    return comparisonSense(env, e, marks);
  }
  if (ts.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'has' || callee.name.text === 'includes') && e.arguments.length >= 1) {
      const set = pathOf(env, callee.expression);
      if (set?.root === 'state') return membershipSense(marks, `${pathText(set)}[${canonicalText(env, e.arguments[0])}]`);
    }
    const viaHelper = helperSense(e);
    if (viaHelper) return viaHelper;
  }
  // A truthiness test of a recorded entry: `state.applied[msg.id]`, `cached` (= `state.results.get(msg.id)`).
  const path = pathOf(env, e);
  return path?.root === 'state' ? membershipSense(marks, pathText(path)) : undefined;
}

/**
 * An entry the handler records is there on a duplicate (`seen`); an entry the
 * handler removes is there only on the first delivery (`first`: a pending request).
 */
function membershipSense(marks: Marks, entry: string): GuardSense | undefined {
  const written = marks.get(entry);
  if (!written) return undefined;
  if (written.size === 1 && written.has(removalMark)) return 'first';
  return written.has(removalMark) ? undefined : 'seen';
}

function comparisonSense(env: Environment, e: ts.BinaryExpression, marks: Marks): GuardSense | undefined {
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
  const absent = absenceSense(op, written, value);
  if (absent) return absent;
  if (!written.has(canonicalText(env, value))) return transitionSense(op, written, value);
  switch (op) {
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
    case ts.SyntaxKind.EqualsEqualsToken:
      return 'seen';
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsToken:
      return 'first';
    default: {
      // After `recorded = value`, a duplicate has value === recorded: `value <= recorded` catches it, `value > recorded` lets only new ones through.
      const valueOp = flipped ? mirror(op) : op;
      if (valueOp === ts.SyntaxKind.LessThanEqualsToken) return 'seen';
      if (valueOp === ts.SyntaxKind.GreaterThanToken) return 'first';
      return undefined;
    }
  }
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
  if (![...written].every((w) => w !== constant && w !== memberMark && w !== removalMark && isConstantText(w))) return undefined;
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
