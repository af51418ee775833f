/**
 * The first cell of every hostile notebook: `tryEscape(label, value)` takes
 * anything a route handed the cell and tries to turn it into the kernel's
 * `process`, as an attacker would. It reports in two ways that do not depend
 * on each other:
 * - `LEAKED <label>` when the value (or its constructor, its prototype's
 *   constructor) belongs to another realm than the cell's: a kernel object
 *   reached the cell, whatever it could then do;
 * - the marker file, written through the kernel's `fs`, when the value gave
 *   `process` (possible only where code generation and file writes are allowed).
 * `MARKER` is replaced by the test with the marker file's path.
 */
export const escapeKit = `
const MARKER: string = __MARKER__;
const ownObjectPrototype = Object.prototype;
const ownFunctionPrototype = Function.prototype;
function isForeign(value: unknown): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  let current: unknown = value;
  for (let depth = 0; depth < 64; depth++) {
    let next: unknown;
    try { next = Object.getPrototypeOf(current); } catch { return false; }
    if (next === null) return depth > 0;
    if (next === ownObjectPrototype || next === ownFunctionPrototype) return false;
    current = next;
  }
  return false;
}
let escaping = false;
function tryEscape(label: string, value: unknown): void {
  // A proxy's trap that calls tryEscape would otherwise recurse through its own receiver.
  if (escaping) return;
  escaping = true;
  try {
    attempt(label, value);
  } finally {
    escaping = false;
  }
}
function attempt(label: string, value: unknown): void {
  const candidates: unknown[] = [];
  const add = (read: () => unknown) => { try { const v = read(); if (v !== undefined && v !== null) candidates.push(v); } catch {} };
  add(() => value);
  add(() => (value as { constructor: unknown }).constructor);
  add(() => (Object.getPrototypeOf(value) as { constructor: unknown }).constructor);
  add(() => ((value as { constructor: { constructor: unknown } }).constructor).constructor);
  for (const candidate of candidates) {
    if (isForeign(candidate)) console.log('LEAKED ' + label);
    if (typeof candidate !== 'function') continue;
    let proc: any;
    try { proc = (candidate as any)('return process')(); } catch {}
    if (!proc) try { proc = (candidate as any).constructor('return process')(); } catch {}
    if (proc && typeof proc === 'object') {
      console.log('ESCAPED via ' + label);
      try { proc.getBuiltinModule('fs').writeFileSync(MARKER, label); } catch {}
      try { proc.mainModule.require('fs').writeFileSync(MARKER, label); } catch {}
      return;
    }
  }
}
`;

/** The last cell of every hostile notebook: it must run (or be reported as blocked by a cell above). */
export const nextCell = `console.log('next cell ok');`;

/** A small protocol whose handlers try the routes too, for the explore() and check() runs of a notebook. */
export const hostileProtocol = `
type Msg = { type: 'ping'; n: number } | { type: 'pong'; n: number };
const Probe = node<{ seen: number }, Msg>({
  init: () => ({ seen: 0 }),
  start(_state, ctx) {
    tryEscape('ctx', ctx);
    tryEscape('ctx.send', ctx.send);
    ctx.send('echo', { type: 'ping', n: 1 });
  },
  on: {
    pong(state, msg) {
      tryEscape('msg', msg);
      state.seen = msg.n;
    },
  },
});
const Echo = node<{}, Msg>({
  init: () => ({}),
  on: { ping(_state, msg, ctx) { tryEscape('reply', ctx.reply); ctx.reply(msg, { type: 'pong', n: msg.n }); } },
});
const hostileConfig = {
  nodes: { probe: Probe, echo: Echo },
  properties: { 'at most one pong': always((w: any) => w.state.probe.seen <= 1) },
  seed: 1,
  until: 50,
};
display(explore(hostileConfig, { seeds: 3 }));
display(check(hostileConfig, { depth: 6 }));
`;
