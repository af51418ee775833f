/**
 * What a delivery did besides changing state: the messages it sent and the
 * timers it armed, compared between a first delivery and its duplicate.
 * Resending the same replies is fine (a re-acknowledgement); a duplicate that
 * answers the sender differently, or not at all where the first answered, is
 * not. Forwarding to third parties that a duplicate skips is what a
 * deduplicating flood must do, so only the sender's answer must be repeated.
 */
import type { JsonValue } from '../../common/traceFormat';
import { encodeValue } from '../../common/valueEncoding';
import type { Message, NodeId } from '../api/types';
import type { Command } from '../model/context';
import { keyOf, show } from './readableDiff';

function describeMessage(msg: Message): string {
  const encoded = encodeValue(msg) as { [key: string]: JsonValue };
  const { type, ...rest } = encoded;
  return Object.keys(rest).length === 0 ? `\`${String(type)}\`` : `\`${String(type)}\` ${show(rest)}`;
}

function repliesOf(commands: readonly Command[]): Message[] {
  return commands.flatMap((c) => (c.op === 'send' && c.reply ? [c.msg] : []));
}

function sendsBy(commands: readonly Command[]): Map<NodeId, Message[]> {
  const byDestination = new Map<NodeId, Message[]>();
  for (const c of commands) {
    if (c.op !== 'send') continue;
    let list = byDestination.get(c.to);
    if (!list) byDestination.set(c.to, (list = []));
    list.push(c.msg);
  }
  return byDestination;
}

const multiset = (messages: readonly Message[]) => messages.map((m) => keyOf(encodeValue(m))).sort().join('\n');

/** What a duplicate's sends got wrong compared with the first delivery's, or undefined when they are fine. */
export function sendsDifference(first: readonly Command[], second: readonly Command[], sender: NodeId): string | undefined {
  const once = sendsBy(first);
  const twice = sendsBy(second);
  const replied = repliesOf(first);
  if (replied.length > 0 && repliesOf(second).length === 0) {
    return `sent no reply, where the first replied ${replied.map(describeMessage).join(', ')} to \`${sender}\`: the answer to a retry is lost`;
  }
  for (const [to, messages] of twice) {
    const before = once.get(to) ?? [];
    if (multiset(before) === multiset(messages)) continue;
    const differing = messages.filter((m) => !before.some((b) => keyOf(encodeValue(b)) === keyOf(encodeValue(m))));
    const shown = (differing.length > 0 ? differing : messages).map(describeMessage).join(', ');
    const noun = to === sender ? 'replied' : `sent \`${to}\``;
    return before.length === 0 ? `${noun} ${shown} the second time, which the first delivery did not` : `${noun} ${shown} the second time where the first delivery sent ${before.map(describeMessage).join(', ')}`;
  }
  return undefined;
}

/** The timers a delivery armed or cancelled: name -> deadline and data (null: cancelled). */
export type TimerPlan = Map<string, { at: number; data: string } | null>;

export function timerPlan(commands: readonly Command[], now: number): TimerPlan {
  const plan: TimerPlan = new Map();
  for (const c of commands) {
    if (c.op === 'timer-set') plan.set(c.name, { at: now + c.delay, data: keyOf(encodeValue(c.data)) });
    else if (c.op === 'timer-cancel') plan.set(c.name, null);
  }
  return plan;
}

/** How a duplicate's timers differ from what the first delivery left armed, or undefined when they agree. */
export function timersDifference(first: TimerPlan, second: TimerPlan): string | undefined {
  for (const [name, timer] of second) {
    const before = first.get(name);
    if (timer === null) {
      if (before !== null) return `cancelled the timer \`${name}\`${before ? ` the first delivery armed for t=${before.at}` : ''}`;
      continue;
    }
    if (before === undefined || before === null) return `armed the timer \`${name}\` for t=${timer.at}, which the first delivery did not`;
    if (before.at !== timer.at) return `re-armed the timer \`${name}\` for t=${timer.at} (the first delivery armed it for t=${before.at})`;
    if (before.data !== timer.data) return `re-armed the timer \`${name}\` with other data (${timer.data} instead of ${before.data})`;
  }
  return undefined;
}
