/**
 * The key–value store checked as one object (no split per key): slower than
 * the per-key model, but needed when keys are not independent and useful to
 * confirm that splitting does not change a verdict. A state holds one value
 * id per key number and a hash maintained incrementally, so a step costs a
 * copy of the (small) id array and no rehash of untouched keys.
 */
import type { Model } from './model';
import { describeKvOperation, isReadOnlyKvOperation, stepKey, type KvInput, type KvOutput } from './kvModel';
import { describeScalar, type ScalarValue } from './valueHash';
import { hashValueId, ValueTable } from './valueTable';

export interface KvStoreState {
  /** Value id of key number k (`KvInput.keyIndex`); a missing entry holds the initial value. */
  readonly values: readonly number[];
  /** Sum of every key's contribution (see `contribution`). */
  readonly hash: number;
}

/**
 * Makes the whole-store model; every key starts at `initial`. States refer
 * to the model's own value table, so make one model per check.
 */
export function createKvStoreModel(initial: ScalarValue = ''): Model<KvStoreState, KvInput, KvOutput> {
  const table = new ValueTable();
  const initialId = table.intern(initial);
  /** Key names by key number, for descriptions. */
  const keyNames: string[] = [];
  const contribution = (key: number, value: number): number =>
    value === initialId ? 0 : Math.imul(hashValueId(value) ^ Math.imul(key + 1, 0x85ebca6b), 0xc2b2ae35);
  const valueOf = (state: KvStoreState, key: number): number => (key < state.values.length ? state.values[key] : initialId);

  return {
    name: 'kv (whole store)',
    init: () => ({ values: [], hash: 0 }),
    step(state, input, output) {
      const k = input.keyIndex;
      keyNames[k] ??= input.key;
      const before = valueOf(state, k);
      const after = stepKey(table, before, input, output);
      if (after === undefined) return undefined;
      if (after === before) return state;
      const values = state.values.slice();
      for (let i = values.length; i < k; i++) values[i] = initialId;
      values[k] = after;
      return { values, hash: (state.hash - contribution(k, before) + contribution(k, after)) | 0 };
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
        value === initialId ? [] : [`${describeScalar(keyNames[k])}: ${describeScalar(table.valueOf(value))}`],
      );
      return `{${entries.join(', ')}}`;
    },
  };
}
