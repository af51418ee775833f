/**
 * A key–value store with read (get), write (put), append and
 * compare-and-set, checked one key at a time: keys are independent, so the
 * history splits into one sub-history per key and the state is one value.
 */
import type { Model, Operation } from './model';
import { describeScalar, type ScalarValue } from './valueHash';
import { hashValueId, ValueTable } from './valueTable';

export type KvInput =
  | { f: 'read'; key: string; keyIndex: number }
  | { f: 'write'; key: string; keyIndex: number; value: ScalarValue }
  | { f: 'append'; key: string; keyIndex: number; value: ScalarValue }
  | { f: 'cas'; key: string; keyIndex: number; from: ScalarValue; to: ScalarValue };

/** For a read, the value read; for a cas, whether it swapped; for write and append, nothing (null). */
export type KvOutput = ScalarValue;

/** A read with a known answer or a failed cas: changes no key, whatever the state. */
export function isReadOnlyKvOperation(input: KvInput, output: KvOutput | undefined): boolean {
  return (input.f === 'read' && output !== undefined) || (input.f === 'cas' && output === false);
}

/**
 * What one key holds after `input` (as an id in `table`), or undefined when
 * `output` is not an answer the store may give. Shared by the per-key and
 * whole-store models.
 */
export function stepKey(table: ValueTable, value: number, input: KvInput, output: KvOutput | undefined): number | undefined {
  switch (input.f) {
    case 'read':
      return output === undefined || table.holds(value, output) ? value : undefined;
    case 'write':
      return table.intern(input.value);
    case 'append':
      return table.append(value, table.intern(input.value));
    case 'cas': {
      const matches = table.holds(value, input.from);
      if (output === undefined) return matches ? table.intern(input.to) : value;
      if (output === false) return matches ? undefined : value;
      return matches ? table.intern(input.to) : undefined;
    }
  }
}

/**
 * Makes the per-key store model; every key starts at `initial` (Jepsen's
 * and Porcupine's kv histories start every key at "", Maelstrom's lin-kv at
 * null, i.e. missing). Append concatenates as strings, a missing key
 * counting as "". A state is the id of the key's value in the model's own
 * value table, so make one model per check.
 */
export function createKvModel(initial: ScalarValue = ''): Model<number, KvInput, KvOutput> {
  const table = new ValueTable();
  const initialId = table.intern(initial);
  return {
    name: 'kv',
    init: () => initialId,
    step: (state, input, output) => stepKey(table, state, input, output),
    isReadOnly: isReadOnlyKvOperation,
    hash: hashValueId,
    equal: (a, b) => a === b,
    partition: partitionByKey,
    describePartition: (operations, group) => `key ${describeScalar(operations[group[0]].input.key)}`,
    describeOperation: describeKvOperation,
    describeState: (state) => describeScalar(table.valueOf(state)),
  };
}

/** One group per key, in key order. */
export function partitionByKey(operations: readonly Operation<KvInput, KvOutput>[]): number[][] {
  const byKey = new Map<string, number[]>();
  operations.forEach((op, i) => {
    const group = byKey.get(op.input.key);
    if (group) group.push(i);
    else byKey.set(op.input.key, [i]);
  });
  return [...byKey.keys()].sort().map((key) => byKey.get(key) ?? []);
}

/** e.g. `read "x" → "a"`, `append "x" "b"`, `cas "x" 1→2 failed`. */
export function describeKvOperation(input: KvInput, output: KvOutput | undefined): string {
  const key = describeScalar(input.key);
  const unknown = output === undefined ? ', outcome unknown' : '';
  switch (input.f) {
    case 'read':
      return `read ${key} → ${output === undefined ? '?' : describeScalar(output)}`;
    case 'write':
    case 'append':
      return `${input.f} ${key} ${describeScalar(input.value)}${unknown}`;
    case 'cas':
      return `cas ${key} ${describeScalar(input.from)}→${describeScalar(input.to)}${output === false ? ' failed' : output === undefined ? unknown : ' ok'}`;
  }
}
