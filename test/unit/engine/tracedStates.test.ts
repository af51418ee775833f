// The trace records each state a node passes through, whatever shapes it
// takes: fields set, added, removed and reordered, nested values, Maps,
// arrays, a state replaced by a new object. Generated sequences of changes,
// each step's state read back from the trace and compared with a copy the
// handler took.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { simulate, node } from '../../../src/api/index';
import { stateAfter } from '../../../src/common/traceState';
import { encodeValue } from '../../../src/common/valueEncoding';

type Change =
  | { op: 'set'; key: string; value: string | number | boolean | null }
  | { op: 'delete'; key: string }
  | { op: 'nested'; key: string; value: number }
  | { op: 'map'; key: string }
  | { op: 'replace'; keys: string[] }
  | { op: 'array' }
  | { op: 'whole-map' }
  | { op: 'same' };

const keys = fc.constantFrom('a', 'b', 'c', '$e');
const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key: keys, value: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('x', true, null)) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), key: keys }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nested' as const), key: keys, value: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('map' as const), key: keys }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replace' as const), keys: fc.uniqueArray(keys, { maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.constant<Change>({ op: 'array' }) },
  { weight: 1, arbitrary: fc.constant<Change>({ op: 'whole-map' }) },
  { weight: 2, arbitrary: fc.constant<Change>({ op: 'same' }) },
);

/** Applies `c` to `state`; returns the state the handler leaves (a new one when it replaces it). */
function apply(state: Record<string, unknown>, c: Change, step: number): Record<string, unknown> | unknown[] | Map<unknown, unknown> | undefined {
  switch (c.op) {
    case 'set':
      state[c.key] = c.value;
      return undefined;
    case 'delete':
      delete state[c.key];
      return undefined;
    case 'nested':
      state[c.key] = { inner: c.value, list: [c.value, step] };
      return undefined;
    case 'map':
      state[c.key] = new Map([[step, 'v']]);
      return undefined;
    case 'replace':
      return Object.fromEntries(c.keys.map((k, i) => [k, step + i]));
    case 'array':
      return step % 2 === 0 ? [] : [step, 'x'];
    case 'whole-map':
      return new Map();
    case 'same':
      return undefined;
  }
}

test('each state of a node is read back from its trace as it was, through every change of shape', () => {
  fc.assert(
    fc.property(fc.array(change, { minLength: 1, maxLength: 80 }), fc.constantFrom(1, 3, 32), (changes, keyframeEvery) => {
      const seen: unknown[] = [];
      const Shaper = node<Record<string, unknown>, { type: 'step'; k: number }>({
        name: 'Shaper',
        init: () => ({ a: 0 }),
        start(_state, ctx) {
          ctx.send(ctx.self, { type: 'step', k: 0 });
        },
        on: {
          step(state, msg, ctx) {
            // A state that became an array or a Map goes back to an empty object, so later changes apply.
            const base = Array.isArray(state) || state instanceof Map ? {} : state;
            const next = apply(base, changes[msg.k], msg.k) ?? base;
            seen.push(encodeValue(next));
            if (msg.k + 1 < changes.length) ctx.send(ctx.self, { type: 'step', k: msg.k + 1 });
            return next as Record<string, unknown>;
          },
        },
      });
      const result = simulate({ nodes: { s: Shaper }, until: 10_000, trace: { keyframeEvery }, idempotency: false });
      const deliveries = result.trace.events.filter((e) => e.kind === 'deliver');
      assert.equal(deliveries.length, changes.length);
      deliveries.forEach((event, k) => assert.deepEqual(stateAfter(result.trace, 's', event.i), seen[k], `state after step ${k} (${JSON.stringify(changes[k])})`));
    }),
    { numRuns: 600, seed: 20261204 },
  );
});
