/**
 * The kernel bundles the engine as an IIFE and evaluates it inside a
 * `node:vm` context, where cells also run. These tests do the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { createContext, runInContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { simulate, node, always } from '../../../src/api/index';
import { cloneValue } from '../../../src/engine/model/values';
import { decodeValue, encodeValue, canonicalKey } from '../../../src/common/valueEncoding';

// The engine's own API and the `always` property (the module also re-exports the explorers, which are tested where they live).
const engineDir = fileURLToPath(new URL('../../../src/engine/', import.meta.url));
const bundle = buildSync({
  stdin: { contents: "export { node } from './api/node'; export { simulate } from './simulate'; export { always } from '../check/properties/temporal';", resolveDir: engineDir, loader: 'ts' },
  bundle: true,
  format: 'iife',
  globalName: 'ProtocolNotebook',
  platform: 'neutral',
  write: false,
  logLevel: 'silent',
}).outputFiles[0].text;

/** A protocol with Map and Set state, as a cell would write it (plain JavaScript). */
const cell = `
  const { node, simulate, always } = ProtocolNotebook;
  const Replica = node({
    name: 'Replica',
    init: () => ({ seen: new Set(), counts: new Map() }),
    start(state, ctx) { ctx.broadcast({ type: 'hello', from: ctx.self, tags: new Set([ctx.self]) }); },
    on: {
      hello(state, msg, ctx) {
        state.counts.set(msg.from, (state.counts.get(msg.from) || 0) + 1);
        if (state.seen.has(msg.from)) return;
        state.seen.add(msg.from);
        ctx.reply(msg, { type: 'hello', from: ctx.self, tags: msg.tags });
      },
    },
  });
  globalThis.config = { nodes: { a: Replica, b: Replica, c: Replica }, network: { latency: [1, 5], duplicate: 0.2 }, seed: 9,
    properties: { small: always((w) => w.state.a.seen.size <= 3) } };
  JSON.stringify(simulate(globalThis.config).trace);
`;

test('the engine bundles for a neutral platform and runs inside a vm sandbox', () => {
  const context = createContext({});
  runInContext(bundle, context);
  const trace = JSON.parse(runInContext(cell, context) as string);
  assert.equal(trace.format, 'protocol-notebook-trace');
  assert.ok(trace.events.length > 10);
  const finalA = trace.states.byNode.a.entries.at(-1);
  assert.ok(finalA, 'states of sandbox Maps and Sets are recorded');
  assert.equal(trace.properties[0].status, 'pass');
});

test('a run in the sandbox and the same run in-process give the same trace', () => {
  const first = createContext({});
  runInContext(bundle, first);
  const inSandbox = runInContext(cell, first) as string;
  const second = createContext({});
  runInContext(bundle, second);
  assert.equal(runInContext(cell, second), inSandbox);
  // The sandbox-made definitions also run on this realm's engine.
  const config = runInContext('config', first);
  assert.equal(JSON.stringify(simulate(config).trace), inSandbox);
});

test('values from another realm are encoded, cloned and compared like our own', () => {
  const foreign = runInContext('({ m: new Map([["k", new Set([1, 2])]]), a: [1, { b: undefined }], n: NaN, big: 10n })', createContext({}));
  const local = { m: new Map([['k', new Set([1, 2])]]), a: [1, { b: undefined }], n: NaN, big: 10n };
  assert.deepEqual(encodeValue(foreign), encodeValue(local));
  assert.equal(canonicalKey(foreign), canonicalKey(local));
  const copy = cloneValue(foreign) as typeof local;
  assert.equal(Object.prototype.toString.call(copy.m), '[object Map]');
  assert.deepEqual([...(copy.m.get('k') ?? [])], [1, 2]);
  assert.notEqual(copy.m, foreign.m);
});

test('encoding round-trips Map, Set, undefined, bigint, non-finite numbers and tag-like objects', () => {
  const value = { m: new Map<unknown, unknown>([[1, 'a'], ['x', new Set([null])]]), u: undefined, b: -5n, inf: -Infinity, tagLike: { $set: [1] }, list: [undefined, 2] };
  const encoded = encodeValue(value);
  assert.deepEqual(JSON.parse(JSON.stringify(encoded)), encoded, 'plain JSON');
  assert.deepEqual(decodeValue(encoded), value);
  const cyclic: { self?: unknown } = {};
  cyclic.self = cyclic;
  assert.deepEqual(encodeValue(cyclic), { self: '[Circular]' });
});

test('decoding keeps a `__proto__` key as a field, never as the prototype of what it makes', () => {
  const decoded = decodeValue(JSON.parse('{"__proto__": {"kind": "forged"}, "a": 1}')) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(decoded), Object.prototype);
  assert.deepEqual(Object.keys(decoded), ['__proto__', 'a']);
  assert.equal(decoded.kind, undefined);
});

test('a predicate that throws another realm\'s Error reports its message', () => {
  const throwing = runInContext('() => { throw new TypeError("from the sandbox"); }', createContext({})) as () => boolean;
  const Idle = node<null>({ init: () => null, on: {} });
  const result = simulate({ nodes: { a: Idle }, properties: { p: always(throwing) } });
  assert.equal(result.verdicts[0].message, 'the predicate threw: from the sandbox');
});
