/**
 * The sorted lists of a model state — messages in flight by hash, a node's
 * timers by name — so that the order of a state's actions depends only on its
 * content. Every operation returns a new array (states are immutable).
 */
import type { Envelope, TimerEntry } from './modelState';

/** By hash, then by send time (copies of one message sent at different times differ under the time model). */
function compareEnvelopes(x: Envelope, y: Envelope): number {
  return x.a !== y.a ? x.a - y.a : x.b !== y.b ? x.b - y.b : x.sent - y.sent;
}

/** A copy of the (sorted) network with `envelope` inserted in order. */
export function insertEnvelope(network: readonly Envelope[], envelope: Envelope): Envelope[] {
  let lo = 0;
  let hi = network.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEnvelopes(network[mid], envelope) <= 0) lo = mid + 1;
    else hi = mid;
  }
  const copy = new Array<Envelope>(network.length + 1);
  for (let i = 0; i < lo; i++) copy[i] = network[i];
  copy[lo] = envelope;
  for (let i = lo; i < network.length; i++) copy[i + 1] = network[i];
  return copy;
}

/** A copy of the network without one copy of `envelope` (the same object, or one with equal hash and send time). */
export function removeEnvelope(network: readonly Envelope[], envelope: Envelope): Envelope[] {
  let at = network.indexOf(envelope);
  if (at < 0) at = network.findIndex((e) => e.a === envelope.a && e.b === envelope.b && e.sent === envelope.sent);
  const copy = new Array<Envelope>(network.length - 1);
  for (let i = 0, j = 0; i < network.length; i++) if (i !== at) copy[j++] = network[i];
  return copy;
}

/** Timers sorted by name, with `entry` replacing a timer of the same name. */
export function setTimer(timers: readonly TimerEntry[], entry: TimerEntry): TimerEntry[] {
  const copy = timers.filter((t) => t.name !== entry.name);
  let at = 0;
  while (at < copy.length && copy[at].name < entry.name) at++;
  copy.splice(at, 0, entry);
  return copy;
}
