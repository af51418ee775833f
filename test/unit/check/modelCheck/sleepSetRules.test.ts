// The rules of sleep sets with state matching, on the data structure itself
// (sleepSets.ts): a successor sleeps through the explored steps independent
// of the step that reached it; an arrival before the state's expansion
// shrinks its sleep set to what both paths sleep through; an arrival after
// it owes the steps it does not sleep through, which the search then takes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Action, Envelope, ModelState } from '../../../../src/check/modelCheck/modelState';
import { SleepSets, StepList, STEP } from '../../../../src/check/modelCheck/sleepSets';

/** A delivery to node `to` of a message whose hash is `a`/`b` (all the sleep-set code reads of it). */
function delivery(to: number, a: number, b: number): Action {
  const envelope = { from: 0, to, payload: { type: 'm' }, canDuplicate: false, at: 1, sent: 0, a, b, actions: undefined, mark: 0, id: 0 } as Envelope;
  return { kind: 'deliver', envelope };
}
const state = { effects: null, history: [], crashes: 0 } as unknown as ModelState;

/** The steps `list` has explored, after taking `actions` in order from a state whose sleep set is at baseAt. */
function explored(sleeps: SleepSets, baseAt: number, baseCount: number, actions: Action[]): StepList {
  const list = new StepList();
  list.clear(sleeps, baseAt, baseCount, actions.length);
  for (const action of actions) {
    list.take(action, state, state, false);
    list.push();
  }
  return list;
}

/** Sets `list`'s last step to `action` without adding it (as the search does before recording the successor). */
function reachedBy(list: StepList, action: Action): StepList {
  list.take(action, state, state, false);
  return list;
}

describe('sleep sets', () => {
  const x = delivery(1, 11, 12); // to node 1
  const y = delivery(2, 21, 22); // to node 2: independent of x
  const z = delivery(1, 31, 32); // to node 1: dependent on x

  it('a successor sleeps through the explored steps independent of the step that reached it', () => {
    const sleeps = new SleepSets();
    sleeps.recordEmpty(0);
    sleeps.expand(0);
    // From state 0: x explored, then y taken to state 1, then z to state 2.
    sleeps.recordSuccessor(1, sleeps.baseAt, sleeps.baseCount, reachedBy(explored(sleeps, sleeps.baseAt, 0, [x]), y));
    sleeps.recordSuccessor(2, 0, 0, reachedBy(explored(sleeps, 0, 0, [x, y]), z));
    sleeps.expand(1);
    assert.equal(sleeps.baseCount, 1, 'state 1 sleeps through x');
    assert.ok(sleeps.holds(sleeps.baseAt, sleeps.baseCount, x));
    sleeps.expand(2);
    assert.equal(sleeps.baseCount, 1, 'state 2 sleeps through y only (x is dependent on z)');
    assert.ok(sleeps.holds(sleeps.baseAt, sleeps.baseCount, y) && !sleeps.holds(sleeps.baseAt, sleeps.baseCount, x));
  });

  it('an arrival before the expansion keeps only what both paths sleep through; one after it owes the rest', () => {
    const sleeps = new SleepSets();
    sleeps.recordEmpty(0);
    // State 1 reached by y after x was explored: it sleeps through x.
    sleeps.recordSuccessor(1, 0, 0, reachedBy(explored(sleeps, 0, 0, [x]), y));
    assert.equal(sleeps.settled(1), false);
    // Reached again, before its expansion, by y with nothing explored before: x is no longer asleep.
    assert.equal(sleeps.arrive(1, reachedBy(explored(sleeps, 0, 0, []), y)), undefined, 'before the expansion nothing is owed');
    assert.equal(sleeps.settled(1), true, 'its sleep set is now empty');

    // State 2 reached by y after x: sleeps through x; expanded; then reached by z (dependent on x): x is owed.
    sleeps.recordSuccessor(2, 0, 0, reachedBy(explored(sleeps, 0, 0, [x]), y));
    sleeps.expand(2);
    const owed = sleeps.arrive(2, reachedBy(explored(sleeps, 0, 0, [x]), z));
    assert.ok(owed, 'an arrival after the expansion that does not sleep through x owes it');
    assert.equal(owed.index, 2);
    assert.equal(owed.owed.length, STEP);
    assert.ok(SleepSets.owes(owed.owed, x) && !SleepSets.owes(owed.owed, y));
    assert.equal(owed.baseCount, 0, 'and the state sleeps through nothing any more');
    // Once owed, x is not owed twice.
    assert.equal(sleeps.arrive(2, reachedBy(explored(sleeps, 0, 0, []), z)), undefined);
  });

  it('an arrival that sleeps through the same steps owes nothing', () => {
    const sleeps = new SleepSets();
    sleeps.recordEmpty(0);
    sleeps.recordSuccessor(1, 0, 0, reachedBy(explored(sleeps, 0, 0, [x]), y));
    sleeps.expand(1);
    assert.equal(sleeps.arrive(1, reachedBy(explored(sleeps, 0, 0, [x]), y)), undefined);
    assert.equal(sleeps.settled(1), false, 'x stays asleep');
  });
});
