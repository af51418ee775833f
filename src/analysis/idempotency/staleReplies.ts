/**
 * Replies that tell the old state: a local read from the state before the
 * handler changed it, then sent back (`const ok = data.get(k) === expected;
 * if (ok) data.set(k, v); reply({ ok })`). A duplicate reads the new state
 * and is answered differently. A test that stays true once the handler has
 * written what it compares with (`votedFor === msg.candidate` before
 * `votedFor = msg.candidate`, also as one alternative of an `||`) tells the
 * same on a duplicate.
 */
import * as ts from 'typescript';
import type { Marks } from './dedupeGuards';
import { canonicalText, displayPathText, type Environment, pathOf, pathsOverlap, pathText, symbolOf } from './environment';

/** The state paths a local's initializer reads that the handler has not written yet, and whose change would change the value. */
export function staleReadsOf(env: Environment, marks: Marks, written: ReadonlySet<string>, initializer: ts.Expression, reads: ReadonlySet<string>): Set<string> | undefined {
  // `a === null || a.owner === msg.owner` before `a = { owner: msg.owner, … }`: once one alternative stays true, so does the whole test.
  if (disjuncts(initializer).some((alternative) => [...reads].some((r) => isComparedWithWhatIsWritten(env, marks, alternative, r)))) return undefined;
  const stale = new Set([...reads].filter((r) => ![...written].some((w) => pathsOverlap(w, r)) && !comparedWithWhatIsWritten(env, marks, initializer, r)));
  return stale.size > 0 ? stale : undefined;
}

/** The alternatives of `a || b || c` (the expression itself when it is not a disjunction). */
function disjuncts(e: ts.Expression): ts.Expression[] {
  let inner = e;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.BarBarToken ? [...disjuncts(inner.left), ...disjuncts(inner.right)] : [inner];
}

/** Whether `e` is itself `read === v` (or `v === read`) with a `v` the handler writes to `read`. */
function isComparedWithWhatIsWritten(env: Environment, marks: Marks, e: ts.Expression, read: string): boolean {
  if (!ts.isBinaryExpression(e) || (e.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken && e.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsToken)) return false;
  const written = marks.get(read);
  if (!written) return false;
  const [l, r] = [pathOf(env, e.left), pathOf(env, e.right)];
  return (!!l && pathText(l) === read && written.has(canonicalText(env, e.right))) || (!!r && pathText(r) === read && written.has(canonicalText(env, e.left)));
}

/**
 * `granted = state.votedFor === msg.candidate` before `state.votedFor = msg.candidate`:
 * after the write the test still holds, so a duplicate computes the same value.
 */
function comparedWithWhatIsWritten(env: Environment, marks: Marks, e: ts.Expression, read: string): boolean {
  const written = marks.get(read);
  if (!written) return false;
  let stable = false;
  const visit = (n: ts.Node): void => {
    if (stable) return;
    if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || n.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)) {
      const [l, r] = [pathOf(env, n.left), pathOf(env, n.right)];
      if (l && pathText(l) === read && written.has(canonicalText(env, n.right))) stable = true;
      if (r && pathText(r) === read && written.has(canonicalText(env, n.left))) stable = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(e);
  return stable;
}

/**
 * A reply built from a local that read the state before this handler changed
 * it (`const ok = data.get(k) === msg.expected; if (ok) data.set(k, msg.value); reply({ ok })`):
 * a duplicate reads the new state and is answered differently.
 */
export function staleReplyPhrase(env: Environment, written: ReadonlySet<string>, reply: ts.CallExpression): string | undefined {
  if (![...env.bindings.values()].some((b) => b.staleReads)) return undefined;
  for (const argument of reply.arguments.slice(1)) {
    let found: string | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(n)) {
        // Property names are not locals; asking the checker about them would type-check the expression.
        if (isPropertyName(n)) return;
        const symbol = symbolOf(env, n);
        const binding = symbol && env.bindings.get(symbol);
        const stale = binding?.staleReads && [...binding.staleReads].find((r) => [...written].some((w) => pathsOverlap(w, r)));
        if (stale) found = `replies with \`${n.text}\`, computed from \`${displayPathText(stale)}\` before this handler changed it, so a duplicate is answered differently`;
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(argument);
    if (found) return found;
  }
  return undefined;
}

function isPropertyName(n: ts.Identifier): boolean {
  const parent = n.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === n) || (ts.isPropertyAssignment(parent) && parent.name === n);
}

