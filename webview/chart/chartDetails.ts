/**
 * The details of the selected event: what happened, the message and its
 * payload, the node's state before and after, and the actions that need the
 * extension (open the state diff, reveal the handler).
 */
import type { ChartRequest } from '../../src/common/chartMessages';
import type { Trace, TraceEvent } from '../../src/common/traceFormat';
import { button, el } from './dom';
import { describeEvent, describeJourney, describeTimes, handlerKey, handlingEvent } from './eventText';
import { stateAfter, stateBefore } from '../../src/common/traceState';
import { witnessDetails } from './idempotencyWitnessMarks';
import { formatValue } from './valueText';

export interface DetailsActions {
  post?: (request: ChartRequest) => void;
  select: (event: number) => void;
}

export function renderDetails(target: HTMLElement, trace: Trace, event: TraceEvent | undefined, actions: DetailsActions): void {
  target.replaceChildren();
  if (!event) {
    target.append(el('p', { className: 'pn-hint', text: 'Click an arrow or a mark to see the message and the node’s state before and after. Keys: J/K next/previous event, N/P next/previous violation, +/− zoom.' }));
    return;
  }
  target.append(el('h3', { className: 'pn-details-title', text: describeEvent(trace, event) }));
  target.append(el('p', { className: 'pn-meta', text: `#${event.i} · ${describeTimes(event)} · vector clock [${event.vc.join(', ')}]` }));
  // The actions come first, so they are in view without scrolling the details.
  const nav = el('div', { className: 'pn-actions' });
  target.append(nav);
  if (event.error) target.append(el('p', { className: 'pn-error', text: `Handler threw: ${event.error}` }));
  const witness = witnessDetails(trace, event);
  if (witness) target.append(witness);

  const msg = event.msg !== undefined ? trace.messages[event.msg] : undefined;
  if (msg) {
    target.append(
      el('div', { className: 'pn-section' }, [
        el('h4', { text: `Message ${msg.type} #${msg.id}: ${msg.from} → ${msg.to}` }),
        el('p', { className: 'pn-meta', text: describeJourney(msg) }),
        el('pre', { className: 'pn-code', text: formatValue(msg.payload) }),
      ]),
    );
    if (event.kind !== 'send') nav.append(button('Go to send', 'Select the send of this message', () => actions.select(msg.sendEvent)));
    const end = msg.deliveries[0]?.event ?? msg.drops[0]?.event;
    if (event.kind === 'send' && end !== undefined) nav.append(button('Go to delivery', 'Select where this message ended', () => actions.select(end)));
  } else if (event.data !== undefined) {
    target.append(el('div', { className: 'pn-section' }, [el('h4', { text: 'Data' }), el('pre', { className: 'pn-code', text: formatValue(event.data) })]));
  }
  if (event.cause !== undefined) {
    const cause = event.cause;
    nav.append(button('Go to cause', 'Select the event whose handler did this', () => actions.select(cause)));
  }

  // An effect, log or send happens inside a handler: show the state around that handler.
  const handler = handlingEvent(trace, event);
  const around = handler.node === event.node ? handler : event;
  const before = stateBefore(trace, event.node, around.i);
  const after = stateAfter(trace, event.node, Math.max(around.i, event.i));
  const beforeText = before === undefined ? '(no state yet)' : formatValue(before);
  const afterText = after === undefined ? '(no state yet)' : formatValue(after);
  const changed = beforeText !== afterText;
  target.append(
    el('div', { className: 'pn-section' }, [
      el('h4', { text: `State of ${event.node}${around !== event ? `, around the handler of #${around.i} ${around.kind}` : ''}${changed ? ' (changed)' : ' (unchanged)'}` }),
      el('div', { className: 'pn-states' }, [
        el('figure', {}, [el('figcaption', { text: 'before' }), el('pre', { className: 'pn-code', text: beforeText, attrs: { 'data-state': 'before' } })]),
        el('figure', {}, [el('figcaption', { text: 'after' }), el('pre', { className: `pn-code${changed ? ' pn-changed' : ''}`, text: afterText, attrs: { 'data-state': 'after' } })]),
      ]),
    ]),
  );

  const unavailable = 'Needs the Protocol Notebook extension (messaging is unavailable here)';
  const diff = button('Open state diff', actions.post ? 'Open the state before and after in the diff editor' : unavailable, () =>
    actions.post?.({ type: 'openStateDiff', node: event.node, event: event.i, title: `${event.node} @ #${event.i} ${event.kind}`, before: beforeText, after: afterText }),
  );
  diff.dataset.action = 'openStateDiff';
  const key = handlerKey(trace, handler);
  const kind = trace.nodes.find((n) => n.id === handler.node)?.kind;
  const location = trace.handlers?.find((h) => h.handler === key && (kind === undefined || h.kind === kind));
  const reveal = button('Reveal handler', actions.post ? `Show the ${key ?? ''} handler in the notebook` : unavailable, () => {
    if (key) actions.post?.({ type: 'revealHandler', handler: key, ...(kind ? { nodeKind: kind } : {}), ...(location ? { location } : {}) });
  });
  reveal.dataset.action = 'revealHandler';
  diff.disabled = !actions.post;
  reveal.disabled = !actions.post || key === undefined;
  nav.prepend(diff, reveal);
}
