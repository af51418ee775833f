// A nemesis aimed at the busiest node: it fails the server that sent the
// most in the last window right after its next sending step, with what that
// step sent lost; with `stagger`, gaps and durations are drawn per seed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nemesis, node, simulate, type NodeDefinition, type SimulationConfig } from '../../../src/api/index';
import { createWorld } from '../../../src/engine/model/createWorld';
import { explicitFaults } from '../../../src/engine/model/nemesisPlan';
import { cloneWorld } from '../../../src/engine/model/snapshot';
import { swarmConfig } from '../../../src/check/explore/swarmConfig';
import { stateAfter } from '../../../src/common/traceState';

type Msg = { type: 'beat'; n: number } | { type: 'ack'; n: number };
/** `hub` sends a beat to every follower every 2 units; followers ack each one. */
const Member = node<{ n: number }, Msg>({
  init: () => ({ n: 0 }),
  start(_state, ctx) {
    if (ctx.self === 'hub') ctx.setTimer('beat', 2);
  },
  on: {
    beat: (_state, msg, ctx) => ctx.reply(msg, { type: 'ack', n: msg.n }),
    ack() {},
  },
  timers: {
    beat(state, ctx) {
      ctx.broadcast({ type: 'beat', n: ++state.n });
      ctx.setTimer('beat', 2);
    },
  },
});

function config(fault = nemesis({ every: 5, duration: 4, kinds: ['crash'], target: 'busiest', from: 5, to: 10 }), seed = 1): SimulationConfig {
  const m = Member as NodeDefinition;
  return { nodes: { hub: m, f1: m, f2: m, f3: m }, network: { latency: 1 }, faults: [fault], until: 40, seed };
}

describe("nemesis({ target: 'busiest' })", () => {
  it('fails the node that sent the most, right after its next send, losing what that step sent', () => {
    const run = simulate(config());
    const crashes = run.trace.events.filter((e) => e.kind === 'crash' || e.kind === 'recover').map((e) => `${e.kind} ${e.node}@${e.t}`);
    // Armed at 5 (the hub sent 6 beats since 0, each follower 2 acks), it strikes after the hub's beats at 6.
    assert.deepEqual(crashes, ['crash hub@6', 'recover hub@10']);
    const beatsAt6 = run.trace.messages.filter((m) => m.type === 'beat' && m.sentAt === 6);
    assert.equal(beatsAt6.length, 3);
    for (const m of beatsAt6) {
      assert.equal(m.deliveries.length, 0, `beat to ${m.to} is lost`);
      assert.equal(m.drops[0]?.reason, 'partition');
    }
    assert.ok(run.trace.messages.some((m) => m.type === 'beat' && m.sentAt === 12 && m.deliveries.length === 1), 'back after its restart');
    const crash = run.trace.events.find((e) => e.kind === 'crash') as { i: number };
    assert.deepEqual(stateAfter(run.trace, 'hub', crash.i - 1), { n: 3 }, 'the step that sent is recorded before the crash');
    assert.equal(stateAfter(run.trace, 'hub', crash.i), null, 'down from the crash on');
  });

  it("with kind 'partition' it isolates the node for the duration without crashing it", () => {
    const run = simulate(config(nemesis({ every: 5, duration: 4, kinds: ['partition'], target: 'busiest', from: 5, to: 10 })));
    assert.equal(run.trace.events.filter((e) => e.kind === 'crash').length, 0);
    assert.deepEqual(run.trace.partitions.map((p) => [p.groups, p.start, p.end]), [[[['hub'], ['f1', 'f2', 'f3']], 6, 10]]);
  });

  it('skips a strike when no server sent anything in the window, and spares nodes outside `nodes`', () => {
    const quiet = simulate(config(nemesis({ every: 5, duration: 4, kinds: ['crash'], target: 'busiest', nodes: ['f1', 'f2', 'f3'], from: 0.5, to: 2 })));
    assert.equal(quiet.trace.events.filter((e) => e.kind === 'crash').length, 0, 'nothing sent before 0.5');
    const followers = simulate(config(nemesis({ every: 5, duration: 4, kinds: ['crash'], target: 'busiest', nodes: ['f1', 'f2', 'f3'], from: 5, to: 10 })));
    const crashed = followers.trace.events.filter((e) => e.kind === 'crash').map((e) => e.node);
    assert.equal(crashed.length, 1);
    assert.notEqual(crashed[0], 'hub');
  });

  it('is deterministic: the same seed gives the same run byte for byte; other seeds stagger differently', () => {
    const staggered = (seed: number) => config(nemesis({ every: 3, duration: 6, kinds: ['crash', 'partition'], target: 'busiest', stagger: true, from: 0 }), seed);
    const strikes = (seed: number) => {
      const run = simulate(staggered(seed));
      return JSON.stringify([run.trace.events.filter((e) => e.kind === 'crash').map((e) => [e.node, e.t]), run.trace.partitions.map((p) => [p.groups, p.start, p.end])]);
    };
    for (const seed of [1, 2, 3]) assert.equal(JSON.stringify(simulate(staggered(seed)).trace), JSON.stringify(simulate(staggered(seed)).trace), `seed ${seed}`);
    assert.equal(new Set([1, 2, 3, 4, 5].map(strikes)).size, 5, 'each seed its own strikes');
  });

  it('a cloned world continues exactly as the original', () => {
    const world = createWorld(config(nemesis({ every: 3, duration: 6, kinds: ['crash'], target: 'busiest', stagger: true, from: 0 }), 7));
    while (world.now < 9 && world.advanceUntil(40) === 'stepped');
    const copy = cloneWorld(world);
    const log = (w: typeof world) => {
      const seen: string[] = [];
      while (w.advanceUntil(40) === 'stepped') seen.push(`${w.now}:${w.nodes.map((n) => (n.up ? 1 : 0)).join('')}`);
      return seen.join(' ');
    };
    assert.equal(log(copy), log(world));
  });

  it('swarm switches its kinds like any nemesis, keeping the target', () => {
    const fault = nemesis({ every: 3, duration: 6, kinds: ['crash', 'partition'], target: 'busiest', stagger: true, from: 0 });
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const drawn = swarmConfig(config(fault), seed).faults?.[0];
      if (drawn?.fault !== 'nemesis') continue;
      assert.equal(drawn.target, 'busiest');
      kinds.add(drawn.kinds.join());
    }
    assert.deepEqual([...kinds].sort(), ['crash', 'crash,partition', 'partition']);
  });
});

describe('nemesis({ stagger: true }) without a target', () => {
  it('draws each gap in (0, 2·every] and each fault in (0, 2·duration], per seed', () => {
    const fault = nemesis({ every: 10, duration: 4, kinds: ['crash'], stagger: true, from: 0 });
    const faults = (seed: number) => explicitFaults({ ...config(fault, seed), until: 400 }, 400).filter((f) => f.fault === 'crash');
    const all = [1, 2, 3].map(faults);
    for (const list of all) {
      let previous = 0;
      for (const f of list) {
        if (f.fault !== 'crash') continue;
        assert.ok(f.at - previous > 0 && f.at - previous <= 20, `gap ${f.at - previous}`);
        assert.ok((f.restart ?? 0) - f.at > 0 && (f.restart ?? 0) - f.at <= 8, `duration ${(f.restart ?? 0) - f.at}`);
        previous = f.at;
      }
      assert.ok(list.length > 20 && list.length < 60, `about 40 strikes in 400 units, got ${list.length}`);
    }
    assert.notDeepEqual(all[0], all[1]);
    assert.deepEqual(faults(2), all[1], 'same seed, same faults');
  });
});

describe('nemesis() options', () => {
  it('refuses a target, a stagger or a kind it does not know, saying what it takes', () => {
    const bad = (options: Record<string, unknown>) => () => nemesis({ every: 3, duration: 5, ...options } as Parameters<typeof nemesis>[0]);
    assert.throws(bad({ target: 'leader' }), /`target` must be 'busiest' or a function of the world, not "leader"/);
    assert.throws(bad({ stagger: 'yes' }), /`stagger` must be true or false, not "yes"/);
    assert.throws(bad({ stagger: true, target: () => 'a' }), /`stagger` works without a target or with target: 'busiest'/);
    assert.throws(bad({ kinds: ['kill'] }), /unknown kind "kill": use 'partition' or 'crash'/);
    assert.throws(bad({ from: -1 }), /`from` must be a time >= 0/);
    const written = (fields: Record<string, unknown>) => () => simulate(config({ ...nemesis({ every: 3, duration: 5 }), ...fields } as ReturnType<typeof nemesis>));
    assert.throws(written({ target: 'bussiest' }), /nemesis: `target` must be 'busiest' or a function of the world, not "bussiest"/, 'a fault written out by hand is checked too');
    assert.throws(written({ stagger: 1 }), /nemesis: `stagger` must be true or false, not 1/);
    assert.deepEqual(nemesis({ every: 3, duration: 5, target: 'busiest', stagger: true, from: 0 }), { fault: 'nemesis', every: 3, duration: 5, kinds: ['partition'], target: 'busiest', stagger: true, from: 0 });
  });
});
