/**
 * The comment that tells the analysis a handler is idempotent (for reasons it
 * cannot see): `// protocol-notebook: idempotent` on the line above the handler
 * or as the first line of its body.
 */
import * as ts from 'typescript';
import type { HandlerSite } from './handlers';

/** The directive's text, as the "ignore" quick fix writes it. */
export const idempotentDirective = '// protocol-notebook: idempotent';

const directivePattern = /protocol-notebook:\s*idempotent\b/;

/** Whether the handler carries the directive. */
export function hasIdempotentDirective(site: HandlerSite): boolean {
  const text = site.member.getSourceFile().text;
  const comments = [...(ts.getLeadingCommentRanges(text, site.member.getFullStart()) ?? [])];
  const body = site.fn.body;
  if (ts.isBlock(body)) {
    const first = body.statements[0];
    comments.push(...(ts.getLeadingCommentRanges(text, first ? first.getFullStart() : body.getStart() + 1) ?? []));
    if (!first) comments.push(...(ts.getTrailingCommentRanges(text, body.getStart() + 1) ?? []));
  }
  return comments.some((c) => directivePattern.test(text.slice(c.pos, c.end)));
}
