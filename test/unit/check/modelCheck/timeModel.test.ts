// check({ time }): the bounded-delay time model. Each verdict below is exact
// and follows from the delay bound: a timeout longer than a round trip is
// safe, one equal to it races the acknowledgement; a heartbeat monitor is
// accurate exactly when its timeout exceeds the period plus the spread of
// the delays; retries succeed once the network heals. Without the time
// model the same protocols fail, since any timer may fire at any moment.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../../../src/check/modelCheck/check';
import { checkText } from '../../../../src/check/explore/resultText';
import type { ModelState } from '../../../../src/check/modelCheck/modelState';
import { ProtocolModel } from '../../../../src/check/modelCheck/protocolModel';
import { timeModelOf } from '../../../../src/check/modelCheck/timeModel';
import type { CheckResult } from '../../../../src/check/modelCheck/types';
import { always, eventually, node, type SimulationConfig } from '../../../../src/api/index';
import { heartbeat, retries, twoGenerals } from '../../../fixtures/protocols/timed';

const verdict = (result: CheckResult, name: string) => result.verdicts.find((v) => v.name === name);

/** The run of a counterexample, which must fail the property it was found for. */
function failingRun(result: CheckResult, name: string) {
  const run = verdict(result, name)?.counterexample?.run;
  assert.ok(run, `a counterexample for ${name}`);
  assert.equal(run.verdicts.find((v) => v.name === name)?.status, 'fail', 'the counterexample replays as a failing run');
  return run;
}

describe('check() with the bounded-delay time model', () => {
  it('Two Generals on a reliable network: safe when the timeout exceeds the round trip, not when it equals it', () => {
    const safe = check(twoGenerals(5), { time: { delay: [1, 2] } });
    assert.equal(verdict(safe, 'agree')?.status, 'pass');
    assert.equal(safe.complete, true);
    assert.deepEqual(safe.time, { delay: [1, 2], clock: 'relative' });

    const racy = check(twoGenerals(4), { time: { delay: [1, 2] } });
    assert.equal(verdict(racy, 'agree')?.status, 'fail');
    const steps = verdict(racy, 'agree')?.counterexample?.steps ?? [];
    assert.match(steps.at(-1) ?? '', /^timer give-up on a at 4$/, 'the timer fires at its deadline, before the acknowledgement due then');
    const run = failingRun(racy, 'agree');
    const deliveries = run.trace.events.filter((e) => e.kind === 'deliver').map((e) => e.t);
    assert.deepEqual(deliveries, [2], 'the order arrives after the longest delay');
    assert.equal(run.trace.events.find((e) => e.kind === 'timer')?.t, 4);
  });

  it('without the time model, or with loss, the same generals disagree', () => {
    assert.equal(verdict(check(twoGenerals(5)), 'agree')?.status, 'fail');
    const lossy = check(twoGenerals(5), { time: { delay: [1, 2] }, loss: true });
    assert.equal(verdict(lossy, 'agree')?.status, 'fail');
    assert.ok(verdict(lossy, 'agree')?.counterexample?.steps.some((s) => s.startsWith('drop ack')), 'the acknowledgement is lost');
    failingRun(lossy, 'agree');
  });

  it('a heartbeat monitor is accurate exactly when its timeout exceeds period + max − min', () => {
    const period = 3;
    for (const [min, max] of [[1, 1], [1, 2], [1, 3], [2, 3], [0, 2]] as const) {
      for (let timeout = period; timeout <= period + max - min + 1; timeout++) {
        const result = check(heartbeat(period, timeout), { time: { delay: [min, max] } });
        const expected = timeout > period + max - min ? 'pass' : 'fail';
        assert.equal(verdict(result, 'accurate')?.status, expected, `delay [${min}, ${max}], timeout ${timeout}`);
        if (expected === 'pass') assert.equal(result.complete, true, 'a heartbeat that runs forever has finitely many states: times are relative');
        else failingRun(result, 'accurate');
      }
    }
  });

  it('a crashed beater is suspected', () => {
    const result = check(heartbeat(3, 5), { time: { delay: [1, 2] }, crashes: 1, crashNodes: ['p'] });
    assert.equal(verdict(result, 'accurate')?.status, 'fail');
    assert.ok(verdict(result, 'accurate')?.counterexample?.steps.some((s) => s.startsWith('crash p')));
  });

  it('retries are acknowledged once the network heals, and lost forever if it never does', () => {
    const healed = check(retries(3, 10), { time: { delay: [1, 2] } });
    assert.equal(verdict(healed, 'acknowledged')?.status, 'pass');
    assert.equal(healed.complete, true);
    assert.equal(healed.time?.healAt, 10);

    const never = check(retries(3), { time: { delay: [1, 2] } });
    const lasso = verdict(never, 'acknowledged');
    assert.equal(lasso?.status, 'fail');
    assert.equal(lasso?.counterexample?.kind, 'lasso');
    assert.ok(lasso?.counterexample?.steps.some((s) => s.startsWith('drop msg')));
    failingRun(never, 'acknowledged');
  });

  it('judges a deadline after the heal: acknowledged within 6 of it, not within 5', () => {
    // Retries every 3; the last loss can come at 9, the next retry at 12 arrives by 14, its ack by 16.
    const within = (d: number) => {
      const config = retries(3, 10);
      return check({ ...config, properties: { soon: eventually((w) => (w.state.s as { acked: boolean } | null)?.acked === true, { within: d }) } }, { time: { delay: [1, 2] } });
    };
    const late = within(5);
    assert.equal(verdict(late, 'soon')?.status, 'fail');
    assert.match(verdict(late, 'soon')?.message ?? '', /^not reached within 5 after the network healed at t=10: time passed t=15 on this path/);
    const run = failingRun(late, 'soon');
    assert.ok(run.trace.events.some((e) => e.kind === 'heal' && e.t === 10), 'the replay heals at t=10');
    const onTime = within(6);
    assert.equal(verdict(onTime, 'soon')?.status, 'pass');
    assert.equal(onTime.complete, true);
    // Without a heal the deadline counts from the start, and the network may lose every retry.
    const config = retries(3);
    const never = check({ ...config, properties: { soon: eventually((w) => (w.state.s as { acked: boolean } | null)?.acked === true, { within: 20 }) } }, { time: { delay: [1, 2] } });
    assert.match(verdict(never, 'soon')?.message ?? '', /^not reached within 20 of the start/);
  });

  it('no fault happens from the heal on, and a crashed node restarts before time passes', () => {
    const Pinger = node<{ n: number }, { type: 'ping' }>({
      name: 'Pinger',
      init: () => ({ n: 0 }),
      start(_state, ctx) {
        ctx.setTimer('ping', 2);
      },
      on: {},
      timers: {
        ping(state, ctx) {
          state.n = Math.min(state.n + 1, 3);
          ctx.send('b', { type: 'ping' });
          ctx.setTimer('ping', 2);
        },
      },
    });
    const Sink = node<{ got: boolean }, { type: 'ping' }>({ name: 'Sink', init: () => ({ got: false }), on: { ping: (state) => void (state.got = true) } });
    const config: SimulationConfig = { nodes: { a: Pinger, b: Sink }, healAt: 5, properties: {} };
    const model = new ProtocolModel(config, { loss: true, duplicate: true, crashes: 1, restart: true }, timeModelOf(config, { delay: 1 }));
    // Every reachable state, by the model's own steps.
    const seen = new Map<string, ModelState>();
    const queue = [model.initial()];
    const faultsBefore = new Set<string>();
    while (queue.length > 0) {
      const state = queue.shift() as ModelState;
      const key = `${state.a}:${state.b}`;
      if (seen.has(key)) continue;
      seen.set(key, state);
      const kinds = model.actions(state).map((a) => a.kind);
      if (state.now >= 5) {
        assert.deepEqual(kinds.filter((k) => k === 'drop' || k === 'duplicate' || k === 'crash'), [], `no fault at ${state.now}`);
        if (!state.nodes[1].up) assert.ok(!kinds.includes('tick') && kinds.includes('restart'), 'a crashed node restarts before time passes');
      } else for (const k of kinds) faultsBefore.add(k);
      for (const action of model.actions(state)) queue.push(model.next(state, action));
    }
    assert.deepEqual([...faultsBefore].sort(), ['crash', 'deliver', 'drop', 'duplicate', 'restart', 'tick', 'timer'], 'every fault may happen before the heal');
    assert.ok(seen.size < 500, 'finitely many states');
  });

  it('a loop of steps at one instant is not a run: time passes', () => {
    type Ball = { type: 'ball' };
    const Player = node<{ decided: boolean }, Ball>({
      name: 'Player',
      init: () => ({ decided: false }),
      start(_state, ctx) {
        if (ctx.self === 'a') ctx.send('b', { type: 'ball' });
        ctx.setTimer('decide', 3);
      },
      on: {
        ball(_state, msg, ctx) {
          ctx.reply(msg, { type: 'ball' });
        },
      },
      timers: {
        decide(state) {
          state.decided = true;
        },
      },
    });
    const decided = eventually((w) => (w.state.a as { decided: boolean } | null)?.decided === true);
    const config: SimulationConfig = { nodes: { a: Player, b: Player }, properties: { decided } };
    // With a zero delay the ball can go back and forth forever at time 0; time passing is weakly fair, so that loop is no counterexample.
    assert.equal(verdict(check(config, { time: { delay: [0, 1] } }), 'decided')?.status, 'pass');
    // Without the time model the timer may never fire.
    assert.equal(verdict(check(config), 'decided')?.status, 'fail');
  });

  it('a handler that reads ctx.now puts the clock in each state, and says so', () => {
    const Stamper = node<{ last: number }>({
      name: 'Stamper',
      init: () => ({ last: 0 }),
      start(_state, ctx) {
        ctx.setTimer('tick', 2);
      },
      on: {},
      timers: {
        tick(state, ctx) {
          state.last = ctx.now;
          ctx.setTimer('tick', 2);
        },
      },
    });
    const result = check({ nodes: { s: Stamper }, properties: { fine: always(() => true) } }, { time: { delay: 1 }, maxStates: 200 });
    assert.equal(result.time?.clock, 'absolute');
    assert.match(result.time?.why ?? '', /reads ctx\.now/);
    assert.equal(result.complete, false);
    assert.equal(verdict(result, 'fine')?.status, 'unknown');
  });

  it('a property that reads w.now puts the clock in each state too, so it is judged at the real time', () => {
    // With times relative to each state, the heartbeat has a handful of states and "before t=40" would hold in all of them.
    const config = { ...heartbeat(3, 5), properties: { early: always((w) => w.now < 40) } };
    const result = check(config, { time: { delay: [1, 2] }, maxStates: 50_000 });
    assert.equal(result.time?.clock, 'absolute');
    assert.match(result.time?.why ?? '', /^a property reads w\.now/);
    assert.equal(verdict(result, 'early')?.status, 'fail');
    assert.ok((failingRun(result, 'early').trace.events.at(-1)?.t ?? 0) >= 40);
    // A deadline reads the clock by design: its states stay relative.
    assert.equal(check(retries(3, 10), { time: { delay: [1, 2] } }).time?.clock, 'relative');
  });

  it('depth-first search and random walks share the time model', () => {
    for (const strategy of ['dfs', 'random-walk'] as const) {
      const result = check(twoGenerals(4), { time: { delay: [1, 2] }, strategy, depth: 20 });
      assert.equal(verdict(result, 'agree')?.status, 'fail', strategy);
      failingRun(result, 'agree');
    }
  });

  it('is deterministic', () => {
    const strip = (r: CheckResult) => JSON.stringify({ ...r, stats: { ...r.stats, wallMs: 0, statesPerSecond: 0 } });
    assert.equal(strip(check(retries(3), { time: { delay: [1, 2] } })), strip(check(retries(3), { time: { delay: [1, 2] } })));
  });

  it('takes the delay bound from the network latency when it has one', () => {
    const config = { ...heartbeat(3, 6), network: { latency: [1, 3] as [number, number] } };
    const result = check(config, { time: {} });
    assert.deepEqual(result.time?.delay, [1, 3]);
    assert.equal(verdict(result, 'accurate')?.status, 'pass');
  });

  it('prints the time model in the report', () => {
    const text = checkText(check(retries(3, 10), { time: { delay: [1, 2] } })).join('\n');
    assert.match(text, /time: delay 1–2, heal at 10/);
  });

  it('refuses what it cannot judge, and bad bounds', () => {
    const config = twoGenerals(5);
    assert.throws(() => check(config, { time: { delay: [1, 2] }, symmetry: true }), /time model and symmetry reduction cannot be combined/);
    assert.throws(() => check(config, { time: { delay: [1, 2] }, partialOrder: true }), /partialOrder does not reduce the time model/);
    assert.throws(() => check(config, { time: { delay: [1, 2] }, workers: 2 }), /workers above 1 and the time model cannot be combined yet/);
    for (const delay of [0, [3, 1], 1.5, [1, Infinity], 'x', [1]] as unknown[]) {
      assert.throws(() => check(config, { time: { delay } as never }), /check: time\.delay must be a whole number/, JSON.stringify(delay));
    }
    assert.throws(() => check(config, { time: { bound: 3 } as never }), /check: time: unknown option 'bound' \(delay\)/);
    assert.throws(() => check(config, { time: 3 as never }), /check: time must be an object/);
    assert.throws(() => check({ ...config, network: { latency: { exponential: 3 } } }, { time: {} }), /time needs a delay bound/);
  });
});
