/**
 * Whether a deduplication guard protects what follows it: the handler must
 * record what the guard tests on every path that does the work, before it
 * can leave. `if (seen.has(id)) return; if (amount > 0) seen.add(id); …`
 * records only sometimes, and `if (seen.has(id)) return; balance += a; if
 * (big) return; seen.add(id);` leaves before recording; in both a duplicate
 * of the unrecorded message is applied again. Also: what to tell a user
 * whose check looks like a guard but is not understood as one.
 */
import * as ts from 'typescript';
import { displayPathText, type Environment, pathOf } from './environment';

/** Nodes between which a record is conditional: it may not happen. */
function isConditional(node: ts.Node, child: ts.Node): boolean {
  if (ts.isIfStatement(node)) return child !== node.expression;
  if (ts.isConditionalExpression(node)) return child !== node.condition;
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    return child === node.right && (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken);
  }
  return ts.isIterationStatement(node, false) || ts.isCaseClause(node) || ts.isDefaultClause(node) || ts.isCatchClause(node) || ts.isFunctionLike(node);
}

/** The condition under which `site` runs inside `statement`, or undefined when it always runs. */
function conditionOf(site: ts.Node, statement: ts.Statement): ts.Node | undefined {
  let child: ts.Node = site;
  for (let node = site.parent; node && child !== statement; child = node, node = node.parent) {
    if (isConditional(node, child)) return node;
  }
  return undefined;
}

/** Whether a statement can leave the function (a `return` or `throw` not inside a nested function). */
function canExit(statement: ts.Node): boolean {
  let exits = false;
  const visit = (n: ts.Node): void => {
    if (exits || ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) exits = true;
    else ts.forEachChild(n, visit);
  };
  visit(statement);
  return exits;
}

const firstLine = (n: ts.Node) => n.getText().split('\n')[0].replace(/\s+/g, ' ').trim();

/**
 * Why the entries a guard tests are not recorded on every path through
 * `statements` (the ones it protects), or undefined when they are (or when
 * they are recorded elsewhere, which the walk judges on its own).
 */
export function recordGap(sites: Map<string, ts.Node[]>, entries: readonly string[], statements: readonly ts.Statement[], condition: ts.Expression): string | undefined {
  const recordedAt = entries.flatMap((entry) => sites.get(entry) ?? []);
  if (recordedAt.length === 0) return undefined;
  const guard = `\`${firstLine(condition)}\``;
  let worked = false;
  for (const statement of statements) {
    const here = recordedAt.filter((site) => site.pos >= statement.pos && site.end <= statement.end);
    if (here.length > 0) {
      if (here.some((site) => conditionOf(site, statement) === undefined)) return undefined;
      const when = conditionOf(here[0], statement);
      const test = when && ts.isIfStatement(when) ? `\`${firstLine(when.expression)}\`` : 'some paths';
      return `the check ${guard} is not a complete guard: what it tests is recorded only when ${test}, so a duplicate of any other message is applied again`;
    }
    // Leaving before any work is fine: a rejected message is rejected again.
    if (worked && canExit(statement)) {
      return `the check ${guard} is not a complete guard: \`${firstLine(statement)}\` can leave the handler after its work and before what the check tests is recorded, so a duplicate of that message is applied again`;
    }
    worked ||= doesWork(statement);
  }
  return undefined;
}

const mutators = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'set', 'add', 'delete', 'clear', 'effect', 'send', 'broadcast', 'setTimer']);

/** Whether a statement changes something: an assignment to a property or element, an increment, a mutating call, an effect. */
function doesWork(statement: ts.Node): boolean {
  let works = false;
  const visit = (n: ts.Node): void => {
    if (works || ts.isFunctionLike(n)) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && !ts.isIdentifier(n.left)) works = true;
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) && !ts.isIdentifier(n.operand)) works = true;
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && mutators.has(n.expression.name.text)) works = true;
    else ts.forEachChild(n, visit);
  };
  visit(statement);
  return works;
}

/** Tests that look like a deduplication guard: a lookup by a message field, or a comparison of state with the message. */
function looksLikeGuard(env: Environment, condition: ts.Expression): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['has', 'includes', 'some', 'get', 'find'].includes(n.expression.name.text)) {
      if (pathOf(env, n.expression.expression)?.root === 'state' && n.arguments.some((a) => mentionsMessage(env, a))) found = n;
    } else if (ts.isBinaryExpression(n) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.LessThanToken].includes(n.operatorToken.kind)) {
      const sides = [pathOf(env, n.left)?.root, pathOf(env, n.right)?.root];
      if (sides.includes('state') && sides.includes('msg')) found = n;
    }
    ts.forEachChild(n, visit);
  };
  visit(condition);
  return found;
}

function mentionsMessage(env: Environment, e: ts.Node): boolean {
  if (ts.isIdentifier(e) && ((ts.isPropertyAccessExpression(e.parent) && e.parent.name === e) || (ts.isPropertyAssignment(e.parent) && e.parent.name === e))) return false;
  if (ts.isExpression(e) && pathOf(env, e)?.root === 'msg') return true;
  let yes = false;
  ts.forEachChild(e, (c) => {
    yes ||= mentionsMessage(env, c);
  });
  return yes;
}

/** What to tell a user whose check looks like a guard but is not one, or undefined when it does not look like one. */
export function unrecognisedGuardNote(env: Environment, condition: ts.Expression, reasons: readonly string[]): string | undefined {
  if (reasons.length > 0) return `the check \`${firstLine(condition)}\` is not a guard: ${reasons[0]}`;
  const test = looksLikeGuard(env, condition);
  if (!test) return undefined;
  const tested = ts.isCallExpression(test) && ts.isPropertyAccessExpression(test.expression) ? pathOf(env, test.expression.expression) : undefined;
  const what = tested ? ` to \`${displayPathText(tested.root + tested.segments.join(''))}\`` : '';
  return `the check \`${firstLine(condition)}\` was seen but not understood as a deduplication guard: nothing this handler does adds what it tests${what}, so a duplicate passes it; record the id in the same handler, or mark the handler \`// protocol-notebook: idempotent\``;
}
