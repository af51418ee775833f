/**
 * The chart as Mermaid `sequenceDiagram` text: participants in lane order,
 * one line per arrow in event order, notes for lifeline marks. Lost messages
 * use Mermaid's cross arrow (`-x`), duplicates a dotted arrow.
 */
import type { TraceEvent } from '../../src/common/traceFormat';
import { arrowVisible, eventVisible, type ChartFilter } from './chartFilter';
import { LOSS_REASON_TEXT, type ChartModel } from './chartModel';
import { markLabel } from './markLabel';

/** Mermaid's sequence diagrams get slow and unreadable long before this. */
export const MERMAID_EVENT_LIMIT = 2000;

export function exportMermaid(model: ChartModel, filter: ChartFilter, limit = MERMAID_EVENT_LIMIT): string {
  const lines = ['sequenceDiagram'];
  const alias = new Map<string, string>();
  for (const lane of model.lanes) {
    if (filter.hiddenNodes.has(lane.id)) continue;
    const name = `P${alias.size}`;
    alias.set(lane.id, name);
    lines.push(`    ${lane.role === 'client' ? 'actor' : 'participant'} ${name} as ${text(lane.id)}`);
  }
  let count = 0;
  const violations = new Set(model.violations.map((v) => v.i));
  for (const event of model.trace.events) {
    if (count >= limit) {
      lines.push(`    Note over ${[...alias.values()][0] ?? 'P0'}: … ${model.trace.events.length - count} more events not shown`);
      break;
    }
    if (event.kind === 'partition-start' || event.kind === 'partition-end') {
      const p = model.trace.partitions.find((x) => x.id === event.partition);
      const inside = (p?.groups.flat() ?? []).filter((id) => alias.has(id)).map((id) => alias.get(id)!);
      if (inside.length) lines.push(`    Note over ${inside[0]},${inside[inside.length - 1]}: ${text(event.kind === 'partition-start' ? `partition ${(p?.groups ?? []).map((g) => `{${g.join(', ')}}`).join(' | ')}` : 'partition heals')}`);
      count++;
      continue;
    }
    if (event.kind === 'heal') {
      const names = [...alias.values()];
      if (names.length) lines.push(`    Note over ${names[0]},${names[names.length - 1]}: the faults stop (healAt)`);
      count++;
      continue;
    }
    if (!eventVisible(filter, model, event)) continue;
    const line = eventLine(model, filter, alias, event, violations);
    if (line) {
      lines.push(`    ${line}`);
      count++;
    }
  }
  return `${lines.join('\n')}\n`;
}

function eventLine(model: ChartModel, filter: ChartFilter, alias: Map<string, string>, event: TraceEvent, violations: Set<number>): string | undefined {
  const who = alias.get(event.node);
  if (!who) return undefined;
  const arrows = model.arrowsOf(event).filter((a) => arrowVisible(filter, model, a));
  if (event.kind === 'deliver' || event.kind === 'drop') {
    const arrow = arrows.find((a) => a.endEvent === event);
    if (!arrow) return undefined;
    const from = alias.get(arrow.msg.from)!;
    const to = alias.get(arrow.msg.to)!;
    if (arrow.fate === 'lost') return `${from}-x${to}: ${text(`${arrow.msg.type} (lost: ${LOSS_REASON_TEXT[arrow.reason ?? 'loss']})`)}`;
    if (arrow.fate === 'duplicate') return `${from}-->>${to}: ${text(`${arrow.msg.type} (duplicate)`)}`;
    return `${from}->>${to}: ${text(arrow.msg.type)}`;
  }
  if (event.kind === 'send') {
    const inFlight = arrows.find((a) => a.fate === 'in-flight');
    return inFlight ? `${who}--)${alias.get(inFlight.msg.to)!}: ${text(`${inFlight.msg.type} (in flight at end)`)}` : undefined;
  }
  if (event.kind === 'start') return undefined;
  const label = markLabel(event);
  if (!label) return undefined;
  return `Note ${violations.has(event.i) ? 'over' : 'right of'} ${who}: ${text(event.kind === 'violation' ? `VIOLATION ${label}` : label)}`;
}

/**
 * Mermaid message and note text: ';' and '#' and newlines break its parser,
 * and its renderer reads markup, so angle brackets become entity codes too.
 */
function text(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/;/g, '#59;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/:/g, '#58;')
    .replace(/%/g, '#37;')
    .trim() || ' ';
}
