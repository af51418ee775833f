/**
 * A single read/write/compare-and-set register, as in Jepsen's etcd test and
 * Porcupine's etcd model.
 */
import type { Model } from './model';
import { describeScalar, hashScalar, type ScalarValue } from './valueHash';

export type RegisterInput =
  | { f: 'read' }
  | { f: 'write'; value: ScalarValue }
  | { f: 'cas'; from: ScalarValue; to: ScalarValue };

/**
 * For a read, the value read; for a cas, whether it swapped (false: the
 * comparison failed); for a write, nothing (null).
 */
export type RegisterOutput = ScalarValue;

/**
 * Makes a register model whose register starts at `initial` (Jepsen's
 * registers start empty: null). An operation with an unknown outcome may
 * have taken effect or not: a write always applies (linearizing it after
 * everything else is the same as it never happening), a cas applies when
 * its comparison holds, a read changes nothing.
 */
export function createRegisterModel(initial: ScalarValue = null): Model<ScalarValue, RegisterInput, RegisterOutput> {
  return {
    name: 'register',
    init: () => initial,
    step(state, input, output) {
      switch (input.f) {
        case 'read':
          return output === undefined || output === state ? state : undefined;
        case 'write':
          return input.value;
        case 'cas': {
          const matches = state === input.from;
          if (output === undefined) return matches ? input.to : state;
          if (output === false) return matches ? undefined : state;
          return matches ? input.to : undefined;
        }
      }
    },
    isReadOnly: (input, output) => (input.f === 'read' && output !== undefined) || (input.f === 'cas' && output === false),
    hash: hashScalar,
    equal: (a, b) => a === b,
    describeOperation: describeRegisterOperation,
    describeState: describeScalar,
  };
}

/** The register of Jepsen's etcd histories: starts empty (null). */
export const registerModel = createRegisterModel();

/** e.g. `read → 3`, `write 3`, `cas 1→2 failed`, `write 3, outcome unknown`. */
export function describeRegisterOperation(input: RegisterInput, output: RegisterOutput | undefined): string {
  switch (input.f) {
    case 'read':
      return `read → ${output === undefined ? '?' : describeScalar(output)}`;
    case 'write':
      return `write ${describeScalar(input.value)}${output === undefined ? ', outcome unknown' : ''}`;
    case 'cas': {
      const outcome = output === undefined ? ', outcome unknown' : output === false ? ' failed' : ' ok';
      return `cas ${describeScalar(input.from)}→${describeScalar(input.to)}${outcome}`;
    }
  }
}
