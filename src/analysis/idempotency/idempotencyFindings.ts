/**
 * The idempotency analysis of a notebook: every message handler's expressions
 * that a duplicate delivery would apply again, as findings in cell positions.
 */
import type * as ts from 'typescript';
import { cellRangeOf } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import { type IdempotencyFinding, nonIdempotentHandlerCode } from './finding';
import { declaredStateType, findHandlers } from './handlers';
import { walkHandler } from './handlerWalk';
import { type CachedWalk, cacheWalk, stillValid, topLevelDeclarations, walkKey } from './handlerWalkCache';
import { hasIdempotentDirective } from './ignoreDirective';

/** Each notebook's handler walks from its last analysis, by walk key. */
const walksOf = new WeakMap<NotebookProgram, Map<string, CachedWalk>>();

/**
 * Analyses the notebook's current program. Handlers marked with the
 * `// protocol-notebook: idempotent` directive are skipped; timers are not
 * analysed, since the network does not duplicate them.
 */
export function idempotencyFindings(notebook: NotebookProgram): IdempotencyFinding[] {
  const file = notebook.sourceFile();
  const checker = notebook.checker();
  const declarations = topLevelDeclarations(file);
  const previous = walksOf.get(notebook) ?? new Map<string, CachedWalk>();
  const kept = new Map<string, CachedWalk>();
  const findings: IdempotencyFinding[] = [];
  for (const site of findHandlers(file, checker)) {
    if (site.kind !== 'message' || hasIdempotentDirective(site)) continue;
    const handlerRange = notebook.rangeOf(site.nameNode);
    if (!handlerRange) continue;
    const handler = { nodeName: site.nodeName, messageType: site.name };
    const key = walkKey(site, declarations);
    let walk = kept.get(key) ?? previous.get(key);
    if (walk && !stillValid(walk, declarations)) walk = undefined;
    if (!walk) {
      const called = new Map<string, ts.Node | null>();
      const events = walkHandler(site.fn, checker, declaredStateType(site, checker), called);
      walk = cacheWalk(site, events, called, declarations);
      if (!walk) {
        findings.push(...events.map((e) => ({ ...e, start: e.node.getStart(), end: e.node.getEnd(), origin: e.origin && { start: e.origin.getStart(), end: e.origin.getEnd() } })).flatMap((e) => toFinding(notebook, site.name, site.nodeName, handler, handlerRange, e)));
        continue;
      }
    }
    kept.set(key, walk);
    const base = site.fn.getStart();
    for (const event of walk.events) {
      const helper = event.origin && declarations.functions.get(event.helpers[event.helpers.length - 1]);
      const origin = event.origin && helper ? { start: helper.getStart() + event.origin.start, end: helper.getStart() + event.origin.end } : undefined;
      findings.push(...toFinding(notebook, site.name, site.nodeName, handler, handlerRange, { ...event, start: base + event.start, end: base + event.end, origin }));
    }
  }
  walksOf.set(notebook, kept);
  return findings;
}

/** A finding from an event at virtual offsets. */
function toFinding(
  notebook: NotebookProgram,
  messageType: string,
  nodeName: string,
  handler: IdempotencyFinding['handler'],
  handlerRange: IdempotencyFinding['handlerRange'],
  event: { rule: IdempotencyFinding['nodeKind']; phrase: string; helpers: string[]; start: number; end: number; origin?: { start: number; end: number } },
): IdempotencyFinding[] {
  const map = notebook.cellMap();
  const at = cellRangeOf(map, event.start, event.end);
  if (!at) return [];
  const through = event.helpers.length ? ` (through \`${event.helpers.join('` → `')}\`)` : '';
  const related = [{ location: handlerRange, message: `the \`${messageType}\` handler of \`${nodeName}\`` }];
  const origin = event.origin && cellRangeOf(map, event.origin.start, event.origin.end);
  if (origin) related.push({ location: origin, message: `in \`${event.helpers[event.helpers.length - 1]}\`` });
  return [{ cellIndex: at.cellIndex, range: at.range, message: `a duplicate \`${messageType}\` ${event.phrase}${through}`, code: nonIdempotentHandlerCode, nodeKind: event.rule, handler, handlerRange, related }];
}
