/**
 * The key–value store checked as one object (no split per key): slower than
 * `kvModel`, but needed when keys are not independent and useful to confirm
 * that splitting does not change a verdict. The state keeps one value per
 * key number and a hash maintained incrementally, so a step costs a copy of
 * the (small) value array and no rehash of untouched keys.
 */
import type { Model } from './model';
import { describeKvOperation, isReadOnlyKvOperation, stepKey, type KvInput, type KvOutput } from './kvModel';
import { describeScalar, hashScalar, type ScalarValue } from './valueHash';

export interface KvStoreState {
  /** Value of key number k; a missing entry holds the initial value. */
  readonly values: readonly ScalarValue[];
  /** Name of key number k, for descriptions. */
  readonly names: readonly string[];
  /** Sum of every key's contribution (see `contribution`). */
  readonly hash: number;
}

/** Makes the whole-store model; every key starts at `initial`. */
export function createKvStoreModel(initial: ScalarValue = ''): Model<KvStoreState, KvInput, KvOutput> {
  const contribution = (key: number, value: ScalarValue): number =>
    value === initial ? 0 : Math.imul(hashScalar(value) ^ Math.imul(key + 1, 0x85ebca6b), 0xc2b2ae35);
  const valueOf = (state: KvStoreState, key: number): ScalarValue =>
    key < state.values.length ? state.values[key] : initial;

  return {
    name: 'kv (whole store)',
    init: () => ({ values: [], names: [], hash: 0 }),
    step(state, input, output) {
      const k = input.keyIndex;
      const before = valueOf(state, k);
      const after = stepKey(before, input, output);
      if (after === undefined || after === before) return after === undefined ? undefined : state;
      const values = state.values.slice();
      const names = state.names.slice();
      for (let i = values.length; i < k; i++) values[i] = initial;
      values[k] = after;
      names[k] = input.key;
      return { values, names, hash: (state.hash - contribution(k, before) + contribution(k, after)) | 0 };
    },
    isReadOnly: isReadOnlyKvOperation,
    hash: (state) => state.hash,
    equal(a, b) {
      if (a.hash !== b.hash) return false;
      const n = Math.max(a.values.length, b.values.length);
      for (let k = 0; k < n; k++) if (valueOf(a, k) !== valueOf(b, k)) return false;
      return true;
    },
    describeOperation: describeKvOperation,
    describeState(state) {
      const entries = state.values.flatMap((value, k) =>
        value === initial || state.names[k] === undefined ? [] : [`${describeScalar(state.names[k])}: ${describeScalar(value)}`],
      );
      return `{${entries.join(', ')}}`;
    },
  };
}

/** The store of Jepsen's kv histories, unsplit: every key starts as "". */
export const kvStoreModel = createKvStoreModel();
