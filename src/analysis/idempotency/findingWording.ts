/** How a finding says what a duplicate delivery would do. */
import * as ts from 'typescript';
import { displayText, type Environment, pathsOverlap, unwrap, valueInfo } from './environment';

/** "adds `msg.amount` to `balance` again" for `state.balance += msg.amount`. */
export function compoundPhrase(op: ts.SyntaxKind, target: string, operand: string, isText: boolean): string {
  switch (op) {
    case ts.SyntaxKind.PlusEqualsToken:
      return `${isText ? 'appends' : 'adds'} \`${operand}\` to \`${target}\` again`;
    case ts.SyntaxKind.MinusEqualsToken:
      return `subtracts \`${operand}\` from \`${target}\` again`;
    case ts.SyntaxKind.AsteriskEqualsToken:
      return `multiplies \`${target}\` by \`${operand}\` again`;
    case ts.SyntaxKind.SlashEqualsToken:
      return `divides \`${target}\` by \`${operand}\` again`;
    default:
      return `applies \`${ts.tokenToString(op) ?? 'the operator'}\` with \`${operand}\` to \`${target}\` again`;
  }
}

/** What `target = f(target, …)` does a second time. */
export function selfDerivedPhrase(env: Environment, shown: string, written: string, value: ts.Expression): string {
  const v = unwrap(value);
  const readsTarget = (e: ts.Expression) => [...valueInfo(env, e).reads].some((r) => pathsOverlap(r, written));
  if (ts.isPrefixUnaryExpression(v) && v.operator === ts.SyntaxKind.ExclamationToken) return `flips \`${shown}\` back`;
  if (ts.isBinaryExpression(v) && (v.operatorToken.kind === ts.SyntaxKind.PlusToken || v.operatorToken.kind === ts.SyntaxKind.MinusToken)) {
    const adds = v.operatorToken.kind === ts.SyntaxKind.PlusToken;
    const [old, other] = readsTarget(v.left) ? [v.left, v.right] : [v.right, v.left];
    if (readsTarget(old) && !readsTarget(other)) {
      return adds ? `adds \`${displayText(env, other)}\` to \`${shown}\` again` : `subtracts \`${displayText(env, other)}\` from \`${shown}\` again`;
    }
  }
  if (ts.isArrayLiteralExpression(v)) {
    const added = v.elements.find((e) => !ts.isSpreadElement(e));
    return added ? `appends \`${displayText(env, added)}\` to \`${shown}\` again` : `appends to \`${shown}\` again`;
  }
  if (ts.isCallExpression(v) && ts.isPropertyAccessExpression(v.expression) && v.expression.name.text === 'concat') {
    const added = v.arguments.map((a) => `\`${displayText(env, a)}\``).join(' and ');
    return added ? `appends ${added} to \`${shown}\` again` : `appends to \`${shown}\` again`;
  }
  return `updates \`${shown}\` from its old value again`;
}

/** "performs the effect `charge card` again". */
export function effectPhrase(call: ts.CallExpression): string {
  const kind = call.arguments[0];
  return kind && ts.isStringLiteralLike(kind) ? `performs the effect \`${kind.text}\` again` : 'performs the effect again';
}

/**
 * "sends `charge` with a fresh `id` (from `ctx.random()`)…", when a send's
 * content is new on every delivery; undefined when it is not.
 */
export function freshSendPhrase(env: Environment, call: ts.CallExpression): string | undefined {
  for (const argument of call.arguments) {
    const info = valueInfo(env, argument);
    if (!info.fresh) continue;
    const message = unwrap(argument);
    let type = 'a message';
    let field: string | undefined;
    if (ts.isObjectLiteralExpression(message)) {
      for (const p of message.properties) {
        if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
        if (p.name.text === 'type' && ts.isStringLiteralLike(p.initializer)) type = `\`${p.initializer.text}\``;
        else if (!field && valueInfo(env, p.initializer).fresh) field = p.name.text;
      }
    }
    const what = field ? `a fresh \`${field}\`` : 'fresh content';
    return `sends ${type} again with ${what} (from \`${info.fresh}\`), which the receiver cannot recognise as a repeat`;
  }
  return undefined;
}
