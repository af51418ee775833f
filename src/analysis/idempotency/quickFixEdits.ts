/**
 * The quick fixes for a non-idempotent handler, as plain text edits per cell,
 * and the editing helpers they share: "This handler is idempotent: ignore"
 * (the directive comment above the handler) is here; the deduplicating fixes
 * are in dedupeFix.ts.
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
  return [insertAt(notebook, start, `${idempotentDirective}\n${indentationAt(site.member.getSourceFile().text, start)}`)].filter((e): e is CellEdit => e !== undefined);
}

/** Adds the parameters a fix uses that the handler does not declare: `names` are (state, msg, ctx). */
export function addParameters(notebook: NotebookProgram, site: HandlerSite, names: readonly string[]): CellEdit | undefined {
  const parameters = site.fn.parameters;
  const missing = names.slice(parameters.length);
  if (missing.length === 0) return undefined;
  const last = parameters[parameters.length - 1];
  if (last) return insertAt(notebook, last.getEnd(), `, ${missing.join(', ')}`);
  const open = site.fn.getChildren().find((c) => c.kind === ts.SyntaxKind.OpenParenToken);
  return open ? insertAt(notebook, open.getEnd(), missing.join(', ')) : undefined;
}

/** A member added to what `init` returns (`initial`) and, when written out, to the state type (`declared`). */
export function stateEdits(notebook: NotebookProgram, site: HandlerSite, initial: string, declared: string): (CellEdit | undefined)[] {
  const call = nodeCallOf(site);
  if (!call) return [];
  const edits: (CellEdit | undefined)[] = [];
  const spec = call.arguments[0];
  const literal = spec && ts.isObjectLiteralExpression(spec) ? initialStateLiteral(spec) : undefined;
  if (literal) edits.push(addMember(notebook, literal, initial, ','));
  const stateType = call.typeArguments?.[0];
  const members = stateType && typeMembersOf(notebook.checker(), stateType);
  if (members) edits.push(addMember(notebook, members, declared, ';'));
  return edits;
}

export function nodeCallOf(site: HandlerSite): ts.CallExpression | undefined {
  let n: ts.Node | undefined = site.member;
  while (n && !ts.isCallExpression(n)) n = n.parent;
  return n;
}

/** The object literal `init` (or another member, such as `durable`) returns: `init: () => ({ … })` or `init() { return { … }; }`. */
export function initialStateLiteral(spec: ts.ObjectLiteralExpression, member = 'init'): ts.ObjectLiteralExpression | undefined {
  for (const p of spec.properties) {
    if (!p.name || propertyName(p.name) !== member) continue;
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
export function typeMembersOf(checker: ts.TypeChecker, type: ts.TypeNode): ts.TypeLiteralNode | ts.InterfaceDeclaration | undefined {
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
export function addMember(notebook: NotebookProgram, container: ts.ObjectLiteralExpression | ts.TypeLiteralNode | ts.InterfaceDeclaration, member: string, separator: ',' | ';'): CellEdit | undefined {
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

export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

export function insertAt(notebook: NotebookProgram, offset: number, newText: string): CellEdit | undefined {
  return replaceSpan(notebook, offset, offset, newText);
}

export function replaceSpan(notebook: NotebookProgram, start: number, end: number, newText: string): CellEdit | undefined {
  const from = notebook.toCellPosition(start);
  const to = notebook.toCellPosition(end);
  if (!from || !to || from.cellIndex !== to.cellIndex) return undefined;
  return { cellIndex: from.cellIndex, range: { start: from.position, end: to.position }, newText };
}
