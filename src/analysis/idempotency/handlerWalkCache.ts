/**
 * Remembers each handler's walk between edits, so that a keystroke re-walks
 * only the handlers it can have changed. A walk depends on the handler's own
 * text, the state type it is declared with, and the notebook functions it
 * called into (or looked for and did not find); while all of those read the
 * same, its events are reused, with positions kept relative to the handler
 * (or, inside helpers, to the helper).
 */
import * as ts from 'typescript';
import type { IdempotencyRule } from './finding';
import type { HandlerSite } from './handlers';
import type { WalkEvent } from './handlerWalk';

/** An event with its positions relative to the function it was found in. */
export interface CachedEvent {
  rule: IdempotencyRule;
  phrase: string;
  helpers: string[];
  /** Offsets from the handler's start. */
  start: number;
  end: number;
  /** Offsets from the start of the innermost helper, for events found in helpers. */
  origin?: { start: number; end: number };
}

export interface CachedWalk {
  events: CachedEvent[];
  /** The text of each notebook function the walk called into, by name; null when none was found. */
  called: Map<string, string | null>;
}

/** The notebook's top-level functions and types, by name: what a cached walk is checked against. */
export interface TopLevelDeclarations {
  functions: Map<string, ts.Node>;
  types: Map<string, ts.Node>;
}

export function topLevelDeclarations(file: ts.SourceFile): TopLevelDeclarations {
  const functions = new Map<string, ts.Node>();
  const types = new Map<string, ts.Node>();
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) functions.set(statement.name.text, statement);
    else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) functions.set(d.name.text, d.initializer);
    } else if ((ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) && !types.has(statement.name.text)) types.set(statement.name.text, statement);
  }
  return { functions, types };
}

/** What a handler's walk is keyed by: its text and its declared state type (with the type's declaration). */
export function walkKey(site: HandlerSite, declarations: TopLevelDeclarations): string {
  const stateType = site.call.typeArguments?.[0];
  const named = stateType && ts.isTypeReferenceNode(stateType) && ts.isIdentifier(stateType.typeName) ? declarations.types.get(stateType.typeName.text) : undefined;
  return `${site.fn.getText()}\u0000${stateType?.getText() ?? ''}\u0000${named?.getText() ?? ''}`;
}

/** Whether the functions a cached walk called into are all still the same. */
export function stillValid(walk: CachedWalk, declarations: TopLevelDeclarations): boolean {
  for (const [name, text] of walk.called) {
    const now = declarations.functions.get(name);
    if (text === null ? now !== undefined : now?.getText() !== text) return false;
  }
  return true;
}

/** Makes a walk's events position-independent; `called` maps each name to the function found (or null). */
export function cacheWalk(site: HandlerSite, events: readonly WalkEvent[], called: Map<string, ts.Node | null>, declarations: TopLevelDeclarations): CachedWalk | undefined {
  const texts = new Map<string, string | null>();
  for (const [name, fn] of called) {
    if (fn === null) texts.set(name, null);
    else {
      // Only top-level functions can be checked again later; a walk into anything else is not kept.
      const declared = declarations.functions.get(name);
      if (!declared || !contains(declared, fn)) return undefined;
      texts.set(name, declared.getText());
    }
  }
  const base = site.fn.getStart();
  const cached: CachedEvent[] = [];
  for (const event of events) {
    const entry: CachedEvent = { rule: event.rule, phrase: event.phrase, helpers: event.helpers, start: event.node.getStart() - base, end: event.node.getEnd() - base };
    if (event.origin) {
      const helper = declarations.functions.get(event.helpers[event.helpers.length - 1]);
      if (!helper) return undefined;
      entry.origin = { start: event.origin.getStart() - helper.getStart(), end: event.origin.getEnd() - helper.getStart() };
    }
    cached.push(entry);
  }
  return { events: cached, called: texts };
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.getStart() >= outer.getStart() && inner.getEnd() <= outer.getEnd();
}
