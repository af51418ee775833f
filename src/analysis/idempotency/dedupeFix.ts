/**
 * The deduplicating quick fixes: a duplicate must get the same answer as the
 * first delivery and skip only the state change and the effects. Which edit
 * keeps the replies depends on the handler:
 * - no reply: a guard at the top (`if (seen.has(msg.id)) return; seen.add(msg.id);`);
 * - replies at the end that depend only on the message: the rest of the
 *   handler goes inside `if (!seen.has(msg.id)) { seen.add(msg.id); … }`, and
 *   the replies stay after it, so a duplicate is answered again;
 * - one reply that depends on the state: the reply is remembered per id
 *   (`replies.set(msg.id, reply)`) and a duplicate gets it again.
 * The record lives in the node's state ("in memory", lost on a crash) or in
 * `ctx.durable` ("durably"). A message type without an `id` gets no fix, and
 * neither does a handler that already checks the id: the reason says why.
 */
import * as ts from 'typescript';
import type { CellRange } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import type { DedupeStorage } from './fixTitles';
import { type HandlerSite, propertyName } from './handlers';
import {
  addMember, addParameters, type CellEdit, handlerAt, indentationAt, initialStateLiteral, insertAt, nodeCallOf, replaceSpan, stateEdits, typeMembersOf,
} from './quickFixEdits';

/** A dedupe fix: its edits, or why there is none. */
export type DedupeFix = { edits: CellEdit[] } | { unavailable: string };

interface Names {
  state: string;
  msg: string;
  ctx: string;
}

/** Builds the fix for the handler named at `handlerRange`; undefined when there is no handler there. */
export function dedupeFix(notebook: NotebookProgram, handlerRange: CellRange, storage: DedupeStorage): DedupeFix | undefined {
  const site = handlerAt(notebook, handlerRange);
  if (!site) return undefined;
  const checker = notebook.checker();
  const [stateParam, msgParam, ctxParam] = site.fn.parameters;
  const nameOf = (p: ts.ParameterDeclaration | undefined, fallback: string) => (p && ts.isIdentifier(p.name) ? p.name.text : fallback);
  const names: Names = { state: nameOf(stateParam, 'state'), msg: nameOf(msgParam, 'msg'), ctx: nameOf(ctxParam, 'ctx') };
  if ((stateParam && !ts.isIdentifier(stateParam.name)) || (msgParam && !ts.isIdentifier(msgParam.name))) return { unavailable: `\`${site.name}\` destructures its parameters; name them (\`state\`, \`msg\`) to deduplicate by id.` };
  const id = messageIdType(checker, site);
  if (!id) {
    return {
      unavailable: `\`${site.name}\` messages have no \`id\` field to deduplicate by. Add a unique \`id\` to the message type and have the sender set it (a retry must reuse it): keying by the message's content would merge two requests that happen to be equal.`,
    };
  }
  const key = `${names.msg}.id`;
  const existing = existingCheckOf(site, key);
  if (existing) return { unavailable: `\`${site.name}\` already checks \`${existing}\`: a second deduplication would not help. If the warning says the guard is not understood, see what it expects it to record.` };
  const replies = replyCalls(site, names.ctx);
  const trailing = trailingReplies(site, replies, names);
  const plan = replies.length === 0 || trailing ? 'guard' : replies.length === 1 && isStatement(replies[0]) ? 'remember' : undefined;
  if (!plan) return { unavailable: `\`${site.name}\` replies in ${replies.length} places and not only at its end: remember each reply per message id by hand, and send it again to a duplicate.` };
  const edits: (CellEdit | undefined)[] = [];
  const needed = storage === 'durable' || plan === 'remember' || replies.length > 0 ? [names.state, names.msg, names.ctx] : [names.state, names.msg];
  edits.push(addParameters(notebook, site, needed));
  const text = site.fn.getSourceFile().text;
  const record = plan === 'guard' ? 'seen' : 'replies';
  const where = storage === 'memory' ? `${names.state}.${record}` : `${names.ctx}.durable.${record}`;
  const messageType = messageTypeText(checker, site, replies[0]);
  const initial = plan === 'guard' ? `${record}: new Set<${id}>()` : `${record}: new Map<${id}, ${messageType}>()`;
  const declared = plan === 'guard' ? `${record}: Set<${id}>` : `${record}: Map<${id}, ${messageType}>`;
  const reused = recordExists(checker, site, storage, record);
  if (plan === 'guard') edits.push(...(trailing ? wrapEdits(notebook, site, text, where, key, trailing) : guardEdits(notebook, site, text, where, key)));
  else edits.push(...rememberEdits(notebook, site, text, where, key, names, messageType, replies[0] as ts.CallExpression & { parent: ts.ExpressionStatement }));
  if (!reused) {
    if (storage === 'memory') edits.push(...stateEdits(notebook, site, initial, declared));
    else {
      const durable = durableEdits(notebook, site, initial, declared);
      if (!durable) return { unavailable: `\`${site.name}\`'s node gives its state type but not its message type (\`node<State, Msg>\`), so the durable storage's type cannot be added.` };
      edits.push(...durable);
    }
  }
  return { edits: edits.filter((e): e is CellEdit => e !== undefined) };
}

/** The id field's type (`string`, `number`, …), or undefined when the message has no `id`. */
function messageIdType(checker: ts.TypeChecker, site: HandlerSite): string | undefined {
  const messageType = messageTypeOf(checker, site);
  const id = messageType?.getProperty('id');
  if (!id) return undefined;
  const type = checker.getTypeOfSymbolAtLocation(id, site.fn);
  return checker.typeToString(checker.getBaseTypeOfLiteralType(checker.getNonNullableType(type)));
}

/** The handler's message type: from its parameter, or (when it has none) from the API's signature for it. */
function messageTypeOf(checker: ts.TypeChecker, site: HandlerSite): ts.Type | undefined {
  const parameter = site.fn.parameters[1];
  if (parameter) return checker.getTypeAtLocation(parameter);
  const handlers = site.member.parent;
  const expected = ts.isObjectLiteralExpression(handlers) ? checker.getContextualType(handlers) : undefined;
  const property = expected?.getProperty(site.name);
  if (!property) return undefined;
  const [signature] = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, handlers)).getCallSignatures();
  const message = signature?.parameters[1];
  return message && checker.getTypeOfSymbolAtLocation(message, handlers);
}

/** The node's message type as written (`node<S, Msg>`), else the reply's type. */
function messageTypeText(checker: ts.TypeChecker, site: HandlerSite, reply: ts.CallExpression | undefined): string {
  const written = nodeCallOf(site)?.typeArguments?.[1];
  if (written) return written.getText();
  const answer = reply?.arguments[1];
  return answer ? checker.typeToString(checker.getTypeAtLocation(answer), undefined, ts.TypeFormatFlags.NoTruncation) : 'unknown';
}

/**
 * `state.seen.has(msg.id)` (or `includes`, `get`, an element access by the
 * id) in one of the handler's conditions, also through a local tested there
 * (`const prior = state.results.get(msg.id); if (prior !== undefined) …`).
 */
function existingCheckOf(site: HandlerSite, key: string): string | undefined {
  const conditions: ts.Expression[] = [];
  const lookups = new Map<string, string>();
  const collect = (n: ts.Node): void => {
    if (ts.isIfStatement(n)) conditions.push(n.expression);
    else if (ts.isConditionalExpression(n)) conditions.push(n.condition);
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && isKeyLookup(n.initializer, key)) lookups.set(n.name.text, n.initializer.getText());
    ts.forEachChild(n, collect);
  };
  collect(site.fn.body);
  for (const condition of conditions) {
    if (mentionsKeyLookup(condition, key)) return condition.getText();
    const local = [...lookups].find(([name]) => mentionsName(condition, name));
    if (local) return local[1];
  }
  return undefined;
}

function mentionsName(e: ts.Node, name: string): boolean {
  if (ts.isIdentifier(e) && e.text === name) return true;
  let yes = false;
  ts.forEachChild(e, (c) => {
    yes ||= mentionsName(c, name);
  });
  return yes;
}

function isKeyLookup(e: ts.Node, key: string): boolean {
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['has', 'includes', 'get'].includes(e.expression.name.text)) return e.arguments.some((a) => a.getText() === key);
  return ts.isElementAccessExpression(e) && e.argumentExpression.getText() === key;
}

function mentionsKeyLookup(e: ts.Node, key: string): boolean {
  let yes = false;
  const visit = (n: ts.Node): void => {
    if (yes) return;
    if (isKeyLookup(n, key)) yes = true;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return yes;
}

/** The handler's `ctx.reply(…)` calls. */
function replyCalls(site: HandlerSite, ctx: string): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'reply' && n.expression.expression.getText() === ctx) calls.push(n);
    ts.forEachChild(n, visit);
  };
  visit(site.fn.body);
  return calls;
}

function isStatement(call: ts.CallExpression): boolean {
  return ts.isExpressionStatement(call.parent) && ts.isBlock(call.parent.parent);
}

/**
 * The statements at the end of the handler that are its only replies, when
 * each depends only on the message (and constants, `ctx.self`): then a
 * duplicate can be answered exactly as the first delivery was.
 */
function trailingReplies(site: HandlerSite, replies: readonly ts.CallExpression[], names: Names): ts.Statement[] | undefined {
  const body = site.fn.body;
  if (replies.length === 0 || !ts.isBlock(body)) return undefined;
  const statements = body.statements;
  let first = statements.length;
  while (first > 0 && isReplyStatement(statements[first - 1], replies)) first--;
  const trailing = statements.slice(first);
  if (trailing.length !== replies.length || first === 0) return undefined;
  return trailing.every((s) => dependsOnlyOnMessage((s as ts.ExpressionStatement).expression as ts.CallExpression, names)) ? trailing : undefined;
}

function isReplyStatement(s: ts.Statement, replies: readonly ts.CallExpression[]): boolean {
  return ts.isExpressionStatement(s) && replies.includes(s.expression as ts.CallExpression);
}

/** Whether a reply's content reads nothing but the message, constants and `ctx.self`. */
function dependsOnlyOnMessage(reply: ts.CallExpression, names: Names): boolean {
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok || ts.isTypeNode(n)) return;
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === names.ctx) {
      ok = n.name.text === 'self';
      return;
    }
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n)) {
      ok = n.text === names.msg || n.text === 'undefined';
      return;
    }
    if (ts.isCallExpression(n) || ts.isShorthandPropertyAssignment(n)) {
      ok = false;
      return;
    }
    ts.forEachChild(n, visit);
  };
  reply.arguments.slice(1).forEach(visit);
  return ok && reply.arguments[0]?.getText() === names.msg;
}

/** Whether the record (`seen` / `replies`) is already in the state or the durable storage, so the fix reuses it. */
function recordExists(checker: ts.TypeChecker, site: HandlerSite, storage: DedupeStorage, record: string): boolean {
  const call = nodeCallOf(site);
  const typeNode = call?.typeArguments?.[storage === 'memory' ? 0 : 2];
  if (!typeNode) return false;
  return checker.getTypeFromTypeNode(typeNode).getProperty(record) !== undefined;
}

/** `if (seen.has(id)) return; seen.add(id);` at the top of the handler. */
function guardEdits(notebook: NotebookProgram, site: HandlerSite, text: string, seen: string, key: string): (CellEdit | undefined)[] {
  const guard = `if (${seen}.has(${key})) return;`;
  const record = `${seen}.add(${key});`;
  const body = site.fn.body;
  if (ts.isBlock(body)) {
    const first = body.statements[0];
    if (first) {
      const indent = indentationAt(text, first.getStart());
      return [insertAt(notebook, first.getStart(), `${guard}\n${indent}${record}\n${indent}`)];
    }
    const indent = `${indentationAt(text, site.member.getStart())}  `;
    return [replaceSpan(notebook, body.getStart() + 1, body.getEnd() - 1, `\n${indent}${guard}\n${indent}${record}\n${indentationAt(text, site.member.getStart())}`)];
  }
  // An expression body becomes a block; an object it returned is still the next state.
  const indent = `${indentationAt(text, site.member.getStart())}  `;
  let inner: ts.Expression = body;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  const statement = ts.isObjectLiteralExpression(inner) ? `return ${body.getText()};` : `${body.getText()};`;
  return [replaceSpan(notebook, body.getStart(), body.getEnd(), `{\n${indent}${guard}\n${indent}${record}\n${indent}${statement}\n${indentationAt(text, site.member.getStart())}}`)];
}

/** The handler's work inside `if (!seen.has(id)) { seen.add(id); … }`, its closing replies after it. */
function wrapEdits(notebook: NotebookProgram, site: HandlerSite, text: string, seen: string, key: string, trailing: readonly ts.Statement[]): (CellEdit | undefined)[] {
  const body = site.fn.body as ts.Block;
  const first = body.statements[0];
  const lastWork = body.statements[body.statements.indexOf(trailing[0]) - 1];
  const indent = indentationAt(text, first.getStart());
  const work = text.slice(first.getStart(), lastWork.getEnd()).split('\n').map((line, i) => (i === 0 || line.trim() === '' ? line : `  ${line}`)).join('\n');
  return [replaceSpan(notebook, first.getStart(), lastWork.getEnd(), `if (!${seen}.has(${key})) {\n${indent}  ${seen}.add(${key});\n${indent}  ${work}\n${indent}}`)];
}

/** Remembers the one reply per id; a duplicate gets it again and does nothing else. */
function rememberEdits(notebook: NotebookProgram, site: HandlerSite, text: string, replies: string, key: string, names: Names, messageType: string, reply: ts.CallExpression & { parent: ts.ExpressionStatement }): (CellEdit | undefined)[] {
  const body = site.fn.body as ts.Block;
  const first = body.statements[0];
  const top = indentationAt(text, first.getStart());
  const at = indentationAt(text, reply.parent.getStart());
  const [request, answer] = reply.arguments;
  return [
    insertAt(notebook, first.getStart(), `const earlier = ${replies}.get(${key});\n${top}if (earlier !== undefined) return ${names.ctx}.reply(${request.getText()}, earlier);\n${top}`),
    replaceSpan(notebook, reply.parent.getStart(), reply.parent.getEnd(), `const reply: ${messageType} = ${answer.getText()};\n${at}${replies}.set(${key}, reply);\n${at}${names.ctx}.reply(${request.getText()}, reply);`),
  ];
}

/** The record in what `durable()` returns (added when there is none) and in the durable type `node<S, M, D>`. */
function durableEdits(notebook: NotebookProgram, site: HandlerSite, initial: string, declared: string): (CellEdit | undefined)[] | undefined {
  const call = nodeCallOf(site);
  const spec = call?.arguments[0];
  if (!call || !spec || !ts.isObjectLiteralExpression(spec)) return undefined;
  const typeArguments = call.typeArguments ?? [];
  if (typeArguments.length === 1) return undefined;
  const edits: (CellEdit | undefined)[] = [];
  const literal = initialStateLiteral(spec, 'durable');
  if (literal) edits.push(addMember(notebook, literal, initial, ','));
  else {
    const init = spec.properties.find((p) => p.name && propertyName(p.name) === 'init') ?? spec.properties[0];
    const text = spec.getSourceFile().text;
    if (init) edits.push(insertAt(notebook, init.getEnd(), `,\n${indentationAt(text, init.getStart())}durable: () => ({ ${initial} })`));
  }
  if (typeArguments.length === 2) edits.push(insertAt(notebook, typeArguments[1].getEnd(), `, { ${declared} }`));
  else if (typeArguments.length >= 3) {
    const members = typeMembersOf(notebook.checker(), typeArguments[2]);
    if (members) edits.push(addMember(notebook, members, declared, ';'));
  }
  return edits;
}
