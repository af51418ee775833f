/**
 * The idempotency analysis of a notebook: every message handler's expressions
 * that a duplicate delivery would apply again, as findings in cell positions.
 */
import type { NotebookProgram } from '../notebookProgram';
import { type IdempotencyFinding, nonIdempotentHandlerCode } from './finding';
import { declaredStateType, findHandlers } from './handlers';
import { walkHandler } from './handlerWalk';
import { hasIdempotentDirective } from './ignoreDirective';

/**
 * Analyses the notebook's current program. Handlers marked with the
 * `// protocol-notebook: idempotent` directive are skipped; timers are not
 * analysed, since the network does not duplicate them.
 */
export function idempotencyFindings(notebook: NotebookProgram): IdempotencyFinding[] {
  const file = notebook.sourceFile();
  const checker = notebook.checker();
  const findings: IdempotencyFinding[] = [];
  for (const site of findHandlers(file, checker)) {
    if (site.kind !== 'message' || hasIdempotentDirective(site)) continue;
    const handlerRange = notebook.rangeOf(site.nameNode);
    if (!handlerRange) continue;
    const handler = { nodeName: site.nodeName, messageType: site.name };
    for (const event of walkHandler(site.fn, checker, declaredStateType(site, checker))) {
      const at = notebook.rangeOf(event.node);
      if (!at) continue;
      const through = event.helpers.length ? ` (through \`${event.helpers.join('` → `')}\`)` : '';
      const related = [{ location: handlerRange, message: `the \`${site.name}\` handler of \`${site.nodeName}\`` }];
      const origin = event.origin && notebook.rangeOf(event.origin);
      if (origin) related.push({ location: origin, message: `in \`${event.helpers[event.helpers.length - 1]}\`` });
      findings.push({
        cellIndex: at.cellIndex,
        range: at.range,
        message: `a duplicate \`${site.name}\` ${event.phrase}${through}`,
        code: nonIdempotentHandlerCode,
        nodeKind: event.rule,
        handler,
        handlerRange,
        related,
      });
    }
  }
  return findings;
}
