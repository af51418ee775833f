// The patterns the static analysis used to get wrong, one regression test
// each: false positives (a correct guard or rebuild flagged), false negatives
// (a repeat it did not see), and what its messages say.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyseCells } from './analyseCells';

const imports = `import { node } from 'protocol-notebook';
type Msg = { type: string; id: string; key: string; client: string; value: string; expected: string; seq: number; term: number; amount: number; index: number; entries: string[]; user: string; sku: string; ballot: number };`;

/** The findings of one handler body in a node whose state is `state` (a type literal) starting as `init`. */
function findings(state: string, init: string, handler: string, helpers = '') {
  return analyseCells(imports, `${helpers}
export const N = node<${state}, Msg>({
  init: () => (${init}),
  on: {
    ${handler}
  },
});`);
}

const messages = (state: string, init: string, handler: string, helpers = '') => findings(state, init, handler, helpers).map((f) => f.message);

describe('static analysis: false positives it no longer makes', () => {
  it('a cached decision: `const prior = m.get(id); if (prior !== undefined) return …`', () => {
    assert.deepEqual(messages('{ outcomes: Map<string, boolean>; tokens: number }', '{ outcomes: new Map(), tokens: 3 }', `acquire(state, msg, ctx) {
      const prior = state.outcomes.get(msg.id);
      if (prior !== undefined) return ctx.reply(msg, { type: 'verdict', id: msg.id, ok: prior });
      const ok = state.tokens > 0;
      if (ok) state.tokens -= 1;
      state.outcomes.set(msg.id, ok);
      ctx.reply(msg, { type: 'verdict', id: msg.id, ok });
    },`), []);
  });

  it('a per-key sequence guard: `if (msg.seq <= (m.get(k) ?? 0)) return`', () => {
    assert.deepEqual(messages('{ last: Map<string, number>; balance: number }', '{ last: new Map(), balance: 0 }', `credit(state, msg) {
      if (msg.seq <= (state.last.get(msg.client) ?? 0)) return;
      state.last.set(msg.client, msg.seq);
      state.balance += msg.amount;
    },`), []);
  });

  it('an `=== undefined` guard with a constant record', () => {
    assert.deepEqual(messages('{ marked: Record<string, true | undefined>; balance: number }', '{ marked: {}, balance: 0 }', `credit(state, msg) {
      if (state.marked[msg.id] === undefined) {
        state.marked[msg.id] = true;
        state.balance += msg.amount;
      }
    },`), []);
  });

  it('a guard through an object a helper creates on a miss', () => {
    const helper = `type Cart = { items: string[]; applied: string[] };
function cartOf(state: { carts: Map<string, Cart> }, user: string): Cart {
  let cart = state.carts.get(user);
  if (cart === undefined) {
    cart = { items: [], applied: [] };
    state.carts.set(user, cart);
  }
  return cart;
}`;
    assert.deepEqual(messages('{ carts: Map<string, Cart> }', '{ carts: new Map() }', `add(state, msg) {
      const cart = cartOf(state, msg.user);
      if (!cart.applied.includes(msg.id)) {
        cart.applied.push(msg.id);
        cart.items.push(msg.sku);
      }
    },`, helper), []);
  });

  it('rebuilt state that equals the old: `log.slice(0, i).concat(entries)`', () => {
    assert.deepEqual(messages('{ log: string[] }', '{ log: [] }', `append(state, msg) {
      state.log = state.log.slice(0, msg.index).concat(msg.entries);
    },`), []);
  });

  it('term-based rejection after the first delivery raised the term', () => {
    assert.deepEqual(messages("{ term: number; role: string }", "{ term: 1, role: 'follower' }", `timeoutNow(state, msg) {
      if (msg.term < state.term) return;
      state.term += 1;
      state.role = 'candidate';
    },`), []);
  });

  it('a union that appends only what is missing, and an insert guarded by the inserted id', () => {
    assert.deepEqual(messages('{ values: string[] }', '{ values: [] }', `merge(state, msg) {
      state.values = [...state.values, ...msg.entries.filter((v) => !state.values.includes(v))];
    },`), []);
    assert.deepEqual(messages('{ text: { id: string; char: string }[] }', '{ text: [] }', `insert(state, msg) {
      if (state.text.some((c) => c.id === msg.id)) return;
      state.text.splice(msg.index, 0, { id: msg.id, char: msg.value });
    },`), []);
  });
});

describe('static analysis: repeats it now sees', () => {
  const cartHelper = `type Cart = { items: string[] };
function cartOf(state: { carts: Map<string, Cart> }, user: string): Cart {
  let cart = state.carts.get(user);
  if (!cart) {
    cart = { items: [] };
    state.carts.set(user, cart);
  }
  return cart;
}`;

  it('a mutation through an object a helper returns: `cartOf(user).items.push(x)`', () => {
    assert.deepEqual(messages('{ carts: Map<string, Cart> }', '{ carts: new Map() }', `add(state, msg) {
      cartOf(state, msg.user).items.push(msg.sku);
    },`, cartHelper), ['a duplicate `add` appends `msg.sku` to `carts[msg.user].items` again']);
  });

  it('a `let` alias that is reassigned, then mutated', () => {
    assert.deepEqual(messages('{ carts: Map<string, { qty: number }[]> }', '{ carts: new Map() }', `bump(state, msg) {
      let item = state.carts.get(msg.user)?.[0];
      item = state.carts.get(msg.user)?.find((i) => i.qty > 0) ?? item;
      if (item) item.qty += 1;
    },`), ['a duplicate `bump` adds `1` to `carts[msg.user][].qty` again']);
  });

  it('a new state built in a local, then returned', () => {
    assert.deepEqual(messages('{ ticks: number }', '{ ticks: 0 }', `tick(state) {
      const next = { ...state, ticks: state.ticks + 1 };
      return next;
    },`), ['a duplicate `tick` adds `1` to `ticks` again']);
  });

  it('a guard whose id is recorded on only some paths', () => {
    const [partial] = messages('{ seen: Set<string>; balance: number }', '{ seen: new Set(), balance: 0 }', `credit(state, msg) {
      if (state.seen.has(msg.id)) return;
      if (msg.amount > 0) state.seen.add(msg.id);
      state.balance += msg.amount;
    },`);
    assert.equal(partial, 'a duplicate `credit` adds `msg.amount` to `balance` again (the check `state.seen.has(msg.id)` is not a complete guard: what it tests is recorded only when `msg.amount > 0`, so a duplicate of any other message is applied again)');
    const [early] = messages('{ seen: Set<string>; balance: number }', '{ seen: new Set(), balance: 0 }', `credit(state, msg) {
      if (state.seen.has(msg.id)) return;
      state.balance += msg.amount;
      if (msg.amount >= 5) return;
      state.seen.add(msg.id);
    },`);
    assert.match(early, /adds `msg\.amount` to `balance` again \(the check `state\.seen\.has\(msg\.id\)` is not a complete guard: `if \(msg\.amount >= 5\) return;` can leave the handler after its work and before what the check tests is recorded/);
  });

  it('a reply that depends on state the first delivery changed: compare-and-set', () => {
    assert.deepEqual(messages('{ data: Map<string, string> }', '{ data: new Map() }', `cas(state, msg, ctx) {
      const ok = state.data.get(msg.key) === msg.expected;
      if (ok) state.data.set(msg.key, msg.value);
      ctx.reply(msg, { type: 'result', id: msg.id, ok });
    },`), ['a duplicate `cas` replies with `ok`, computed from `data[msg.key]` before this handler changed it, so a duplicate is answered differently']);
  });

  it('a reply that depends on state the first delivery changed: Paxos prepare', () => {
    assert.deepEqual(messages('{ promised: number }', '{ promised: 0 }', `prepare(state, msg, ctx) {
      if (msg.ballot > state.promised) {
        state.promised = msg.ballot;
        ctx.reply(msg, { type: 'promise', id: msg.id, ballot: msg.ballot });
      } else ctx.reply(msg, { type: 'nack', id: msg.id, ballot: state.promised });
    },`), ['a duplicate `prepare` is answered `nack` where the first delivery was answered `promise`: the first delivery changed what this check tests']);
  });

  it('a vote for the same candidate is not mistaken for a changed reply', () => {
    assert.deepEqual(messages('{ votedFor: string | null }', '{ votedFor: null }', `requestVote(state, msg, ctx) {
      const granted = state.votedFor === null || state.votedFor === msg.client;
      if (granted) state.votedFor = msg.client;
      ctx.reply(msg, { type: 'vote', id: msg.id, granted });
    },`), []);
  });

  it('a lock granted again to the same owner is not mistaken for a changed reply', () => {
    assert.deepEqual(messages('{ lock: { owner: string; until: number } | null }', '{ lock: null }', `acquire(state, msg, ctx) {
      const granted = state.lock === null || state.lock.owner === msg.client;
      if (granted) state.lock = { owner: msg.client, until: msg.seq };
      ctx.reply(msg, { type: 'lock', id: msg.id, granted });
    },`), []);
  });

  it('a timer re-armed relative to now', () => {
    assert.deepEqual(messages('{ leader: string }', "{ leader: '' }", `heartbeat(state, msg, ctx) {
      state.leader = msg.client;
      ctx.setTimer('election', 150);
    },`), ['a duplicate `heartbeat` re-arms the timer `election` relative to now: a late duplicate postpones it']);
  });

  it('remembering only the last id per client', () => {
    const [finding] = messages('{ lastId: Map<string, string>; balance: number }', '{ lastId: new Map(), balance: 0 }', `credit(state, msg) {
      if (state.lastId.get(msg.client) === msg.id) return;
      state.lastId.set(msg.client, msg.id);
      state.balance += msg.amount;
    },`);
    assert.equal(finding, 'a duplicate `credit` adds `msg.amount` to `balance` again (the check `state.lastId.get(msg.client) === msg.id` is not a guard: `lastId[msg.client]` holds only the last `msg.id`, so a duplicate that arrives after the next message is applied again; record every id (a Set, or a sequence number per sender))');
  });
});

describe('static analysis: what its messages say', () => {
  it('says what is added, and with what', () => {
    assert.deepEqual(messages('{ log: string[] }', '{ log: [] }', `append(state, msg) {
      state.log = state.log.concat(msg.entries);
    },`), ['a duplicate `append` appends `msg.entries` to `log` again']);
  });

  it('says when a check looks like a guard but is not understood as one, and what to do', () => {
    const [finding] = messages('{ seen: Set<string>; balance: number }', '{ seen: new Set(), balance: 0 }', `credit(state, msg) {
      if (state.seen.has(msg.id)) return;
      state.balance += msg.amount;
    },`);
    assert.equal(finding, 'a duplicate `credit` adds `msg.amount` to `balance` again (the check `state.seen.has(msg.id)` was seen but not understood as a deduplication guard: nothing this handler does adds what it tests to `seen`, so a duplicate passes it; record the id in the same handler, or mark the handler `// protocol-notebook: idempotent`)');
  });
});
