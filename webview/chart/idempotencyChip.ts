/**
 * The verdict bar's warning that the run proved a handler not idempotent
 * ("⚠ 1 handler not idempotent"), beside the property chips, so that a run
 * whose properties all pass does not look clean. A click selects the
 * delivery that proved it; with several, each click goes to the next.
 */
import type { Trace } from '../../src/common/traceFormat';
import { el } from './dom';

/** "1 handler not idempotent", "2 handlers not idempotent". */
export function idempotencyChipText(handlers: number): string {
  return `${handlers} handler${handlers === 1 ? '' : 's'} not idempotent`;
}

/** The chip, or undefined when the run holds no idempotency witness. */
export function idempotencyChip(trace: Trace, selectEvent: (index: number) => void): HTMLButtonElement | undefined {
  const witnesses = [...(trace.idempotency ?? [])].sort((a, b) => a.event - b.event);
  if (witnesses.length === 0) return undefined;
  const handlers = [...new Set(witnesses.map((w) => w.handler))];
  const text = idempotencyChipText(handlers.length);
  const chip = el('button', {
    className: 'pn-idempotency',
    attrs: { type: 'button', role: 'listitem', 'data-event': String(witnesses[0]!.event) },
    title: `${witnesses.map((w) => `${w.handler}: ${w.witness}`).join('\n')}\nClick to select the delivery that proved it.`,
  }, [el('span', { className: 'pn-verdict-icon', text: '⚠', attrs: { 'aria-hidden': 'true' } }), el('span', { text })]);
  chip.setAttribute('aria-label', `Warning: ${text} (${handlers.join(', ')}). Selects the delivery that proved it.`);
  let next = 0;
  chip.addEventListener('click', () => {
    const witness = witnesses[next % witnesses.length]!;
    next++;
    chip.dataset.event = String(witness.event);
    selectEvent(witness.event);
  });
  return chip;
}
