/**
 * The search is model-agnostic: a FIFO queue defined here, Porcupine-style,
 * is checked through `checkOperations` like the built-in models.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkOperations, type Model, type Operation } from '../../../../src/check/linearizability';

type QueueInput = { f: 'enqueue'; value: number } | { f: 'dequeue' };
/** The value dequeued (null: the queue was empty); nothing for enqueue. */
type QueueOutput = number | null;
type QueueState = readonly number[];

const queueModel: Model<QueueState, QueueInput, QueueOutput> = {
  name: 'queue',
  init: () => [],
  step(state, input, output) {
    if (input.f === 'enqueue') return [...state, input.value];
    const head = state.length === 0 ? null : state[0];
    if (output !== undefined && output !== head) return undefined;
    return state.slice(1);
  },
  hash: (state) => state.reduce((h, v) => Math.imul(h ^ v, 0x01000193), 0x811c9dc5),
  equal: (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
  describeOperation: (input, output) => (input.f === 'enqueue' ? `enqueue ${input.value}` : `dequeue → ${output ?? 'empty'}`),
  describeState: (state) => `[${state.join(', ')}]`,
};

const enqueue = (value: number, call: number, ret: number): Operation<QueueInput, QueueOutput> => ({ process: `e${value}`, input: { f: 'enqueue', value }, output: null, call, return: ret });
const dequeue = (output: number | null, call: number, ret: number): Operation<QueueInput, QueueOutput> => ({ process: 'd', input: { f: 'dequeue' }, output, call, return: ret });

describe('a custom model', () => {
  it('accepts a history in which concurrent enqueues are dequeued in either order', () => {
    const result = checkOperations(queueModel, [enqueue(1, 0, 10), enqueue(2, 1, 11), dequeue(2, 12, 13), dequeue(1, 14, 15), dequeue(null, 16, 17)]);
    assert.equal(result.verdict, 'linearizable');
    assert.equal(result.model, 'queue');
    assert.deepEqual(result.partitions[0].linearization, [1, 0, 2, 3, 4]);
  });

  it('rejects a FIFO violation and explains it in the model’s own words', () => {
    const result = checkOperations(queueModel, [enqueue(1, 0, 1), enqueue(2, 2, 3), dequeue(2, 4, 5)]);
    assert.equal(result.verdict, 'not-linearizable');
    assert.equal(result.explanation?.stateAfterPrefix, '[1, 2]');
    assert.equal(result.explanation?.cannotPlace, 2);
    assert.match(result.explanation?.message ?? '', /the state was \[1, 2\], and\n {2}dequeue → 2 \(process d, called at 4, returned at 5\)/);
  });
});
