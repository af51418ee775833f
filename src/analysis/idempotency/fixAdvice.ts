/**
 * The fix for a finding, in words: what the headless `lint` prints under each
 * warning, where no quick fix can be clicked.
 */
import type { IdempotencyRule } from './finding';

const deduplicate =
  'deduplicate by message id: do the work only when `msg.id` is not recorded yet (`if (!state.seen.has(msg.id)) { state.seen.add(msg.id); … }`, or in `ctx.durable` to survive a crash) and still reply to a duplicate; or assign from the message instead of updating the old value';

const advice: Record<IdempotencyRule, string> = {
  'compound-assignment': deduplicate,
  increment: deduplicate,
  'self-derived-assignment': deduplicate,
  'array-mutation': deduplicate,
  'map-set-derived': deduplicate,
  'unguarded-effect': 'perform the effect once per message id: record the id before or with the effect, behind a check that skips a duplicate, and still reply to it',
  'fresh-send': 'derive the value from the message (e.g. `${msg.id}-charge`) instead of drawing a fresh one, so that the receiver recognises a repeat',
  'nondeterministic-state': 'store a value the message carries (its id, the sender\'s time) instead of a fresh one, or store it once, behind a deduplication check',
  'timer-rearm': 'arm the timer once (remember in the state that it is armed, or arm it behind a deduplication check), or compute its deadline from the message',
  'dropped-reply': 'answer a duplicate too: keep the check around the work only and reply after it, or remember the reply per id and send it again',
  'different-reply': 'answer a duplicate as the first delivery was answered: let the check accept what this handler recorded (e.g. `>=` for the ballot it promised), or remember the reply per id and send it again',
  'state-dependent-reply': 'remember the reply per request id and send it again to a duplicate (`const prior = state.replies.get(msg.id); if (prior !== undefined) return ctx.reply(msg, prior);`)',
};

/** How to fix a finding of this rule, in a sentence. */
export function fixAdvice(rule: IdempotencyRule): string {
  return advice[rule];
}
