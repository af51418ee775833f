import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventQueue, type Scheduled } from '../../../src/engine/model/eventQueue';

interface Item extends Scheduled {
  name: number;
}

/** What the queue must do, written the obvious way: a list sorted on every read. */
class ReferenceQueue {
  items: Item[] = [];
  live(): Item[] {
    return this.items.filter((item) => !item.cancelled).sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
  popIfDue(until: number): Item | null | undefined {
    const head = this.live()[0];
    if (head === undefined) return undefined;
    if (head.at > until) return null;
    this.items.splice(this.items.indexOf(head), 1);
    return head;
  }
}

/** One operation on a queue: schedule `delay` after the present (whole, fractional, beyond the ring, or before the present), take, take if due, cancel, copy. */
type Op = { op: 'push'; delay: number } | { op: 'pop' } | { op: 'popIfDue'; within: number } | { op: 'cancel'; pick: number } | { op: 'map' } | { op: 'pushOld'; delay: number };

const delays = fc.oneof(
  fc.integer({ min: 0, max: 12 }),
  fc.integer({ min: 0, max: 5000 }),
  fc.double({ min: 0, max: 40, noNaN: true }),
  fc.constantFrom(0, 1023, 1024, 1025, 2047, 2 ** 31 + 3),
  fc.integer({ min: -20, max: -1 }),
);
const ops: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: delays.map((delay): Op => ({ op: 'push', delay })) },
  { weight: 1, arbitrary: delays.map((delay): Op => ({ op: 'pushOld', delay })) },
  { weight: 4, arbitrary: fc.constant<Op>({ op: 'pop' }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 30 }).map((within): Op => ({ op: 'popIfDue', within })) },
  { weight: 2, arbitrary: fc.nat().map((pick): Op => ({ op: 'cancel', pick })) },
  { weight: 1, arbitrary: fc.constant<Op>({ op: 'map' }) },
);

test('the calendar queue takes entries in (time, scheduling order), as a sorted list does, whatever is scheduled, cancelled or copied', () => {
  fc.assert(
    fc.property(fc.array(ops, { maxLength: 300 }), (script) => {
      let queue = new EventQueue<Item>();
      const reference = new ReferenceQueue();
      let now = 0;
      let seq = 0;
      let names = 0;
      for (const step of script) {
        switch (step.op) {
          case 'push':
          case 'pushOld': {
            // 'pushOld' puts back an entry with an earlier sequence number, as a copied world's queue does.
            const item: Item = { at: now + step.delay, seq: step.op === 'push' ? seq++ : seq - 5 - (names % 7), cancelled: false, name: names++ };
            queue.push(item);
            reference.items.push(item);
            break;
          }
          case 'pop':
          case 'popIfDue': {
            const until = step.op === 'pop' ? Infinity : now + step.within;
            const expected = reference.popIfDue(until);
            const got = step.op === 'pop' ? queue.pop() : queue.popIfDue(until);
            assert.equal(got === null ? 'later' : got?.name, expected === null ? 'later' : expected?.name);
            if (got) now = Math.max(now, got.at);
            break;
          }
          case 'cancel': {
            const live = reference.live();
            if (live.length > 0) live[step.pick % live.length].cancelled = true;
            break;
          }
          case 'map': {
            const copies = new Map<Item, Item>();
            queue = queue.map((item) => {
              const copy = { ...item };
              copies.set(item, copy);
              return copy;
            });
            reference.items = reference.items.filter((item) => !item.cancelled).map((item) => copies.get(item) as Item);
            break;
          }
        }
        assert.deepEqual(queue.peek()?.name, reference.live()[0]?.name);
        assert.deepEqual(queue.live().map((item) => item.name).sort((a, b) => a - b), reference.live().map((item) => item.name).sort((a, b) => a - b));
      }
      // Drained, in order.
      const rest: number[] = [];
      for (let item = queue.pop(); item; item = queue.pop()) rest.push(item.name);
      assert.deepEqual(rest, reference.live().map((item) => item.name));
      assert.equal(queue.peek(), undefined);
    }),
    { numRuns: 400, seed: 20261204 },
  );
});

test('entries of one time come out in the order they were scheduled, across the ring and the heap', () => {
  const queue = new EventQueue<Item>();
  // 2000 is beyond the ring at first, so it goes to the heap; the later ones, scheduled once the clock is near, go to the ring.
  const first: Item = { at: 2000, seq: 0, cancelled: false, name: 0 };
  queue.push(first);
  queue.push({ at: 1990, seq: 1, cancelled: false, name: 1 });
  assert.equal(queue.pop()?.name, 1);
  queue.push({ at: 2000, seq: 2, cancelled: false, name: 2 });
  queue.push({ at: 2000, seq: 3, cancelled: false, name: 3 });
  queue.push({ at: 1999.5, seq: 4, cancelled: false, name: 4 });
  assert.deepEqual([queue.pop(), queue.pop(), queue.pop(), queue.pop()].map((item) => item?.name), [4, 0, 2, 3]);
  assert.equal(queue.size, 0);
});
