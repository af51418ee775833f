/**
 * Finds the handler that produced an event in a notebook's cells, by text:
 * the node definition `const <Kind> = node…({`, then the handler's key inside
 * its `on: {…}` (messages), `timers: {…}` (timers) or the definition itself
 * (`init`, `start`, `recover`). Plain strings in, a position out: no vscode.
 */
export interface HandlerPosition {
  /** Index of the cell in the list given. */
  cell: number;
  line: number;
  column: number;
}

export function locateHandler(cells: readonly string[], handler: string, nodeKind?: string): HandlerPosition | undefined {
  const timer = handler.startsWith('timer:') ? handler.slice('timer:'.length) : undefined;
  const key = timer ?? handler;
  const section = timer !== undefined ? 'timers' : handler === 'init' || handler === 'start' || handler === 'recover' ? undefined : 'on';
  const candidates: HandlerPosition[] = [];
  cells.forEach((source, cell) => {
    for (const definition of definitions(source, nodeKind)) {
      const body = blockAt(source, definition);
      if (!body) continue;
      let scope = body;
      if (section) {
        const inner = findKey(source, body, section);
        const block = inner === undefined ? undefined : blockAt(source, source.indexOf('{', inner));
        if (!block) continue;
        scope = block;
      }
      const at = findKey(source, scope, key);
      if (at !== undefined) candidates.push({ cell, ...lineColumn(source, at) });
    }
  });
  return candidates[0];
}

/** Offsets of the `{` opening each node definition (all of them when the kind is unknown). */
function definitions(source: string, kind?: string): number[] {
  const name = kind ? escapeRegExp(kind) : '[A-Za-z_$][\\w$]*';
  const pattern = new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*(?::[^=]+)?=\\s*(?:\\w+\\.)?(?:node|client)\\s*(?:<[^(]*>)?\\s*\\(\\s*\\{`, 'g');
  const found: number[] = [];
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) found.push(m.index + m[0].length - 1);
  return found;
}

/** The [open, close] offsets of the brace block opening at `open`, skipping strings and comments. */
function blockAt(source: string, open: number): [number, number] | undefined {
  if (open < 0 || source[open] !== '{') return undefined;
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') i = source.indexOf('\n', i) < 0 ? source.length : source.indexOf('\n', i);
    else if (c === '/' && source[i + 1] === '*') i = source.indexOf('*/', i + 2) < 0 ? source.length : source.indexOf('*/', i + 2) + 1;
    else if (c === '"' || c === "'" || c === '`') i = skipString(source, i);
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return [open, i];
  }
  return undefined;
}

function skipString(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i;
  }
  return source.length;
}

/** Offset of a property key directly inside the block (depth 1, outside strings and comments): `key(`, `key:`, `'key'(`, `async key(`. */
function findKey(source: string, [open, close]: [number, number], key: string): number | undefined {
  const pattern = new RegExp(`^(?:${escapeRegExp(key)}|'${escapeRegExp(key)}'|"${escapeRegExp(key)}")\\s*(?:\\(|:|<)`);
  let depth = 0;
  for (let i = open; i < close; i++) {
    const c = source[i]!;
    if (c === '/' && source[i + 1] === '/') i = source.indexOf('\n', i) < 0 ? close : source.indexOf('\n', i);
    else if (c === '/' && source[i + 1] === '*') i = source.indexOf('*/', i + 2) < 0 ? close : source.indexOf('*/', i + 2) + 1;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 1 && /[\s,{]/.test(source[i - 1] ?? ' ') && pattern.test(source.slice(i, i + key.length + 8))) return i;
    else if (c === '"' || c === "'" || c === '`') i = skipString(source, i);
  }
  return undefined;
}

function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
