import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, node } from '../../../src/api/index';
import { Echo, Pinger } from './protocols';

test('an echo run delivers every ping and every pong on a reliable network', () => {
  const result = simulate({ nodes: { pinger: Pinger, echo: Echo }, seed: 3, until: 100 });
  assert.equal(result.kind, 'protocol-notebook/run');
  assert.equal(result.ok, true);
  assert.equal(result.endReason, 'quiescent');
  assert.equal(result.stats.messagesSent, 40);
  assert.equal(result.stats.deliveries, 40);
  assert.deepEqual(result.finalState.pinger, { pongs: 20, got: Array.from({ length: 20 }, (_, n) => n) });
  assert.deepEqual(result.finalState.echo, { pings: 20 });
});

test('the run stops at `until` and reports it', () => {
  const Ticker = node<{ ticks: number }>({
    init: () => ({ ticks: 0 }),
    start: (_s, ctx) => ctx.setTimer('tick', 10),
    on: {},
    timers: {
      tick(state, ctx) {
        state.ticks++;
        ctx.setTimer('tick', 10);
      },
    },
  });
  const result = simulate({ nodes: { t: Ticker }, until: 95 });
  assert.equal(result.endReason, 'until');
  assert.equal(result.trace.endTime, 95);
  assert.deepEqual(result.finalState.t, { ticks: 9 });
});

test('the step budget ends a runaway protocol reproducibly', () => {
  const Storm = node<null>({
    init: () => null,
    start: (_s, ctx) => ctx.send(ctx.self, { type: 'again' }),
    on: { again: (_s, msg, ctx) => ctx.send(ctx.self, msg) },
  });
  const result = simulate({ nodes: { s: Storm }, until: Infinity, maxEvents: 1000, network: { latency: 0 } });
  assert.equal(result.endReason, 'step-limit');
  assert.equal(result.stats.events, 1000);
});

test('a handler that throws ends the run, marks its event and keeps the Error', () => {
  const Faulty = node<{ n: number }>({
    init: () => ({ n: 0 }),
    start: (_s, ctx) => ctx.send(ctx.self, { type: 'boom' }),
    on: {
      boom() {
        throw new RangeError('no such account');
      },
    },
  });
  const result = simulate({ nodes: { f: Faulty } });
  assert.equal(result.ok, false);
  assert.equal(result.endReason, 'handler-error');
  assert.equal(result.error?.message, 'no such account');
  assert.equal(result.error?.handler, 'boom');
  const event = result.trace.events.find((e) => e.i === result.error?.event);
  assert.equal(event?.kind, 'deliver');
  assert.match(event?.error ?? '', /RangeError: no such account/);
  assert.ok(result.handlerError instanceof RangeError);
  assert.equal(Object.keys(result).includes('handlerError'), false, 'not enumerable, so it is not posted');
  assert.doesNotThrow(() => structuredClone(result));
});

test('a message type without a handler is logged, not fatal', () => {
  const Quiet = node<null>({ init: () => null, start: (_s, ctx) => ctx.send(ctx.self, { type: 'unknown' }), on: {} });
  const result = simulate({ nodes: { q: Quiet } });
  assert.equal(result.ok, true);
  assert.ok(result.trace.events.some((e) => e.kind === 'log' && e.label === "no handler for 'unknown'"));
});

test('configuration mistakes are reported with the name at fault', () => {
  assert.throws(() => simulate({ nodes: { a: Echo }, faults: [{ fault: 'crash', node: 'b', at: 1 }] }), /unknown node 'b'/);
  assert.throws(() => simulate({ nodes: { a: {} as never } }), /nodes\.a is not a node definition/);
  assert.throws(() => simulate({ nodes: { a: Echo }, network: { loss: 2 } }), /probability/);
});
