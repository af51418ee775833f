/**
 * The quick fixes for a non-idempotent handler, as plain text edits per cell:
 * - "Deduplicate by message id": a guard at the top of the handler
 *   (`if (state.seen.has(msg.id)) return; state.seen.add(msg.id);`) and a
 *   `seen` set in the node's state (its `init` and, when written out, its type);
 * - "This handler is idempotent: ignore": the directive comment above the handler.
 */
import * as ts from 'typescript';
import type { CellRange, CellTextRange } from '../cellMap';
import type { NotebookProgram } from '../notebookProgram';
import { findHandlers, type HandlerSite, propertyName } from './handlers';
import { idempotentDirective } from './ignoreDirective';

/** One replacement in one cell (an insertion when the range is empty). */
export interface CellEdit {
  cellIndex: number;
  range: CellTextRange;
  newText: string;
}

/** The handler whose name is at `handlerRange` (as in a finding's `handlerRange`). */
export function handlerAt(notebook: NotebookProgram, handlerRange: CellRange): HandlerSite | undefined {
  return findHandlers(notebook.sourceFile(), notebook.checker()).find((site) => {
    const at = notebook.rangeOf(site.nameNode);
    return at?.cellIndex === handlerRange.cellIndex && at.range.start.line === handlerRange.range.start.line && at.range.start.character === handlerRange.range.start.character;
  });
}

/** Inserts the directive that marks the handler idempotent, on its own line above it. */
export function ignoreHandlerEdits(notebook: NotebookProgram, handlerRange: CellRange): CellEdit[] | undefined {
  const site = handlerAt(notebook, handlerRange);
  if (!site) return undefined;
  const start = site.member.getStart();
  return [insertAt(notebook, start, `${idempotentDirective}\n${indentationAt(site.member.getSourceFile().text, start)}`)].filter(isEdit);
}

/**
 * Guards the handler by message id and adds the `seen` set to the node's
 * state. Reuses a `seen` set the state already has (from another handler's fix).
 */
export function dedupeByMessageIdEdits(notebook: NotebookProgram, handlerRange: CellRange): CellEdit[] | undefined {
  const site = handlerAt(notebook, handlerRange);
  if (!site) return undefined;
  const checker = notebook.checker();
  const text = site.fn.getSourceFile().text;
  const edits: (CellEdit | undefined)[] = [];
  const [stateParam, msgParam] = site.fn.parameters;
  const state = stateParam && ts.isIdentifier(stateParam.name) ? stateParam.name.text : 'state';
  const msg = msgParam && ts.isIdentifier(msgParam.name) ? msgParam.name.text : 'msg';
  if (!stateParam || !msgParam) edits.push(addParameters(notebook, site, state, msg));
  const key = messageKey(checker, site, msg);
  const existing = stateParam && checker.getTypeAtLocation(stateParam).getProperty('seen');
  const seenIsSet = existing && isSetLike(checker, checker.getTypeOfSymbolAtLocation(existing, stateParam));
  const seen = !existing || seenIsSet ? 'seen' : 'seenMessageIds';
  edits.push(...guardEdits(notebook, site, text, `${state}.${seen}`, key.text));
  if (!seenIsSet) edits.push(...stateEdits(notebook, site, seen, key.type));
  return edits.filter(isEdit);
}

function isEdit(edit: CellEdit | undefined): edit is CellEdit {
  return edit !== undefined;
}

/** `msg.id` when messages have an id, else the whole message (duplicates are identical copies). */
function messageKey(checker: ts.TypeChecker, site: HandlerSite, msg: string): { text: string; type: string } {
  const messageType = messageTypeOf(checker, site);
  const id = messageType?.getProperty('id');
  if (!id) return { text: `JSON.stringify(${msg})`, type: 'string' };
  const type = checker.getTypeOfSymbolAtLocation(id, site.fn);
  const primitive = type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike) ? checker.typeToString(checker.getBaseTypeOfLiteralType(type)) : 'unknown';
  return { text: `${msg}.id`, type: primitive };
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

function isSetLike(checker: ts.TypeChecker, type: ts.Type): boolean {
  return !!type.getProperty('has') && !!type.getProperty('add') && checker.typeToString(type).startsWith('Set');
}

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

function addParameters(notebook: NotebookProgram, site: HandlerSite, state: string, msg: string): CellEdit | undefined {
  const [stateParam] = site.fn.parameters;
  if (stateParam) return insertAt(notebook, stateParam.getEnd(), `, ${msg}`);
  const open = site.fn.getChildren().find((c) => c.kind === ts.SyntaxKind.OpenParenToken);
  return open ? insertAt(notebook, open.getEnd(), `${state}, ${msg}`) : undefined;
}

/** `seen: new Set<K>()` in what `init` returns, and `seen: Set<K>` in the state type when it is written out. */
function stateEdits(notebook: NotebookProgram, site: HandlerSite, seen: string, keyType: string): (CellEdit | undefined)[] {
  const call = nodeCallOf(site);
  if (!call) return [];
  const edits: (CellEdit | undefined)[] = [];
  const spec = call.arguments[0];
  const initial = spec && ts.isObjectLiteralExpression(spec) ? initialStateLiteral(spec) : undefined;
  if (initial) edits.push(addMember(notebook, initial, `${seen}: new Set<${keyType}>()`, ','));
  const stateType = call.typeArguments?.[0];
  const members = stateType && typeMembersOf(notebook.checker(), stateType);
  if (members) edits.push(addMember(notebook, members, `${seen}: Set<${keyType}>`, ';'));
  return edits;
}

function nodeCallOf(site: HandlerSite): ts.CallExpression | undefined {
  let n: ts.Node | undefined = site.member;
  while (n && !ts.isCallExpression(n)) n = n.parent;
  return n;
}

/** The object literal `init` returns: `init: () => ({ … })` or `init() { return { … }; }`. */
function initialStateLiteral(spec: ts.ObjectLiteralExpression): ts.ObjectLiteralExpression | undefined {
  for (const p of spec.properties) {
    if (!p.name || propertyName(p.name) !== 'init') continue;
    const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) && (ts.isArrowFunction(p.initializer) || ts.isFunctionExpression(p.initializer)) ? p.initializer : undefined;
    const body = fn?.body;
    if (!body) return undefined;
    let returned: ts.Expression | undefined;
    if (ts.isBlock(body)) {
      const last = body.statements.find((s): s is ts.ReturnStatement => ts.isReturnStatement(s));
      returned = last?.expression;
    } else returned = body;
    while (returned && (ts.isParenthesizedExpression(returned) || ts.isAsExpression(returned) || ts.isSatisfiesExpression(returned))) returned = returned.expression;
    return returned && ts.isObjectLiteralExpression(returned) ? returned : undefined;
  }
  return undefined;
}

/** The members of the state type: a literal in `node<{ … }, …>`, or the alias or interface it names. */
function typeMembersOf(checker: ts.TypeChecker, type: ts.TypeNode): ts.TypeLiteralNode | ts.InterfaceDeclaration | undefined {
  if (ts.isTypeLiteralNode(type)) return type;
  if (!ts.isTypeReferenceNode(type)) return undefined;
  const symbol = checker.getSymbolAtLocation(type.typeName);
  for (const d of symbol?.declarations ?? []) {
    if (d.getSourceFile() !== type.getSourceFile()) continue;
    if (ts.isInterfaceDeclaration(d)) return d;
    if (ts.isTypeAliasDeclaration(d) && ts.isTypeLiteralNode(d.type)) return d.type;
  }
  return undefined;
}

/** Adds `member` after the last member of an object literal or type, keeping the separator style. */
function addMember(notebook: NotebookProgram, container: ts.ObjectLiteralExpression | ts.TypeLiteralNode | ts.InterfaceDeclaration, member: string, separator: ',' | ';'): CellEdit | undefined {
  const members: readonly ts.Node[] = ts.isObjectLiteralExpression(container) ? container.properties : container.members;
  const text = container.getSourceFile().text;
  const last = members[members.length - 1];
  if (!last) {
    const open = text.indexOf('{', ts.isInterfaceDeclaration(container) ? container.name.getEnd() : container.getStart());
    const close = container.getEnd() - 1;
    return replaceSpan(notebook, open + 1, close, ` ${member} `);
  }
  const lastText = last.getText();
  if (ts.isObjectLiteralExpression(container)) return insertAt(notebook, last.getEnd(), `, ${member}`);
  const ended = lastText.endsWith(';') || lastText.endsWith(',');
  return insertAt(notebook, last.getEnd(), ended ? ` ${member}${lastText.slice(-1)}` : `${separator} ${member}`);
}

function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

function insertAt(notebook: NotebookProgram, offset: number, newText: string): CellEdit | undefined {
  return replaceSpan(notebook, offset, offset, newText);
}

function replaceSpan(notebook: NotebookProgram, start: number, end: number, newText: string): CellEdit | undefined {
  const from = notebook.toCellPosition(start);
  const to = notebook.toCellPosition(end);
  if (!from || !to || from.cellIndex !== to.cellIndex) return undefined;
  return { cellIndex: from.cellIndex, range: { start: from.position, end: to.position }, newText };
}
