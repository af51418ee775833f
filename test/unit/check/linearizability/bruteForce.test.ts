/**
 * The search against a brute-force oracle: on small random register and
 * key–value histories (with concurrency, failed cas, crashed operations),
 * the checker's verdict equals that of trying every order, and a
 * linearizable verdict comes with a witness order that replays correctly.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkHistory } from '../../../../src/check/linearizability';
import type { History, HistoryOperation } from '../../../../src/common/history';
import type { JsonValue } from '../../../../src/common/traceFormat';

type Store = Map<string, JsonValue>;

/** The sequential store both checkers are meant to implement; returns false when the operation's answer is impossible. */
function apply(store: Store, op: HistoryOperation, initial: JsonValue): boolean {
  const key = String(op.key ?? '');
  const value = store.has(key) ? store.get(key)! : initial;
  switch (op.f) {
    case 'read':
      return op.status !== 'ok' || op.output === value;
    case 'write':
      store.set(key, op.input);
      return true;
    case 'append':
      store.set(key, String(value ?? '') + String(op.input));
      return true;
    case 'cas': {
      const [from, to] = op.input as [JsonValue, JsonValue];
      const matches = value === from;
      if (op.status === 'info') {
        if (matches) store.set(key, to);
        return true;
      }
      if (op.status === 'fail' || op.output === false) return !matches;
      if (matches) store.set(key, to);
      return matches;
    }
  }
  throw new Error(`unexpected ${op.f}`);
}

/** Tries every order (and every choice of which crashed operations happened). */
function bruteForceLinearizable(history: History, initial: JsonValue): boolean {
  const effective = history.filter((op) => !(op.status === 'fail' && op.f !== 'cas') && !(op.status === 'info' && op.f === 'read'));
  const required = effective.filter((op) => op.status !== 'info');
  const placed = new Set<HistoryOperation>();
  const search = (store: Store): boolean => {
    if (required.every((op) => placed.has(op))) return true;
    for (const op of effective) {
      if (placed.has(op)) continue;
      // Every operation that returned before this one was called must already be placed.
      if (required.some((other) => !placed.has(other) && other !== op && other.return! < op.call)) continue;
      const next = new Map(store);
      if (!apply(next, op, initial)) continue;
      placed.add(op);
      const found = search(next);
      placed.delete(op);
      if (found) return true;
    }
    return false;
  };
  return search(new Map());
}

/** Replays a witness order: every answer must be the one the sequential store gives. */
function replays(history: History, order: number[], initial: JsonValue): boolean {
  const store: Store = new Map();
  return order.every((i) => apply(store, history[i], initial));
}

const value = fc.integer({ min: 0, max: 2 });
const timing = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 8 }));

function operation(keys: string[], withAppend: boolean): fc.Arbitrary<HistoryOperation> {
  const verbs = withAppend ? ['read', 'write', 'cas', 'append'] : ['read', 'write', 'cas'];
  return fc
    .record({
      f: fc.constantFrom(...verbs),
      key: fc.constantFrom(...keys),
      input: value,
      from: fc.option(value, { nil: null }),
      output: fc.option(value, { nil: null }),
      status: fc.constantFrom('ok', 'ok', 'ok', 'fail', 'info'),
      time: timing,
    })
    .map(({ f, key, input, from, output, status, time: [call, length] }) => {
      const op: HistoryOperation = { process: '', f, input: f === 'cas' ? [from, input] : f === 'read' ? null : f === 'append' ? `x${input}` : input, call, status: status as HistoryOperation['status'] };
      if (keys.length > 1) op.key = key;
      if (status !== 'info') op.return = call + length;
      if (status === 'ok' && f === 'read') op.output = withAppend && output !== null ? `x${output}` : output;
      return op;
    });
}

function histories(keys: string[], withAppend: boolean): fc.Arbitrary<History> {
  return fc.array(operation(keys, withAppend), { minLength: 1, maxLength: 7 }).map((ops) => ops.map((op, i) => ({ ...op, process: `p${i}` })));
}

describe('the search agrees with brute force', () => {
  it('on random register histories', () => {
    fc.assert(
      fc.property(histories([''], false), (history) => {
        const result = checkHistory(history, 'register');
        assert.equal(result.verdict === 'linearizable', bruteForceLinearizable(history, null), JSON.stringify(history));
        if (result.verdict === 'linearizable') assert.ok(replays(history, result.partitions[0].linearization ?? [], null));
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('on random key–value histories, split per key and whole', () => {
    fc.assert(
      fc.property(histories(['x', 'y'], true), (history) => {
        const expected = bruteForceLinearizable(history, '');
        const split = checkHistory(history, 'kv');
        const whole = checkHistory(history, 'kv', { noPartition: true });
        assert.equal(split.verdict === 'linearizable', expected, JSON.stringify(history));
        assert.equal(whole.verdict, split.verdict);
        if (whole.verdict === 'linearizable') assert.ok(replays(history, whole.partitions[0].linearization ?? [], ''));
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});
