/**
 * The key–value store checked as one object (no split per key): slower than
 * the per-key model, but needed when keys are not independent and useful to
 * confirm that splitting does not change a verdict. A state is an id in a
 * table of whole-store rows, hash-consed by content, with a hash maintained
 * incrementally: a step touches one key and allocates nothing.
 */
import type { Model } from './model';
import { describeKvOperation, isReadOnlyKvOperation, stepKey, type KvInput, type KvOutput } from './kvModel';
import { StoreStateTable } from './storeStateTable';
import { describeScalar, type ScalarValue } from './valueHash';
import { hashValueId, ValueTable } from './valueTable';

/**
 * Makes the whole-store model; every key starts at `initial`. States are ids
 * in the model's own tables, so make one model per check.
 */
export function createKvStoreModel(initial: ScalarValue = ''): Model<number, KvInput, KvOutput> {
  const values = new ValueTable();
  const initialId = values.intern(initial);
  const states = new StoreStateTable(initialId);
  /** Key names by key number, for descriptions. */
  const keyNames: string[] = [];
  // A key holding the initial value contributes nothing, so the initial state hashes to 0.
  const contribution = (key: number, value: number): number =>
    value === initialId ? 0 : Math.imul(hashValueId(value) ^ Math.imul(key + 1, 0x85ebca6b), 0xc2b2ae35);

  return {
    name: 'kv (whole store)',
    init: () => 0,
    step(state, input, output) {
      const k = input.keyIndex;
      keyNames[k] ??= input.key;
      const before = states.valueAt(state, k);
      const after = stepKey(values, before, input, output);
      if (after === undefined) return undefined;
      if (after === before) return state;
      const hash = (states.hashOf(state) - contribution(k, before) + contribution(k, after)) | 0;
      return states.withValue(state, k, after, hash);
    },
    isReadOnly: isReadOnlyKvOperation,
    hash: (state) => states.hashOf(state),
    equal: (a, b) => a === b,
    describeOperation: describeKvOperation,
    describeState(state) {
      const entries: string[] = [];
      for (let k = 0; k < states.keyCount; k++) {
        const value = states.valueAt(state, k);
        if (value !== initialId && keyNames[k] !== undefined) entries.push(`${describeScalar(keyNames[k])}: ${describeScalar(values.valueOf(value))}`);
      }
      return `{${entries.join(', ')}}`;
    },
  };
}
