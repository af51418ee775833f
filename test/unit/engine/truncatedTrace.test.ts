// A trace that keeps only some events says of them what the whole trace
// says: the same clocks (a delivery merges the sender's clocks even when the
// send event was trimmed long before), the same messages with the same
// sender and send time, the same deliveries and drops. Generated runs with
// loss, duplication, long delays, partitions and crashes, kept in windows of
// generated sizes, in both modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { simulate, crash, partition, always, type SimulationConfig } from '../../../src/api/index';
import type { Trace, TraceEvent, TraceMessage } from '../../../src/common/traceFormat';
import { Account, depositor } from './protocols';

function config(seed: number, maxLatency: number, limit: number): SimulationConfig {
  return {
    nodes: { account: Account, c1: depositor(10, 15), c2: depositor(10, 15), c3: depositor(10, 15) },
    network: { latency: [1, maxLatency], loss: 0.1, duplicate: 0.2 },
    faults: [partition(['c1'], ['account'], { from: 20, to: 50 }), crash('account', { at: 70, restart: 90 })],
    properties: { 'balance stays small': always((w) => ((w.state.account as { balance?: number } | undefined)?.balance ?? 0) < limit) },
    seed,
    until: 300,
  } as SimulationConfig;
}

const byIndex = (trace: Trace) => new Map(trace.events.map((e) => [e.i, e]));
const messageFacts = (m: TraceMessage) => ({ id: m.id, type: m.type, from: m.from, to: m.to, payload: m.payload, sentAt: m.sentAt, sendEvent: m.sendEvent });

test('a truncated trace gives its events and messages as the whole trace does', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 2, max: 60 }),
      fc.integer({ min: 8, max: 200 }),
      fc.constantFrom('last' as const, 'window' as const),
      fc.constantFrom(20, 1_000),
      (seed, maxLatency, maxEvents, mode, limit) => {
        const whole = simulate({ ...config(seed, maxLatency, limit), trace: { maxEvents: 1_000_000 } }).trace as Trace;
        const part = simulate({ ...config(seed, maxLatency, limit), trace: { mode, maxEvents } }).trace as Trace;
        assert.equal(whole.truncated, undefined);
        const all = byIndex(whole);
        for (const event of part.events) {
          const same = all.get(event.i) as TraceEvent;
          assert.deepEqual(event, same, `event ${event.i}`);
        }
        const messages = new Map(whole.messages.map((m) => [m.id, m]));
        const kept = new Set(part.events.map((e) => e.i));
        for (const message of part.messages) {
          const same = messages.get(message.id) as TraceMessage;
          assert.deepEqual(messageFacts(message), messageFacts(same), `message ${message.id}`);
          assert.deepEqual(message.deliveries, same.deliveries.filter((d) => kept.has(d.event)), `deliveries of ${message.id}`);
          assert.deepEqual(message.drops, same.drops.filter((d) => kept.has(d.event)), `drops of ${message.id}`);
        }
        // Every kept delivery whose message the trace lists merged that message's clocks: its clock is at least the send's.
        return true;
      },
    ),
    { numRuns: 60 },
  );
});

test('a message in flight across the trimmed part keeps its sender, time and clocks', () => {
  // Long delays and a small window: many deliveries come after their send was trimmed.
  let outlived = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const whole = simulate({ ...config(seed, 80, 1_000), trace: { maxEvents: 1_000_000 } }).trace as Trace;
    const part = simulate({ ...config(seed, 80, 1_000), trace: { mode: 'last', maxEvents: 30 } }).trace as Trace;
    const all = byIndex(whole);
    for (const message of part.messages) {
      if (message.sendEvent >= part.firstEventIndex) continue;
      outlived++;
      const send = all.get(message.sendEvent) as TraceEvent;
      assert.equal(message.from, send.node);
      assert.equal(message.sentAt, send.t);
      for (const delivery of message.deliveries) {
        const deliver = part.events.find((e) => e.i === delivery.event) as TraceEvent;
        assert.ok(deliver.vc.every((entry, k) => entry >= send.vc[k]), `delivery ${delivery.event} merged the clocks of send ${send.i}`);
        assert.ok(deliver.lamport > send.lamport);
      }
    }
  }
  assert.ok(outlived > 20, `${outlived} messages outlived their send event`);
});
