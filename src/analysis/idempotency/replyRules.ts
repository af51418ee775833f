/**
 * Rules about what a duplicate is told. A retry is sent because the answer
 * did not arrive, so a duplicate must be answered as the first delivery was:
 * a guard that returns before the reply leaves the retry unanswered, and a
 * guard whose duplicate branch answers with another message type (Paxos's
 * `nack` to a repeated `prepare`) answers it differently. Also the wording
 * of a re-armed timer.
 */
import * as ts from 'typescript';
import type { IdempotencyRule } from './finding';

/** The `ctx.reply(…)` calls in some statements (not inside nested functions other than callbacks). */
function repliesIn(ctx: string, nodes: readonly ts.Node[]): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'reply' && n.expression.expression.getText() === ctx) calls.push(n);
    ts.forEachChild(n, visit);
  };
  nodes.forEach(visit);
  return calls;
}

/** The `type` a reply's message literal names, when it is written out. */
function replyType(call: ts.CallExpression): string | undefined {
  let answer: ts.Expression | undefined = call.arguments[1];
  while (answer && (ts.isAsExpression(answer) || ts.isParenthesizedExpression(answer) || ts.isSatisfiesExpression(answer))) answer = answer.expression;
  if (!answer || !ts.isObjectLiteralExpression(answer)) return undefined;
  for (const p of answer.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'type' && ts.isStringLiteralLike(p.initializer)) return p.initializer.text;
  }
  return undefined;
}

export interface ReplyDifference {
  rule: IdempotencyRule;
  node: ts.Node;
  phrase: string;
}

/** How a guard's duplicate path answers differently from its first-delivery path, or undefined when it answers alike (or neither answers). */
export function replyDifference(ctx: string, duplicatePath: readonly ts.Node[], firstPath: readonly ts.Node[]): ReplyDifference | undefined {
  const first = repliesIn(ctx, firstPath);
  if (first.length === 0) return undefined;
  const duplicate = repliesIn(ctx, duplicatePath);
  if (duplicate.length === 0) {
    return { rule: 'dropped-reply', node: first[0], phrase: 'is not answered: this reply is behind the deduplication guard, so a retry whose answer was lost never gets one; reply to a duplicate too (move the reply after the guarded work, or remember it per id)' };
  }
  const firstTypes = new Set(first.map(replyType));
  const duplicateTypes = duplicate.map(replyType);
  const other = duplicateTypes.find((t) => t !== undefined && !firstTypes.has(t));
  if (other === undefined || firstTypes.has(undefined)) return undefined;
  const expected = [...firstTypes].map((t) => `\`${t}\``).join(' or ');
  return { rule: 'different-reply', node: duplicate[duplicateTypes.indexOf(other)], phrase: `is answered \`${other}\` where the first delivery was answered ${expected}: the first delivery changed what this check tests` };
}

/** "re-arms the timer `election` relative to now: a late duplicate postpones it". */
export function timerPhrase(call: ts.CallExpression): string {
  const name = call.arguments[0];
  const timer = name && ts.isStringLiteralLike(name) ? `the timer \`${name.text}\`` : 'its timer';
  return `re-arms ${timer} relative to now: a late duplicate postpones it`;
}
