/** The hover text of an event or message, and the one-line summary of a run above the chart. */
import type { Trace } from '../../src/common/traceFormat';
import type { ChartModel } from './chartModel';
import { el } from './dom';
import { describeEvent, describeJourney, describeTimes, formatCount, formatTime } from './eventText';
import type { Hit } from './hitTest';
import { formatValue } from './valueText';
import { propertiesText } from '../../src/common/verdictCount';

/** Fills and places the tooltip for what is under the pointer (`x`, `y` in stage pixels), or hides it. */
export function renderTooltip(tooltip: HTMLElement, stage: HTMLElement, trace: Trace, hit: Hit | undefined, x: number, y: number): void {
  if (!hit) {
    tooltip.hidden = true;
    return;
  }
  const event = hit.event;
  const msg = hit.arrow?.msg ?? (event.msg !== undefined ? trace.messages[event.msg] : undefined);
  const parts: Node[] = [el('div', { className: 'pn-tip-title', text: describeEvent(trace, event) }), el('div', { className: 'pn-meta', text: `#${event.i} · ${describeTimes(event)}` })];
  if (msg) {
    parts.push(el('div', { className: 'pn-meta', text: describeJourney(msg) }));
    parts.push(el('pre', { className: 'pn-code', text: truncateText(formatValue(msg.payload), 1200) }));
  } else if (event.data !== undefined) parts.push(el('pre', { className: 'pn-code', text: truncateText(formatValue(event.data), 1200) }));
  tooltip.replaceChildren(...parts);
  tooltip.hidden = false;
  const tipWidth = tooltip.offsetWidth;
  tooltip.style.left = `${Math.max(4, Math.min(x + 14, stage.clientWidth - tipWidth - 8))}px`;
  const below = y + 16 + tooltip.offsetHeight < stage.clientHeight;
  tooltip.style.top = `${below ? y + 16 : Math.max(4, y - tooltip.offsetHeight - 10)}px`;
}

export function summaryText(model: ChartModel): string {
  const { trace } = model;
  const s = trace.stats;
  const failed = trace.properties.filter((p) => p.status === 'fail').length;
  const parts = [
    `seed ${trace.seed}`,
    `${formatCount(s.events)} events`,
    `${formatCount(s.messagesSent)} messages`,
    `${formatCount(s.dropped)} lost`,
    `${formatCount(s.duplicatesDelivered)} duplicated`,
    `${s.crashes} crash${s.crashes === 1 ? '' : 'es'}`,
    `ended at t=${formatTime(trace.endTime)} (${trace.endReason})`,
    propertiesText(trace.properties.length, failed),
  ];
  if (trace.truncated) parts.push(trace.truncated.note);
  return parts.filter(Boolean).join(' · ');
}


function truncateText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}\n…` : text;
}
