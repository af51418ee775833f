/**
 * A key–value store with read (get), write (put), append and
 * compare-and-set, checked one key at a time: keys are independent, so the
 * history splits into one sub-history per key and the state is one value.
 */
import type { Model, Operation } from './model';
import { describeScalar, hashScalar, type ScalarValue } from './valueHash';

export type KvInput =
  | { f: 'read'; key: string; keyIndex: number }
  | { f: 'write'; key: string; keyIndex: number; value: ScalarValue }
  | { f: 'append'; key: string; keyIndex: number; value: ScalarValue }
  | { f: 'cas'; key: string; keyIndex: number; from: ScalarValue; to: ScalarValue };

/** For a read, the value read; for a cas, whether it swapped; for write and append, nothing (null). */
export type KvOutput = ScalarValue;

/**
 * What one key holds after `input`, or undefined when `output` is not an
 * answer the store may give. Shared by the per-key and whole-store models.
 */
export function stepKey(value: ScalarValue, input: KvInput, output: KvOutput | undefined): ScalarValue | undefined {
  switch (input.f) {
    case 'read':
      return output === undefined || output === value ? value : undefined;
    case 'write':
      return input.value;
    case 'append':
      return appendValue(value, input.value);
    case 'cas': {
      const matches = value === input.from;
      if (output === undefined) return matches ? input.to : value;
      if (output === false) return matches ? undefined : value;
      return matches ? input.to : undefined;
    }
  }
}

/** Append concatenates as strings; appending to a missing key (null) starts from "". */
function appendValue(value: ScalarValue, suffix: ScalarValue): string {
  return (value === null ? '' : String(value)) + (suffix === null ? '' : String(suffix));
}

/** A read with a known answer or a failed cas: changes no key, whatever the state. */
export function isReadOnlyKvOperation(input: KvInput, output: KvOutput | undefined): boolean {
  return (input.f === 'read' && output !== undefined) || (input.f === 'cas' && output === false);
}

/**
 * Makes the per-key store model; every key starts at `initial` (Jepsen's
 * and Porcupine's kv histories start every key at "", Maelstrom's lin-kv at
 * null, i.e. missing).
 */
export function createKvModel(initial: ScalarValue = ''): Model<ScalarValue, KvInput, KvOutput> {
  return {
    name: 'kv',
    init: () => initial,
    step: stepKey,
    isReadOnly: isReadOnlyKvOperation,
    hash: hashScalar,
    equal: (a, b) => a === b,
    partition: partitionByKey,
    describePartition: (operations, group) => `key ${describeScalar(operations[group[0]].input.key)}`,
    describeOperation: describeKvOperation,
    describeState: describeScalar,
  };
}

/** The store of Jepsen's kv histories: every key starts as "". */
export const kvModel = createKvModel();

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
  const unknown = output === undefined ? ' (outcome unknown)' : '';
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
